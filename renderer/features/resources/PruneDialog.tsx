import { useMemo, useState, type ReactNode } from 'react';
import { Dialog } from '../../components/Dialog';
import { SegmentedControl } from '../../components/SegmentedControl';
import { Spinner } from '../../components/Spinner';
import { toast } from '../../components/Toasts';
import { formatBytes, plural } from '../../presentation/format';
import { PruneTable } from './PruneTable';
import { usePrunePreview, type PruneFailure } from './usePrunePreview';
import './prune.css';

/** One column of the preview table; `sizes` are what "Show sizes" fetched (when the kind has it). */
export interface PruneColumn<C> {
  id: string;
  header: string;
  /** `num`: right-aligned, fixed width; `id`: short ids. */
  align?: 'num' | 'id';
  /** A fixed width in px (columns without one share what is left with the name). */
  width?: number;
  cell: (c: C, ctx: { now: number; sizes: ReadonlyMap<string, number> | undefined }) => ReactNode;
}

export interface PruneMode<M extends string> {
  value: M;
  label: string;
  /** One line under the modes saying what this mode removes. */
  note: string;
}

/**
 * What a kind's prune is: how to compute the preview (never removing anything), how to show each
 * candidate, the space freed, and how to remove exactly the confirmed ones. `P` is the preview, `C` a
 * candidate, `M` the modes (e.g. dangling / all).
 */
export interface PruneSpec<P, C, M extends string> {
  /** "image": the dialog's words ("Prune images", "Delete 3 images"). */
  noun: string;
  nounPlural?: string;
  description: string;
  modes?: { label: string; initial: M; options: readonly PruneMode<M>[] };
  load: (mode: M) => Promise<P>;
  items: (preview: P) => readonly C[];
  id: (c: C) => string;
  label: (c: C) => string;
  /** A faint label (e.g. an untagged image). */
  faint?: (c: C) => boolean;
  columns: readonly PruneColumn<C>[];
  /** A warning under a candidate's name (e.g. stopped containers configured with a network). */
  note?: (c: C) => ReactNode;
  /** Bytes the selected candidates free; undefined when unknown (sizes not fetched, or none known). */
  reclaim?: (
    preview: P,
    selected: ReadonlySet<string>,
    sizes: ReadonlyMap<string, number> | undefined,
  ) => number | undefined;
  /** Sizes on demand: the engine computes them only when the user asks ("Show sizes"). */
  sizes?: (items: readonly C[]) => Promise<ReadonlyMap<string, number>>;
  /** Removes exactly these ids; each one the engine kept comes back with its reason. */
  remove: (ids: string[]) => Promise<{ failed: readonly PruneFailure[] }>;
  nothing: (mode: M) => string;
}

/**
 * Prune with a preview, for any kind: the exact objects that go (each can be kept by unticking it) and
 * the space freed; confirming removes exactly the ticked ids, never what appeared since the preview.
 */
export function PruneDialog<P, C, M extends string>({
  spec,
  onClose,
  onPruned,
}: {
  spec: PruneSpec<P, C, M>;
  onClose: () => void;
  onPruned: () => void;
}) {
  const nouns = spec.nounPlural ?? `${spec.noun}s`;
  const [mode, setMode] = useState<M | undefined>(spec.modes?.initial);
  const state = usePrunePreview(spec, mode);
  const { preview, items, selected, sizes, busy } = state;
  const count = items.filter((c) => selected.has(spec.id(c))).length;
  const total = useMemo(
    () => (preview && spec.reclaim ? spec.reclaim(preview, selected, sizes) : undefined),
    [preview, selected, sizes, spec],
  );
  const counted = (n: number): string => plural(n, spec.noun, nouns);
  const withTotal = (text: string): string => (total === undefined ? text : `${text} (${formatBytes(total)})`);

  const confirm = async (): Promise<void> => {
    const res = await state.confirm();
    if (!res) return;
    onPruned();
    if (res.removed > 0) {
      toast.success(
        `Pruned ${counted(res.removed)}`,
        total === undefined ? undefined : `${formatBytes(total)} reclaimed`,
      );
    }
    if (res.failed.length === 0) onClose();
  };

  return (
    <Dialog
      open
      title={`Prune ${nouns}`}
      description={spec.description}
      width={680}
      dismissable={!busy}
      onClose={onClose}
      footer={
        <>
          <span className="pr-total tabular" aria-live="polite">
            {preview
              ? `${counted(count)} selected${total === undefined ? '' : ` · ${formatBytes(total)} to reclaim`}`
              : ''}
          </span>
          <span className="dialog-footer-spacer" />
          <button type="button" className="btn" onClick={onClose} disabled={busy} autoFocus>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={busy || count === 0}
            onClick={() => void confirm()}
          >
            {busy && <Spinner size={12} />}
            {count === 0 ? `Delete ${nouns}` : withTotal(`Delete ${counted(count)}`)}
          </button>
        </>
      }
    >
      <div className="pr-body">
        {(spec.modes || spec.sizes) && (
          <div className="pr-bar">
            {spec.modes && mode !== undefined && (
              <>
                <SegmentedControl
                  label={spec.modes.label}
                  value={mode}
                  onChange={setMode}
                  options={spec.modes.options}
                />
                <span className="pr-note">{spec.modes.options.find((o) => o.value === mode)?.note}</span>
              </>
            )}
            {spec.sizes && (
              <button
                type="button"
                className="btn btn-sm pr-sizes"
                disabled={!preview || items.length === 0 || state.sizing || sizes !== undefined}
                onClick={() => void state.loadSizes()}
              >
                {state.sizing && <Spinner size={12} />}
                {sizes ? 'Sizes shown' : 'Show sizes'}
              </button>
            )}
          </div>
        )}
        {!preview && !state.loadError && <Spinner label={`Finding ${nouns} to prune`} />}
        {state.loadError && (
          <div className="inline-error" role="alert">
            Could not compute the preview: {state.loadError.message}
          </div>
        )}
        {state.sizeError && (
          <div className="inline-error" role="alert">
            Could not compute sizes: {state.sizeError.message}
          </div>
        )}
        {preview && items.length === 0 && (
          <div className="pr-empty" role="status">
            Nothing to prune: {spec.nothing(mode as M)}
          </div>
        )}
        {preview && items.length > 0 && <PruneTable spec={spec} nouns={nouns} state={state} />}
        {state.failed.length > 0 && (
          <div className="inline-error" role="alert">
            <div>The engine kept {counted(state.failed.length)}:</div>
            <ul className="pr-errors">
              {state.failed.map((f) => (
                <li key={f.id}>
                  <span className="mono">{f.label}</span>: {f.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </Dialog>
  );
}
