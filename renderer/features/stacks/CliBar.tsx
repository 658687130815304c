import { CircleAlert, Terminal } from 'lucide-react';
import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { PathField } from '../../components/PathField';
import { Spinner } from '../../components/Spinner';
import { describeCli } from '../../presentation/compose';
import { errorMessage, toast } from '../../stores/toasts';
import { setComposeCliPath, useComposeCli } from './cliStore';

/**
 * Which compose CLI runs Up, Down, Pull, Build and Scale; when there is none, says so plainly, how to
 * install one, and offers "Set path…". Start/Stop/Restart/Pause/Unpause work either way (Engine API).
 */
export function CliBar() {
  const { info, loading, error } = useComposeCli();
  const [setting, setSetting] = useState(false);
  const found = info?.found === true;
  return (
    <div className={`stack-cli${found ? '' : ' is-missing'}`} role="region" aria-label="Compose CLI">
      {loading && !info ? (
        <Spinner size={12} label="Looking for the compose CLI" />
      ) : found && info ? (
        <>
          <Terminal size={13} aria-hidden="true" className="stack-cli-icon" />
          <span className="mono">{describeCli(info)}</span>
          {info.userPath && <span className="cell-muted">· path set in Berth</span>}
        </>
      ) : (
        <>
          <CircleAlert size={14} aria-hidden="true" className="stack-cli-icon is-warn" />
          <span className="stack-cli-text">
            <strong>No compose CLI.</strong> Up, Down, Pull, Build and Scale need the compose CLI; Start, Stop, Restart,
            Pause and Unpause still work. Install Docker’s compose plugin (<span className="mono">docker compose</span>)
            or <span className="mono">docker-compose</span> (e.g.{' '}
            <span className="mono">apt install docker-compose</span>), or set the path to one.
            {/* The server's reason only when it adds something: a path the user set that does not work. */}
            {(info?.userPath ? info.error : error) && (
              <span className="stack-cli-error"> {info?.userPath ? info.error : error}</span>
            )}
          </span>
        </>
      )}
      <span className="bulk-spacer" />
      {info?.userPath && (
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() =>
            void setComposeCliPath(null).catch((err: unknown) => toast.fromError('Could not clear the path', err))
          }
        >
          Clear path
        </button>
      )}
      <button type="button" className="btn btn-sm" onClick={() => setSetting(true)}>
        Set path…
      </button>
      {setting && <SetPathDialog initial={info?.userPath ?? ''} onClose={() => setSetting(false)} />}
    </div>
  );
}

function SetPathDialog({ initial, onClose }: { initial: string; onClose(): void }) {
  const [path, setPath] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const submit = async (): Promise<void> => {
    if (!path.trim()) {
      setFieldError('Choose the compose program, e.g. /usr/bin/docker-compose');
      return;
    }
    setBusy(true);
    try {
      const { info, refused } = await setComposeCliPath(path.trim());
      if (refused) setFieldError(`Not used: ${refused}`);
      else {
        toast.success('Compose CLI set', describeCli(info));
        onClose();
      }
    } catch (err) {
      setFieldError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      title="Compose CLI path"
      width={560}
      onClose={onClose}
      dismissable={!busy}
      description="Berth asks it for its version before using it."
      footer={
        <>
          <span className="dialog-footer-spacer" />
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void submit()}>
            {busy && <Spinner size={12} />}
            Use this CLI
          </button>
        </>
      }
    >
      <PathField
        label="Compose program"
        mode="file"
        value={path}
        placeholder="/usr/bin/docker-compose"
        error={fieldError}
        hint="docker-compose (v1 or v2 standalone), or the docker binary with the compose plugin"
        onChange={(p) => {
          setPath(p);
          setFieldError(undefined);
        }}
      />
    </Dialog>
  );
}
