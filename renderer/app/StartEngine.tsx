import { Copy, Play } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import type { LocalTools } from '../../shared/contracts/engine-service';
import { api } from '../api';
import { Spinner } from '../components/Spinner';
import { errorMessage, toast } from '../components/Toasts';
import { useEngineStatusStore } from '../stores/engineStatus';

/**
 * "How to start one" on the No-engine screen: a "Start Podman" action when podman is installed;
 * the root command to copy when only dockerd is; what to install when neither is.
 */

function useLocalTools(): { tools: LocalTools | undefined; error: string | undefined } {
  const [tools, setTools] = useState<LocalTools>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    api.invoke('engine.localTools', {}).then(
      (t) => live && setTools(t),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, []);
  return { tools, error };
}

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toast.success('Copied to the clipboard', text);
  } catch (err) {
    toast.error('Could not copy', errorMessage(err));
  }
}

export function CopyCommand({ command }: { command: string }) {
  return (
    <span className="copy-command">
      <code>{command}</code>
      <button
        type="button"
        className="btn btn-ghost btn-sm"
        aria-label={`Copy “${command}”`}
        title="Copy"
        onClick={() => void copy(command)}
      >
        <Copy size={13} aria-hidden="true" />
      </button>
    </span>
  );
}

export function StartEngineSection() {
  const { tools, error } = useLocalTools();
  if (error) return <p className="screen-note">Berth could not look for local engines: {error}</p>;
  if (!tools) return <Spinner size={14} label="Looking for local engines" />;
  if (tools.podman) return <StartPodman tools={tools} />;
  if (tools.dockerd) {
    return (
      <div className="start-engine">
        <p className="screen-note">
          Docker Engine is installed (<code>{tools.dockerd}</code>) but not running. Its daemon runs as root, so Berth
          cannot start it for you: run this in a terminal, then retry.
        </p>
        <dl className="howto">
          <dt>With systemd</dt>
          <dd>
            <CopyCommand command="sudo systemctl start docker" />
          </dd>
          <dt>Without</dt>
          <dd>
            <CopyCommand command="sudo dockerd" />
          </dd>
        </dl>
      </div>
    );
  }
  return (
    <p className="screen-note">
      Neither Podman nor Docker is installed. Install Podman (e.g. <code>sudo apt install podman</code>), which Berth
      can then start for you, or Docker Engine (<code>sudo apt install docker.io</code>), then retry.
    </p>
  );
}

function StartPodman({ tools }: { tools: LocalTools }) {
  const id = useId();
  const [keep, setKeep] = useState(tools.keep);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const reconnect = useEngineStatusStore((s) => s.reconnect);
  const command = tools.systemd
    ? 'systemctl --user start podman.socket'
    : `podman system service --time=0 ${tools.podmanHost}`;

  const start = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await api.invoke('engine.startPodman', { keep });
      // The engine is connected now; its status also arrives through engine.watch.
      await reconnect();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <div className="start-engine">
      <p className="screen-note">
        Podman is installed. Berth can start its API service for you{tools.systemd ? ' (systemd --user)' : ''}:{' '}
        <code>{command}</code>
      </p>
      {tools.runtimeDirNote && <p className="screen-note">{tools.runtimeDirNote}</p>}
      <div className="start-engine-row">
        <button type="button" className="btn btn-primary" onClick={() => void start()} disabled={busy}>
          {busy ? <Spinner size={12} /> : <Play size={14} aria-hidden="true" />}
          {busy ? 'Starting Podman…' : 'Start Podman'}
        </button>
        <div className="check-row">
          <input id={id} type="checkbox" checked={keep} disabled={busy} onChange={(e) => setKeep(e.target.checked)} />
          <label htmlFor={id} className="check-label">
            Keep Podman running after Berth quits
          </label>
        </div>
      </div>
      {error && (
        <div className="start-engine-error" role="alert">
          Podman did not start: {error}
        </div>
      )}
    </div>
  );
}
