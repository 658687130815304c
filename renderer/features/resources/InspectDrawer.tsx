import { RefreshCw, X } from 'lucide-react';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { BerthError } from '../../../shared/errors';
import type { Json } from '../../../shared/json';
import { IconButton } from '../../components/IconButton';
import { JsonViewer } from '../../components/JsonViewer';
import { Spinner } from '../../components/Spinner';
import { errorMessage } from '../../components/Toasts';
import { redactEnvInJson } from '../../presentation/secrets';
import './resources.css';

/**
 * Side panel with the raw inspect JSON of one image, volume or network, next to the list (the table
 * stays usable). Shared by the three resource views. Escape inside the panel closes it.
 */
export interface InspectTarget {
  /** Stable key: a new key reloads. */
  key: string;
  /** What the heading names, e.g. "busybox:latest". */
  title: string;
  /** "Image", "Volume", "Network". */
  kind: string;
  load: () => Promise<{ raw: Json }>;
}

type LoadState =
  { state: 'loading' } | { state: 'ready'; raw: Json } | { state: 'error'; error: unknown; notFound: boolean };

export function InspectDrawer({
  target,
  summary,
  onClose,
}: {
  target: InspectTarget;
  summary?: ReactNode;
  onClose: () => void;
}) {
  const [load, setLoad] = useState<LoadState>({ state: 'loading' });
  const [nonce, setNonce] = useState(0);
  const panelRef = useRef<HTMLElement>(null);
  const loader = useRef(target.load);
  loader.current = target.load;

  useEffect(() => {
    let live = true;
    setLoad({ state: 'loading' });
    loader.current().then(
      (r) => live && setLoad({ state: 'ready', raw: r.raw }),
      (error: unknown) =>
        live && setLoad({ state: 'error', error, notFound: (error as BerthError | undefined)?.code === 'NOT_FOUND' }),
    );
    return () => {
      live = false;
    };
  }, [target.key, nonce]);

  // On close, give focus back to where it came from (the row's Inspect button or the grid).
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const panel = panelRef.current;
    return () => {
      const active = document.activeElement;
      const focusWasInside = active === null || active === document.body || (panel?.contains(active) ?? false);
      if (focusWasInside && previous?.isConnected) previous.focus({ preventScroll: true });
    };
  }, []);

  // Land keyboard focus in the panel when it opens for a new object.
  useEffect(() => {
    panelRef.current?.focus({ preventScroll: true });
  }, [target.key]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const label = `Inspect ${target.kind.toLowerCase()} ${target.title}`;

  return (
    <aside
      ref={panelRef}
      className="rv-drawer"
      aria-label={label}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="rv-drawer-head">
        <div className="rv-drawer-titles">
          <span className="rv-drawer-kind">{target.kind}</span>
          <h2 className="rv-drawer-title mono" title={target.title}>
            {target.title}
          </h2>
        </div>
        <IconButton label="Reload" icon={RefreshCw} size="sm" onClick={reload} />
        <IconButton label="Close inspect panel" icon={X} size="sm" onClick={onClose} />
      </div>
      {summary && <div className="rv-drawer-summary">{summary}</div>}
      <div className="rv-drawer-body">
        {load.state === 'loading' && (
          <div className="rv-drawer-center">
            <Spinner label={`Loading ${target.kind.toLowerCase()} details`} />
          </div>
        )}
        {load.state === 'error' && (
          <div className="rv-drawer-center">
            <div className="inline-error" role="alert">
              {load.notFound
                ? `${target.kind} ${target.title} no longer exists.`
                : `Could not inspect ${target.kind.toLowerCase()} ${target.title}: ${errorMessage(load.error)}`}
            </div>
          </div>
        )}
        {load.state === 'ready' && (
          <JsonViewer
            value={load.raw}
            label={`${target.kind} inspect JSON`}
            defaultExpandDepth={1}
            redact={redactEnvInJson}
          />
        )}
      </div>
    </aside>
  );
}

/** Compact key/value list for the top of the panel. */
export function Facts({ items }: { items: ReadonlyArray<[string, ReactNode]> }) {
  return (
    <dl className="rv-facts">
      {items.map(([k, v]) => (
        <div key={k} className="rv-fact">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
