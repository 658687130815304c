import { useEffect, useMemo, useState } from 'react';
import { parseReference, parseTagTarget, registryLabel } from '../../../shared/reference';
import { Dialog } from '../../components/Dialog';
import { toast } from '../../components/Toasts';
import { imagesList } from '../images/imagesStore';
import { LoginDialog } from './LoginDialog';
import { TransferProgress } from './TransferProgress';
import { useTransfer } from './useTransfer';

/**
 * Pull (reference typed in, validated inline by Docker's rules) or push (the row's tag) with per-layer
 * progress, an overall bar and Cancel. When the registry wants credentials, a login dialog for that
 * registry opens and the transfer starts again after a successful login.
 */
export function TransferDialog({
  verb,
  initialRef = '',
  onClose,
}: {
  verb: 'Pull' | 'Push';
  initialRef?: string;
  onClose: () => void;
}) {
  const channel = verb === 'Pull' ? 'images.pull' : 'images.push';
  const [text, setText] = useState(initialRef);
  const [touched, setTouched] = useState(false);
  const [login, setLogin] = useState<{ registry: string; reason: string } | undefined>();
  const { state, start, cancel, reset } = useTransfer(channel, (f) => {
    imagesList.refresh();
    toast.success(verb === 'Pull' ? `Pulled ${f.ref}` : `Pushed ${f.ref}`, f.digest);
  });
  const parsed = useMemo(() => (verb === 'Pull' ? parseReference(text) : parseTagTarget(text)), [text, verb]);
  const running = state.phase === 'running';

  const go = (): void => {
    setTouched(true);
    if (!parsed.ok || running) return;
    start(text.trim());
  };

  // An UNAUTHORIZED failure asks for credentials (once per failure).
  const unauthorized = state.phase === 'error' && state.error.code === 'UNAUTHORIZED';
  const authRegistry =
    unauthorized && typeof state.error.details?.registry === 'string'
      ? state.error.details.registry
      : parsed.ok
        ? parsed.ref.authKey
        : '';

  // Each new UNAUTHORIZED failure opens the login dialog for that registry once.
  useEffect(() => {
    if (state.phase === 'error' && state.error.code === 'UNAUTHORIZED') {
      const registry = typeof state.error.details?.registry === 'string' ? state.error.details.registry : '';
      setLogin({
        registry,
        reason: `${registry ? registryLabel(registry) : 'The registry'} needs credentials: ${state.error.message}`,
      });
    }
  }, [state]);

  const editable = verb === 'Pull' && !running;
  const showProgress =
    state.phase === 'running' || state.phase === 'done' || (state.phase === 'error' && state.layers.length > 0);
  const errorText =
    state.phase === 'error'
      ? state.error.code === 'NOT_FOUND'
        ? `Not found: ${state.error.message}`
        : state.error.code === 'UNAUTHORIZED'
          ? `${registryLabel(authRegistry)} needs credentials: ${state.error.message}`
          : state.error.message
      : undefined;

  return (
    <>
      <Dialog
        open
        title={verb === 'Pull' ? 'Pull image' : `Push ${initialRef}`}
        description={
          verb === 'Pull'
            ? 'From Docker Hub or any registry: [registry/]name[:tag|@digest].'
            : 'Uploads the image to the registry its name points at.'
        }
        onClose={() => {
          cancel();
          onClose();
        }}
        width={640}
        footer={
          <>
            {state.phase === 'done' && (
              <span className="rg-done-note" title={state.digest}>
                {verb === 'Push' && state.digest ? `Digest ${state.digest}` : state.status}
              </span>
            )}
            <span className="dialog-footer-spacer" />
            {running ? (
              <button type="button" className="btn" onClick={cancel}>
                Cancel {verb.toLowerCase()}
              </button>
            ) : (
              <button type="button" className="btn" onClick={onClose}>
                Close
              </button>
            )}
            {!running && (
              <button type="submit" form="rg-transfer-form" className="btn btn-primary">
                {state.phase === 'idle' ? verb : state.phase === 'done' ? `${verb} again` : 'Try again'}
              </button>
            )}
          </>
        }
      >
        <form
          id="rg-transfer-form"
          className="rg-form"
          onSubmit={(e) => {
            e.preventDefault();
            go();
          }}
        >
          {verb === 'Pull' ? (
            <label className="rg-field">
              <span className="rg-label">Image reference</span>
              <input
                className="input mono"
                value={text}
                placeholder="busybox, ghcr.io/owner/app:1.2, localhost:5000/team/api@sha256:…"
                spellCheck={false}
                autoFocus
                readOnly={!editable}
                aria-invalid={(touched || text.trim() !== '') && !parsed.ok ? true : undefined}
                aria-describedby="rg-ref-help"
                onChange={(e) => {
                  setText(e.target.value);
                  if (state.phase !== 'running' && state.phase !== 'idle') reset();
                }}
              />
              <span id="rg-ref-help" className={parsed.ok || !touched ? 'rg-field-help' : 'rg-field-error'}>
                {parsed.ok ? (
                  <>
                    Pulls <span className="mono">{parsed.ref.canonical}</span>
                  </>
                ) : touched || text.trim() !== '' ? (
                  parsed.error
                ) : (
                  'Name, optional registry host, tag (default latest) or digest'
                )}
              </span>
            </label>
          ) : null}
          {state.phase === 'cancelled' && (
            <div className="rg-note" role="status">
              {verb} of <span className="mono">{state.ref}</span> cancelled.
            </div>
          )}
          {showProgress && (
            <TransferProgress
              verb={verb}
              layers={state.layers}
              overall={state.overall ?? { percent: 0, currentBytes: 0, totalBytes: 0, layersDone: 0, layersTotal: 0 }}
              status={state.phase === 'error' ? undefined : state.status}
              finished={state.phase === 'done'}
            />
          )}
          {errorText && (
            <div className="inline-error" role="alert">
              {errorText}
              {unauthorized && (
                <div className="rg-error-actions">
                  <button
                    type="button"
                    className="btn btn-sm"
                    onClick={() => setLogin({ registry: authRegistry, reason: errorText })}
                  >
                    Log in…
                  </button>
                </div>
              )}
            </div>
          )}
        </form>
      </Dialog>
      {login && (
        <LoginDialog
          registry={login.registry}
          reason={login.reason}
          onCancel={() => setLogin(undefined)}
          onDone={(registry) => {
            setLogin(undefined);
            toast.success(`Logged in to ${registryLabel(registry)}`);
            start((state.phase === 'error' ? state.ref : text).trim());
          }}
        />
      )}
    </>
  );
}
