import { Eraser, Search, TextCursor, TriangleAlert } from 'lucide-react';
import { useCallback, useState } from 'react';
import { Badge } from '../../components/Badge';
import { IconButton } from '../../components/IconButton';
import { useEngineReady } from '../../stores/engineStatus';
import { toast } from '../../stores/toasts';
import { saveSettings, useSettings } from '../settings/store';
import { copyText } from '../../lib/clipboard';
import { TerminalContextMenu } from './TerminalContextMenu';
import { TerminalFind } from './TerminalFind';
import { useTerminalStream, type SessionSpec, type Status } from './useTerminalStream';
import { useXterm } from './useXterm';

export type { SessionSpec } from './useTerminalStream';

/**
 * One terminal: an xterm.js instance (useXterm) bound to an exec or attach session (useTerminalStream).
 * Stays mounted while its tab is hidden; unmounting closes the stream, which ends the exec in the engine.
 */
export function TerminalSession({
  containerId,
  spec,
  active,
  title,
}: {
  containerId: string;
  spec: SessionSpec;
  active: boolean;
  title: string;
}) {
  const [menu, setMenu] = useState<{ x: number; y: number } | undefined>();
  const [finding, setFinding] = useState(false);
  const cursorBlink = useSettings((v) => v.terminal.cursorBlink);
  // The stream needs the terminal and the terminal sends its input to the stream: tie them by refs.
  const [handlers] = useState(() => ({
    input: (_data: string): void => undefined,
    resize: (_size: { cols: number; rows: number }): void => undefined,
  }));
  const xterm = useXterm(active, {
    onInput: (data) => handlers.input(data),
    onResize: (size) => handlers.resize(size),
    onFind: () => setFinding(true),
  });
  const { termRef } = xterm;
  const stream = useTerminalStream(containerId, spec, termRef, xterm.fitNow);
  handlers.input = stream.input;
  handlers.resize = stream.resize;

  const closeFind = useCallback(() => {
    setFinding(false);
    termRef.current?.focus();
  }, [termRef]);

  const paste = async (): Promise<void> => {
    const term = termRef.current;
    if (!term) return;
    stream.hold();
    let text = '';
    try {
      text = await navigator.clipboard.readText();
    } catch {
      toast.info('Paste with Ctrl+V', 'The browser did not let Berth read the clipboard from the menu.');
    }
    if (text) term.paste(text);
    stream.release();
    term.focus();
  };

  const { status } = stream;
  return (
    <div className="term-session" hidden={!active} aria-label={title} role="group">
      <div className="term-toolbar">
        <span className="term-command mono" title={commandLabel(spec)}>
          {commandLabel(spec)}
        </span>
        <StatusBadge status={status} />
        <div className="term-toolbar-actions">
          <IconButton label="Find in terminal" icon={Search} size="sm" onClick={() => setFinding(true)} />
          <IconButton label="Clear terminal" icon={Eraser} size="sm" onClick={() => termRef.current?.clear()} />
          <IconButton
            label="Blinking cursor"
            title={
              cursorBlink
                ? 'Blinking cursor: on (a steady cursor shows each echo a frame sooner)'
                : 'Blinking cursor: off'
            }
            icon={TextCursor}
            size="sm"
            aria-pressed={cursorBlink}
            className={cursorBlink ? 'is-on' : undefined}
            onClick={() => {
              void saveSettings({ terminal: { cursorBlink: !cursorBlink } }).catch((err: unknown) =>
                toast.error('Could not save the cursor setting', err instanceof Error ? err.message : String(err)),
              );
              termRef.current?.focus();
            }}
          />
        </div>
      </div>
      {spec.mode === 'attach' && <AttachNote spec={spec} status={status} />}
      <EndNote status={status} onReconnect={stream.reconnect} />
      <div className="term-body">
        {finding && <TerminalFind search={xterm.searchRef.current} onClose={closeFind} />}
        <div
          ref={xterm.hostRef}
          className="term-host"
          onContextMenu={(e) => {
            e.preventDefault();
            setMenu({ x: e.clientX, y: e.clientY });
          }}
        />
      </div>
      {menu && (
        <TerminalContextMenu
          x={menu.x}
          y={menu.y}
          canCopy={termRef.current?.hasSelection() ?? false}
          onClose={() => {
            setMenu(undefined);
            termRef.current?.focus();
          }}
          onCopy={() => {
            const term = termRef.current;
            if (term?.hasSelection()) void copyText(term.getSelection());
          }}
          onPaste={() => void paste()}
          onSelectAll={() => termRef.current?.selectAll()}
          onClear={() => termRef.current?.clear()}
        />
      )}
    </div>
  );
}

function AttachNote({ spec, status }: { spec: SessionSpec; status: Status }) {
  return (
    <div className="term-note is-warning" role="note">
      <TriangleAlert size={14} aria-hidden="true" />
      <span>
        Attached to the container&apos;s main process: Ctrl-C may stop the container. Detach with{' '}
        <kbd>{spec.detachKeys || 'ctrl-p,ctrl-q'}</kbd>.
        {status.kind === 'live' && !status.stdin && ' Input is not connected: the container was started without -i.'}
      </span>
    </div>
  );
}

/** Why the session ended, with the one Reconnect (or Try again) button, enabled once the engine answers. */
function EndNote({ status, onReconnect }: { status: Status; onReconnect: () => void }) {
  const engineReady = useEngineReady();
  if (status.kind !== 'ended' && status.kind !== 'failed') return null;
  const failed = status.kind === 'failed';
  return (
    <div className={`term-note ${failed ? 'is-danger' : ''}`} role={failed ? 'alert' : 'status'}>
      <span>{failed ? `Could not open the terminal: ${status.message}` : status.message}</span>
      <button
        type="button"
        className="btn btn-sm"
        disabled={!engineReady}
        title={engineReady ? undefined : 'Waiting for the engine'}
        onClick={onReconnect}
      >
        {failed ? 'Try again' : 'Reconnect'}
      </button>
    </div>
  );
}

function commandLabel(spec: SessionSpec): string {
  if (spec.mode === 'attach') return 'docker attach (main process)';
  const cmd = spec.cmd && spec.cmd.length > 0 ? spec.cmd.join(' ') : 'shell (bash or sh)';
  const extras = [spec.user ? `user ${spec.user}` : '', spec.workingDir ? `in ${spec.workingDir}` : '']
    .filter(Boolean)
    .join(', ');
  return extras ? `${cmd} — ${extras}` : cmd;
}

function StatusBadge({ status }: { status: Status }) {
  switch (status.kind) {
    case 'connecting':
      return <Badge tone="neutral">Connecting</Badge>;
    case 'live':
      return <Badge tone="success">Connected</Badge>;
    case 'ended':
      return <Badge tone="neutral">Ended</Badge>;
    case 'failed':
      return <Badge tone="danger">Failed</Badge>;
  }
}
