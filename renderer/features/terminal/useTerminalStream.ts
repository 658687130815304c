import type { Terminal } from '@xterm/xterm';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { BerthError } from '../../../shared/errors';
import type { TerminalFrame } from '../../../shared/models';
import { api } from '../../api';
import { engineReadyNow, useEngineReady } from '../../stores/engineStatus';
import { endMessage } from './command';
import { WriteFlow } from './flow';

export interface SessionSpec {
  mode: 'exec' | 'attach';
  /** Exec: absent → automatic shell. */
  cmd?: string[];
  user?: string;
  workingDir?: string;
  /** Attach: e.g. ctrl-p,ctrl-q. */
  detachKeys?: string;
}

export type Status =
  | { kind: 'connecting' }
  | { kind: 'live'; stdin: boolean }
  | { kind: 'ended'; message: string }
  | { kind: 'failed'; message: string };

/** Largest exec.write payload; a big paste goes out in pieces, in order. */
const WRITE_CHUNK = 64 * 1024;
const RESIZE_DEBOUNCE_MS = 60;
export const ENGINE_LOST = 'Engine connection lost';

export interface TerminalStream {
  status: Status;
  /** Opens a new session (after one ended or failed). */
  reconnect(): void;
  /** What xterm passes on: keys typed, paste. Enter after the end reconnects. */
  input(data: string): void;
  /** Sends now, bypassing a held menu paste. */
  send(data: string): void;
  /** Holds typed keys while a menu paste reads the clipboard; `release` sends them after it. */
  hold(): void;
  release(): void;
  /** Tells the engine the new size (debounced). */
  resize(size: { cols: number; rows: number }): void;
}

/**
 * The exec (or attach) session behind a terminal: opened on mount and on Reconnect, closed on unmount
 * (which ends the exec in the engine). Output goes to xterm through a write flow with watermarks; when
 * the engine goes away the session ends with a message and Reconnect is offered once it is back.
 */
export function useTerminalStream(
  containerId: string,
  spec: SessionSpec,
  termRef: RefObject<Terminal | undefined>,
  fitNow: () => void,
): TerminalStream {
  const sessionRef = useRef<string | undefined>(undefined);
  const queueRef = useRef<string[]>([]);
  const statusRef = useRef<Status>({ kind: 'connecting' });
  const [status, setStatusState] = useState<Status>({ kind: 'connecting' });
  const [generation, setGeneration] = useState(0);
  const engineReady = useEngineReady();
  /** Ends the open session because the engine went away (set by the session effect). */
  const loseRef = useRef<(() => void) | undefined>(undefined);
  /** Input held while a menu paste waits for the clipboard (undefined = not holding). */
  const heldRef = useRef<string[] | undefined>(undefined);
  const resizeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const setStatus = useCallback((s: Status) => {
    statusRef.current = s;
    setStatusState(s);
  }, []);

  const reconnect = useCallback(() => setGeneration((g) => g + 1), []);

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

  const input = useCallback(
    (data: string) => {
      if (statusRef.current.kind === 'ended' || statusRef.current.kind === 'failed') {
        // Enter reconnects, like the note says (once there is an engine to reconnect to).
        if (data === '\r' && engineReadyNow()) setGeneration((g) => g + 1);
        return;
      }
      // Keys typed while a menu paste reads the clipboard go after the pasted text, not before it.
      if (heldRef.current) heldRef.current.push(data);
      else send(data);
    },
    [send],
  );

  const hold = useCallback(() => {
    heldRef.current ??= [];
  }, []);

  const release = useCallback(() => {
    const held = heldRef.current ?? [];
    heldRef.current = undefined;
    for (const d of held) send(d);
  }, [send]);

  const resize = useCallback(({ cols, rows }: { cols: number; rows: number }) => {
    clearTimeout(resizeTimer.current);
    resizeTimer.current = setTimeout(() => {
      const session = sessionRef.current;
      if (session) api.invoke('exec.resize', { session, cols, rows }).catch(() => undefined);
    }, RESIZE_DEBOUNCE_MS);
  }, []);

  useEffect(() => () => clearTimeout(resizeTimer.current), []);

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
      if (e.code === 'CANCELLED') {
        // Ended on purpose (the app switched engines): an end, not a failure.
        sessionRef.current = undefined;
        term.write(`\r\n\x1b[2m[${e.message}. Press Enter or Reconnect to start again.]\x1b[0m\r\n`);
        setStatus({ kind: 'ended', message: e.message });
        return;
      }
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
  }, [containerId, spec, generation, fitNow, send, setStatus, termRef]);

  useEffect(() => {
    if (!engineReady) loseRef.current?.();
  }, [engineReady]);

  return { status, reconnect, input, send, hold, release, resize };
}
