import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { Contract } from '../../shared/contract';
import type { Handlers, StreamSink } from '../../shared/contract-kit';
import { BerthError } from '../../shared/errors';
import type { TerminalFrame } from '../../shared/models';
import { STREAM_BATCH_MS } from '../../shared/protocol';
import type { EngineApi } from '../engine/engine-api';
import { toBerthError } from '../errors/engine-errors';
import { buildExecPlan, DEFAULT_DETACH_KEYS, isMissingShell, PidMarker, toCrlf } from '../engine/exec-command';
import {
  attachContainer,
  attachTarget,
  containerRunState,
  createTtyExec,
  resizeContainerTty,
} from '../engine/terminal';
import { FrameDemuxer, processOutput } from '../engine/frame-demuxer';

type ExecHandlers = Pick<Handlers<Contract>, 'exec.open' | 'exec.write' | 'exec.resize' | 'containers.attach'>;

/**
 * Terminal sessions: exec (a new process, TTY) and attach (the container's main process). Input
 * arrives by 'exec.write' / 'exec.resize' invokes on a session id that only its opener may use.
 *
 * Flow control: the engine socket is paused while the consumer lags (sink pressured) and after each
 * BYTES_PER_BATCH of output until that batch went out, so at most ~window × BYTES_PER_BATCH bytes are
 * ever in flight and a runaway `yes` stops promptly on Ctrl-C.
 */
export const BYTES_PER_BATCH = 32 * 1024;
/** How long a session closed right after start waits for the process to report its pid. */
const PID_WAIT_MS = 3000;
/** How long output is held when the wrapper may have failed to start (no /bin/sh). */
const SUSPECT_HOLD_MS = 300;

interface LiveSession {
  sender: string;
  write(data: string): void;
  resize(cols: number, rows: number): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Reads a hijacked socket into output frames with backpressure; resolves when the socket ends or on abort. */
function pump(
  sock: Duplex,
  sink: StreamSink<TerminalFrame>,
  signal: AbortSignal,
  onChunk: (chunk: Buffer) => Buffer | undefined,
  onEnd?: () => Buffer | undefined,
): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  const emit = (bytes: Buffer | undefined, final = false): void => {
    const text = bytes && bytes.length ? decoder.decode(bytes, { stream: !final }) : final ? decoder.decode() : '';
    if (text) sink.emit({ type: 'output', data: text });
  };
  let budget = 0;
  let paused = false;
  let finished = false;
  return new Promise<void>((resolve) => {
    const done = (): void => {
      if (finished) return;
      finished = true;
      sock.off('data', onData);
      signal.removeEventListener('abort', done);
      if (!signal.aborted) emit(onEnd?.(), true);
      resolve();
    };
    const onData = (chunk: Buffer): void => {
      emit(onChunk(chunk));
      budget += chunk.length;
      if (paused || (budget < BYTES_PER_BATCH && !sink.pressured)) return;
      paused = true;
      sock.pause();
      void (async () => {
        await sleep(STREAM_BATCH_MS + 1); // let this batch go out, then wait for the consumer
        await sink.drained();
        budget = 0;
        paused = false;
        if (!finished) sock.resume();
      })();
    };
    sock.on('data', onData);
    sock.once('end', done);
    sock.once('close', done);
    sock.once('error', done);
    if (signal.aborted) done();
    else signal.addEventListener('abort', done, { once: true });
  });
}

export function execHandlers(engine: EngineApi): ExecHandlers {
  const sessions = new Map<string, LiveSession>();

  function owned(session: string, sender: string): LiveSession {
    const s = sessions.get(session);
    // Someone else's session answers exactly like a missing one: ids are not a capability to probe.
    if (!s || s.sender !== sender) {
      throw new BerthError('NOT_FOUND', 'This terminal session has ended (or belongs to another window).');
    }
    return s;
  }

  async function resizeWithRetry(resize: () => Promise<unknown>): Promise<void> {
    // Right after start the engine may not have the TTY yet; the docker CLI retries the same way.
    for (let attempt = 0; ; attempt++) {
      try {
        await resize();
        return;
      } catch (err) {
        if (attempt >= 5) throw err;
        await sleep(10 * (attempt + 1));
      }
    }
  }

  return {
    'exec.open': async ({ id, cmd, user, workingDir, cols, rows }, sink, signal, ctx) => {
      const docker = await engine.docker();
      const plan = buildExecPlan(cmd);
      const session = randomUUID();
      let started = false;

      const attempt = async (argv: string[], wrapped: boolean): Promise<'retry-plain' | 'done'> => {
        const exec = await createTtyExec(docker, id, { cmd: argv, user, workingDir });
        if (signal.aborted) return 'done';
        const sock = await exec.start();
        sock.on('error', () => undefined); // ECONNRESET on teardown is expected
        let pid: number | undefined;
        const marker = wrapped ? new PidMarker() : undefined;
        const onAbort = (): void => {
          if (pid !== undefined || !marker || marker.done) {
            sock.destroy();
            if (pid !== undefined) void exec.hangUp(pid);
            return;
          }
          // Closed before the process reported its pid: read on until it does, so it can still be hung up.
          const timer = setTimeout(() => sock.destroy(), PID_WAIT_MS);
          sock.on('data', (chunk: Buffer) => {
            if (marker.done) return;
            const r = marker.push(chunk);
            if (r.state === 'pending') return;
            clearTimeout(timer);
            sock.destroy();
            if (r.state === 'found') void exec.hangUp(r.pid);
          });
          sock.resume();
        };
        if (signal.aborted) {
          onAbort();
          return 'done';
        }
        signal.addEventListener('abort', onAbort, { once: true });
        // Input waits for the initial size: a command typed at once (`stty size`) must see the real TTY size.
        const sized = resizeWithRetry(() => exec.resize(cols, rows)).catch(() => undefined);
        sessions.set(session, {
          sender: ctx.sender,
          write: (data) => {
            void sized.then(() => {
              if (!sock.destroyed) sock.write(data);
            });
          },
          resize: async (c, r) => {
            await sized;
            await exec.resize(c, r);
          },
        });
        // The session id (and so input) is announced only once the wrapper reported its pid: the TTY
        // echoes typed-ahead input at once, which would otherwise arrive before the marker.
        const announce = (): void => {
          if (started) return;
          started = true;
          sink.emit({ type: 'started', session, command: plan.command, stdin: true });
        };
        if (!wrapped) announce();

        // Output: strip the pid marker; if the wrapper never ran, hold its error briefly to judge it.
        let suspect: Buffer | undefined;
        let suspectTimer: ReturnType<typeof setTimeout> | undefined;
        const releaseSuspect = (): Buffer | undefined => {
          if (suspectTimer) clearTimeout(suspectTimer);
          suspectTimer = undefined;
          const held = suspect;
          suspect = undefined;
          return held;
        };
        let passthrough = !marker;
        await pump(
          sock,
          sink,
          signal,
          (chunk) => {
            if (passthrough) return chunk;
            if (suspect) {
              suspect = Buffer.concat([suspect, chunk]);
              return undefined;
            }
            const r = marker!.push(chunk);
            if (r.state === 'pending') return undefined;
            if (r.state === 'found') {
              pid = r.pid;
              passthrough = true;
              announce();
              return r.rest;
            }
            suspect = r.rest;
            suspectTimer = setTimeout(() => {
              passthrough = true;
              announce();
              const held = releaseSuspect();
              if (held?.length) sink.emit({ type: 'output', data: new TextDecoder().decode(held) });
            }, SUSPECT_HOLD_MS);
            return undefined;
          },
          () => {
            if (suspect) return undefined; // judged below
            return marker && !marker.done ? marker.flush() : undefined;
          },
        );
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) {
          // onAbort owns the socket now (it may still be reading for the pid to hang up).
          releaseSuspect();
          return 'done';
        }
        sock.destroy();

        const exitCode = await exec.exitCode();
        const held = releaseSuspect();
        if (held && pid === undefined && (exitCode === 126 || exitCode === 127)) {
          const text = held.toString('utf8');
          if (isMissingShell(text)) {
            if (plan.plain) return 'retry-plain';
            throw new BerthError(
              'NOT_FOUND',
              'This container has no /bin/sh, so Berth cannot open a shell in it. Run a specific command instead.',
            );
          }
        }
        announce();
        if (held?.length) sink.emit({ type: 'output', data: held.toString('utf8') });
        // A process killed by a signal may be the container stopping: the engine updates the
        // container's state a moment after the exec's connection closes, so look again briefly.
        let state = await containerRunState(docker, id);
        for (let i = 0; state.running && (exitCode === null || exitCode > 128) && i < 10 && !signal.aborted; i++) {
          await sleep(100);
          state = await containerRunState(docker, id);
        }
        sink.emit({ type: 'exit', exitCode, reason: state.running ? 'exited' : 'container-stopped' });
        return 'done';
      };

      try {
        if ((await attempt(plan.wrapped, true)) === 'retry-plain' && plan.plain) await attempt(plan.plain, false);
      } catch (err) {
        throw toBerthError(err);
      } finally {
        sessions.delete(session);
      }
    },

    'containers.attach': async ({ id, cols, rows, detachKeys }, sink, signal, ctx) => {
      const docker = await engine.docker();
      const info = await attachTarget(docker, id);
      if (!info.running || info.paused) {
        const why = info.paused ? 'is paused' : 'is not running';
        throw new BerthError('CONFLICT', `Container ${info.name} ${why}: start it before attaching.`);
      }
      const tty = info.tty;
      const sock = await attachContainer(docker, id, detachKeys ?? DEFAULT_DETACH_KEYS);
      sock.on('error', () => undefined);
      const session = randomUUID();
      const onAbort = (): void => {
        sock.destroy(); // detaches; the main process keeps running
      };
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      sessions.set(session, {
        sender: ctx.sender,
        write: (data) => {
          if (!sock.destroyed) sock.write(data);
        },
        resize: async (c, r) => {
          if (tty) await resizeContainerTty(docker, id, c, r);
        },
      });
      try {
        sink.emit({ type: 'started', session, command: info.command, stdin: info.openStdin });
        if (tty) void resizeContainerTty(docker, id, cols, rows).catch(() => undefined);
        const demux = tty ? undefined : new FrameDemuxer();
        let prevCr = false;
        await pump(sock, sink, signal, (chunk) => {
          if (!demux) return chunk;
          const out = toCrlf(processOutput(demux.push(chunk)), prevCr);
          if (out.length) prevCr = out[out.length - 1] === 0x0d;
          return out;
        });
        if (signal.aborted) return;
        // The engine closes the stream on the detach keys (container still running) or when it stops.
        const state = await containerRunState(docker, id);
        sink.emit(
          state.running
            ? { type: 'exit', exitCode: null, reason: 'detached' }
            : { type: 'exit', exitCode: state.exitCode, reason: 'container-stopped' },
        );
      } finally {
        signal.removeEventListener('abort', onAbort);
        sock.destroy();
        sessions.delete(session);
      }
    },

    'exec.write': async ({ session, data }, ctx) => {
      owned(session, ctx.sender).write(data);
    },

    'exec.resize': async ({ session, cols, rows }, ctx) => {
      await owned(session, ctx.sender).resize(cols, rows);
    },
  };
}
