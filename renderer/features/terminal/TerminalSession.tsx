import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { ChevronDown, ChevronUp, Eraser, RotateCw, Search, TextCursor, TriangleAlert, X } from 'lucide-react';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { BerthError } from '../../../shared/errors';
import type { TerminalFrame } from '../../../shared/models';
import { api } from '../../api';
import { useTheme } from '../../lib/theme';
import { Badge } from '../../components/Badge';
import { IconButton } from '../../components/IconButton';
import { engineReadyNow, useEngineReady } from '../../stores/engineStatus';
import { toast } from '../../stores/toasts';
import { endMessage } from './command';
import { WriteFlow } from './flow';
import { classifyKey, xtermShouldHandle } from './keys';
import { useTerminalPrefs } from './prefs';
import { TerminalContextMenu } from './TerminalContextMenu';
import { cssVarReader, terminalLook, xtermTheme } from './xtermTheme';

export interface SessionSpec {
  mode: 'exec' | 'attach';
  /** Exec: absent → automatic shell. */
  cmd?: string[];
  user?: string;
  workingDir?: string;
  /** Attach: e.g. ctrl-p,ctrl-q. */
  detachKeys?: string;
}

type Status =
  | { kind: 'connecting' }
  | { kind: 'live'; stdin: boolean }
  | { kind: 'ended'; message: string }
  | { kind: 'failed'; message: string };

/** Largest exec.write payload; a big paste goes out in pieces, in order. */
const WRITE_CHUNK = 64 * 1024;
const RESIZE_DEBOUNCE_MS = 60;

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (or no permission): the old way still works from a user gesture.
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
}

/**
 * One terminal: an xterm.js instance bound to an exec (or attach) session. Stays mounted while its
 * tab is hidden; unmounting closes the stream, which ends the exec in the engine.
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
  const hostRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | undefined>(undefined);
  const fitRef = useRef<FitAddon | undefined>(undefined);
  const searchRef = useRef<SearchAddon | undefined>(undefined);
  const sessionRef = useRef<string | undefined>(undefined);
  const queueRef = useRef<string[]>([]);
  const statusRef = useRef<Status>({ kind: 'connecting' });
  const activeRef = useRef(active);
  const [status, setStatusState] = useState<Status>({ kind: 'connecting' });
  const [generation, setGeneration] = useState(0);
  const engineReady = useEngineReady();
  /** Ends the open session because the engine went away (set by the session effect). */
  const loseRef = useRef<(() => void) | undefined>(undefined);
  const [menu, setMenu] = useState<{ x: number; y: number } | undefined>();
  const [finding, setFinding] = useState(false);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ index: number; count: number } | undefined>();
  const theme = useTheme();
  const cursorBlink = useTerminalPrefs((s) => s.cursorBlink);
  const setCursorBlink = useTerminalPrefs((s) => s.setCursorBlink);
  activeRef.current = active;

  const setStatus = useCallback((s: Status) => {
    statusRef.current = s;
    setStatusState(s);
  }, []);

  const reconnect = useCallback(() => setGeneration((g) => g + 1), []);

  const fitNow = useCallback(() => {
    const host = hostRef.current;
    if (!host || !activeRef.current || host.clientWidth === 0 || host.clientHeight === 0) return;
    try {
      fitRef.current?.fit();
    } catch {
      // Not measurable yet (renderer not ready); the next resize tries again.
    }
  }, []);

  /** Input held while a menu paste waits for the clipboard (undefined = not holding). */
  const heldRef = useRef<string[] | undefined>(undefined);
  const send = useCallback((data: string) => {
    const session = sessionRef.current;
    if (!session) {
      if (statusRef.current.kind === 'connecting') queueRef.current.push(data);
      return;
    }
    for (let i = 0; i < data.length; i += WRITE_CHUNK) {
      // Invokes reach the engine in order; an ended session answers NOT_FOUND, which is fine to drop.
      api.invoke('exec.write', { session, data: data.slice(i, i + WRITE_CHUNK) }).catch(() => undefined);
    }
  }, []);

  // The terminal itself: created once per mount.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const term = new Terminal({
      ...terminalLook(),
      fontSize: 13,
      lineHeight: 1.15,
      cursorBlink: useTerminalPrefs.getState().cursorBlink,
      scrollback: 5000,
      allowProposedApi: true, // search-result decorations
    });
    const fit = new FitAddon();
    const search = new SearchAddon();
    term.loadAddon(fit);
    term.loadAddon(search);
    term.loadAddon(
      new WebLinksAddon((event, uri) => {
        event.preventDefault();
        window.open(uri, '_blank', 'noopener,noreferrer');
      }),
    );
    term.open(host);
    // WebGL when the GPU allows it; xterm's DOM renderer otherwise (and after a lost context).
    host.dataset.renderer = 'dom';
    if (!prefersDomRenderer()) {
      try {
        const gl = new WebglAddon();
        gl.onContextLoss(() => {
          gl.dispose();
          host.dataset.renderer = 'dom';
        });
        term.loadAddon(gl);
        host.dataset.renderer = 'webgl';
      } catch {
        // No WebGL2 (e.g. headless without a GPU): the DOM renderer is already in place.
      }
    }
    term.attachCustomKeyEventHandler((ev) => {
      const action = classifyKey(ev);
      if (action === 'pass' || ev.type !== 'keydown') return xtermShouldHandle(action);
      if (action === 'copy') {
        ev.preventDefault();
        if (term.hasSelection()) void copyText(term.getSelection());
      } else if (action === 'find') {
        ev.preventDefault();
        setFinding(true);
      }
      // 'native-paste': leave the event to the browser; xterm handles the resulting paste event.
      return false;
    });
    search.onDidChangeResults((r) =>
      setResults(r.resultCount > 0 ? { index: r.resultIndex, count: r.resultCount } : undefined),
    );
    termRef.current = term;
    fitRef.current = fit;
    searchRef.current = search;

    const onInput = term.onData((data) => {
      if (statusRef.current.kind === 'ended' || statusRef.current.kind === 'failed') {
        // Enter reconnects, like the banner says (once there is an engine to reconnect to).
        if (data === '\r' && engineReadyNow()) setGeneration((g) => g + 1);
        return;
      }
      // Keys typed while a menu paste reads the clipboard go after the pasted text, not before it.
      if (heldRef.current) heldRef.current.push(data);
      else send(data);
    });
    let resizeTimer: ReturnType<typeof setTimeout> | undefined;
    const onResize = term.onResize(({ cols, rows }) => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => {
        const session = sessionRef.current;
        if (session) api.invoke('exec.resize', { session, cols, rows }).catch(() => undefined);
      }, RESIZE_DEBOUNCE_MS);
    });
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fitNow);
    });
    observer.observe(host);
    fitNow();
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      clearTimeout(resizeTimer);
      onInput.dispose();
      onResize.dispose();
      termRef.current = undefined;
      term.dispose();
    };
  }, [fitNow, send]);

  // The session: (re)opened on mount and on Reconnect; closed on unmount.
  useEffect(() => {
    const term = termRef.current;
    if (!term) return;
    fitNow();
    if (generation > 0) term.write('\r\n');
    setStatus({ kind: 'connecting' });
    sessionRef.current = undefined;
    queueRef.current = [];
    const flow = new WriteFlow((data, done) => term.write(data, done));
    let finished = false;
    const onData = (f: TerminalFrame): Promise<void> | undefined => {
      if (f.type === 'output') return flow.push(f.data);
      if (f.type === 'started') {
        sessionRef.current = f.session;
        setStatus({ kind: 'live', stdin: f.stdin });
        const queued = queueRef.current.splice(0).join('');
        if (queued) send(queued);
        // The size may have changed while connecting.
        api.invoke('exec.resize', { session: f.session, cols: term.cols, rows: term.rows }).catch(() => undefined);
        return undefined;
      }
      finished = true;
      sessionRef.current = undefined;
      const message = endMessage(f.reason, f.exitCode);
      term.write(`\r\n\x1b[2m[${message}. Press Enter or Reconnect to start again.]\x1b[0m\r\n`);
      setStatus({ kind: 'ended', message });
      return undefined;
    };
    // The engine went away under the session: say so, and offer Reconnect (an earlier failure of the
    // same loss, e.g. the exit check that could not reach the engine, is replaced by this message).
    const lose = (): void => {
      if (statusRef.current.kind === 'ended') return;
      finished = true;
      stream.close?.();
      sessionRef.current = undefined;
      term.write(`\r\n\x1b[33m[${ENGINE_LOST}. Press Enter or Reconnect once it is back.]\x1b[0m\r\n`);
      setStatus({ kind: 'ended', message: ENGINE_LOST });
    };
    loseRef.current = lose;
    const onError = (e: BerthError): void => {
      if (e.code === 'ENGINE_UNREACHABLE') {
        lose();
        return;
      }
      finished = true;
      sessionRef.current = undefined;
      term.write(`\r\n\x1b[31m${e.message}\x1b[0m\r\n`);
      setStatus({ kind: 'failed', message: e.message });
    };
    const onEnd = (): void => {
      sessionRef.current = undefined;
      if (finished) return;
      setStatus({ kind: 'ended', message: 'Session ended' });
    };
    const size = { cols: term.cols, rows: term.rows };
    // Assigned once the subscription exists; lose() may run before (an error answered at once).
    const stream: { close?: () => void } = {};
    stream.close =
      spec.mode === 'attach'
        ? api.subscribe(
            'containers.attach',
            { id: containerId, ...size, ...(spec.detachKeys ? { detachKeys: spec.detachKeys } : {}) },
            { onData, onError, onEnd },
          )
        : api.subscribe(
            'exec.open',
            {
              id: containerId,
              ...size,
              ...(spec.cmd && spec.cmd.length > 0 ? { cmd: spec.cmd } : {}),
              ...(spec.user ? { user: spec.user } : {}),
              ...(spec.workingDir ? { workingDir: spec.workingDir } : {}),
            },
            { onData, onError, onEnd },
          );
    return () => {
      loseRef.current = undefined;
      stream.close?.();
      flow.dispose();
      sessionRef.current = undefined;
    };
  }, [containerId, spec, generation, fitNow, send, setStatus]);

  useEffect(() => {
    if (!engineReady) loseRef.current?.();
  }, [engineReady]);

  useEffect(() => {
    const term = termRef.current;
    if (term) term.options.theme = xtermTheme(theme, cssVarReader());
  }, [theme]);

  useEffect(() => {
    const term = termRef.current;
    if (term && term.options.cursorBlink !== cursorBlink) term.options.cursorBlink = cursorBlink;
  }, [cursorBlink]);

  useEffect(() => {
    if (!active) return;
    const id = requestAnimationFrame(() => {
      fitNow();
      termRef.current?.focus();
    });
    return () => cancelAnimationFrame(id);
  }, [active, fitNow]);

  const find = (backwards: boolean): void => {
    const search = searchRef.current;
    if (!search || !query) return;
    const opts = {
      decorations: {
        matchBackground: '#6b5200',
        activeMatchBackground: '#b88a00',
        matchOverviewRuler: '#b88a00',
        activeMatchColorOverviewRuler: '#ffd27a',
      },
    };
    if (backwards) search.findPrevious(query, opts);
    else search.findNext(query, opts);
  };

  const closeFind = (): void => {
    setFinding(false);
    setResults(undefined);
    searchRef.current?.clearDecorations();
    termRef.current?.focus();
  };

  const onFindKey = (e: ReactKeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      find(e.shiftKey);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      closeFind();
    }
  };

  const paste = async (): Promise<void> => {
    const term = termRef.current;
    if (!term) return;
    heldRef.current ??= [];
    let text = '';
    try {
      text = await navigator.clipboard.readText();
    } catch {
      toast.info('Paste with Ctrl+V', 'The browser did not let Berth read the clipboard from the menu.');
    }
    const held = heldRef.current ?? [];
    heldRef.current = undefined;
    if (text) term.paste(text);
    for (const d of held) send(d);
    term.focus();
  };

  const ended = status.kind === 'ended' || status.kind === 'failed';
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
              setCursorBlink(!cursorBlink);
              termRef.current?.focus();
            }}
          />
          {ended && (
            <button
              type="button"
              className="btn btn-sm"
              disabled={!engineReady}
              title={engineReady ? undefined : 'Waiting for the engine'}
              onClick={reconnect}
            >
              <RotateCw size={13} aria-hidden="true" />
              Reconnect
            </button>
          )}
        </div>
      </div>
      {spec.mode === 'attach' && (
        <div className="term-note is-warning" role="note">
          <TriangleAlert size={14} aria-hidden="true" />
          <span>
            Attached to the container&apos;s main process: Ctrl-C may stop the container. Detach with{' '}
            <kbd>{spec.detachKeys || 'ctrl-p,ctrl-q'}</kbd>.
            {status.kind === 'live' &&
              !status.stdin &&
              ' Input is not connected: the container was started without -i.'}
          </span>
        </div>
      )}
      {ended && (
        <div
          className={`term-note ${status.kind === 'failed' ? 'is-danger' : ''}`}
          role={status.kind === 'failed' ? 'alert' : 'status'}
        >
          <span>{status.kind === 'failed' ? `Could not open the terminal: ${status.message}` : status.message}</span>
          <button
            type="button"
            className="btn btn-sm"
            disabled={!engineReady}
            title={engineReady ? undefined : 'Waiting for the engine'}
            onClick={reconnect}
          >
            {status.kind === 'failed' ? 'Try again' : 'Reconnect'}
          </button>
        </div>
      )}
      <div className="term-body">
        {finding && (
          <div className="term-find" role="search">
            <input
              className="input"
              type="search"
              aria-label="Find in terminal"
              placeholder="Find"
              autoFocus
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={onFindKey}
            />
            <span className="term-find-count" aria-live="polite">
              {results ? `${results.index + 1}/${results.count}` : query ? 'No results' : ''}
            </span>
            <IconButton label="Previous match" icon={ChevronUp} size="sm" onClick={() => find(true)} />
            <IconButton label="Next match" icon={ChevronDown} size="sm" onClick={() => find(false)} />
            <IconButton label="Close find" icon={X} size="sm" onClick={closeFind} />
          </div>
        )}
        <div
          ref={hostRef}
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

/**
 * `localStorage['berth.terminal.renderer'] = 'dom'` skips WebGL: an escape hatch for GPU drivers that
 * draw garbage, and what tests use to read the screen as text.
 */
function prefersDomRenderer(): boolean {
  try {
    return window.localStorage.getItem('berth.terminal.renderer') === 'dom';
  } catch {
    return false;
  }
}

function commandLabel(spec: SessionSpec): string {
  if (spec.mode === 'attach') return 'docker attach (main process)';
  const cmd = spec.cmd && spec.cmd.length > 0 ? spec.cmd.join(' ') : 'shell (bash or sh)';
  const extras = [spec.user ? `user ${spec.user}` : '', spec.workingDir ? `in ${spec.workingDir}` : '']
    .filter(Boolean)
    .join(', ');
  return extras ? `${cmd} — ${extras}` : cmd;
}

const ENGINE_LOST = 'Engine connection lost';

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
