import type { z } from 'zod';
import type { ContractShape, Handlers, HandlerContext, StreamSink, ChannelDef } from '../../shared/contract-kit';
import { BerthError, type Envelope } from '../../shared/errors';
import { STREAM_BATCH_MS, STREAM_WINDOW, type StreamFrame } from '../../shared/protocol';
import { toBerthError } from '../errors/engine-errors';
import { MAX_PENDING_INVOKES, MAX_STREAMS_PER_SESSION } from './limits';

/**
 * Transport-agnostic dispatcher: both the Electron IPC transport and the web-mode WebSocket
 * transport open one `Session` per sender (window or socket) and feed it messages. Every input is
 * parsed with its schema before the handler runs; failures become error envelopes with stable codes.
 */

export interface Session {
  invoke(channel: string, args: unknown): Promise<Envelope<unknown>>;
  subscribe(sub: string, channel: string, args: unknown): void;
  unsubscribe(sub: string): void;
  ack(sub: string): void;
  /** Aborts every stream of this sender (window closed, reloaded, socket gone). */
  close(): void;
  readonly activeStreams: number;
}

export interface Dispatcher {
  open(sender: string, sendFrame: (frame: StreamFrame) => void): Session;
}

export interface DispatcherOptions {
  batchMs?: number;
  window?: number;
  /** Open streams per session; a subscribe beyond it gets a LIMIT_EXCEEDED error frame. */
  maxStreams?: number;
  /** Invokes in flight per session; one beyond it is answered LIMIT_EXCEEDED without running. */
  maxPendingInvokes?: number;
  log?: (msg: string, err?: unknown) => void;
}

type AnyInvoke = (args: unknown, ctx: HandlerContext) => Promise<unknown>;
type AnyStream = (args: unknown, sink: StreamSink<unknown>, signal: AbortSignal, ctx: HandlerContext) => Promise<void>;

function parseArgs(def: ChannelDef, args: unknown): unknown {
  const parsed = (def.input as z.ZodType).safeParse(args ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'args'}: ${i.message}`);
    throw new BerthError('INVALID_ARGUMENT', `Invalid arguments: ${issues.join('; ')}`, { issues });
  }
  return parsed.data;
}

export function createDispatcher<C extends ContractShape>(
  contract: C,
  handlers: Handlers<C>,
  options: DispatcherOptions = {},
): Dispatcher {
  const batchMs = options.batchMs ?? STREAM_BATCH_MS;
  const windowSize = options.window ?? STREAM_WINDOW;
  const maxStreams = options.maxStreams ?? MAX_STREAMS_PER_SESSION;
  const maxPendingInvokes = options.maxPendingInvokes ?? MAX_PENDING_INVOKES;
  const log = options.log ?? ((msg: string, err?: unknown) => console.error(`[berth] ${msg}`, err ?? ''));
  const table = handlers as unknown as Record<string, AnyInvoke | AnyStream>;

  function lookup(channel: string, kind: ChannelDef['kind']): { def: ChannelDef; fn: AnyInvoke | AnyStream } {
    const def = Object.prototype.hasOwnProperty.call(contract, channel) ? contract[channel] : undefined;
    const fn = table[channel];
    if (!def || !fn || def.kind !== kind) {
      throw new BerthError('INVALID_ARGUMENT', `Unknown ${kind} channel: ${String(channel).slice(0, 80)}`);
    }
    return { def, fn };
  }

  return {
    open(sender, sendFrame) {
      const ctx: HandlerContext = { sender };
      const streams = new Map<string, StreamState>();
      let closed = false;
      let pendingInvokes = 0;

      interface StreamState {
        controller: AbortController;
        pending: unknown[];
        /** Cancels the scheduled flush (a timeout or an immediate); undefined = none scheduled. */
        timer: (() => void) | undefined;
        /** When the last data frame went out (performance.now()); 0 = never. */
        lastFlush: number;
        unacked: number;
        waiters: Array<() => void>;
        done: boolean;
      }

      function cancelTimer(st: StreamState): void {
        st.timer?.();
        st.timer = undefined;
      }

      function schedule(sub: string, st: StreamState): void {
        // Leading edge: the first payload after a quiet spell goes out on the next turn (a keystroke's
        // echo should not wait a batch window); a busy stream is batched every batchMs as before.
        if (performance.now() - st.lastFlush >= batchMs) {
          const h = setImmediate(() => flush(sub, st));
          st.timer = () => clearImmediate(h);
        } else {
          const h = setTimeout(() => flush(sub, st), batchMs);
          st.timer = () => clearTimeout(h);
        }
      }

      function flush(sub: string, st: StreamState): void {
        cancelTimer(st);
        if (st.pending.length === 0 || st.controller.signal.aborted) return;
        st.lastFlush = performance.now();
        const payloads = st.pending;
        st.pending = [];
        st.unacked++;
        sendFrame({ sub, kind: 'data', payloads });
      }

      function finish(sub: string, st: StreamState, frame: StreamFrame | undefined): void {
        if (st.done) return;
        st.done = true;
        if (frame && !st.controller.signal.aborted) {
          flush(sub, st);
          sendFrame(frame);
        }
        cancelTimer(st);
        streams.delete(sub);
        for (const w of st.waiters.splice(0)) w();
      }

      return {
        get activeStreams() {
          return streams.size;
        },

        async invoke(channel, args) {
          if (pendingInvokes >= maxPendingInvokes) {
            const message = `Too many calls in flight (limit ${maxPendingInvokes}); wait for replies first.`;
            return { ok: false, error: { code: 'LIMIT_EXCEEDED', message } };
          }
          pendingInvokes++;
          try {
            const { def, fn } = lookup(channel, 'invoke');
            const parsed = parseArgs(def, args);
            const data = await (fn as AnyInvoke)(parsed, ctx);
            return { ok: true, data };
          } catch (err) {
            const e = toBerthError(err);
            if (e.code === 'INTERNAL') log(`${channel} failed`, err);
            return { ok: false, error: e.toShape() };
          } finally {
            pendingInvokes--;
          }
        },

        subscribe(sub, channel, args) {
          if (closed) return;
          if (streams.has(sub)) {
            sendFrame({
              sub,
              kind: 'error',
              error: { code: 'INVALID_ARGUMENT', message: `Duplicate subscription ${sub}` },
            });
            return;
          }
          if (streams.size >= maxStreams) {
            const message = `Too many open streams (limit ${maxStreams}); close some first.`;
            sendFrame({ sub, kind: 'error', error: { code: 'LIMIT_EXCEEDED', message } });
            return;
          }
          let def: ChannelDef;
          let fn: AnyStream;
          let parsed: unknown;
          try {
            const found = lookup(channel, 'stream');
            def = found.def;
            fn = found.fn as AnyStream;
            parsed = parseArgs(def, args);
          } catch (err) {
            sendFrame({ sub, kind: 'error', error: toBerthError(err).toShape() });
            return;
          }
          const st: StreamState = {
            controller: new AbortController(),
            pending: [],
            timer: undefined,
            lastFlush: 0,
            unacked: 0,
            waiters: [],
            done: false,
          };
          streams.set(sub, st);
          const sink: StreamSink<unknown> = {
            emit(frame) {
              if (st.done || st.controller.signal.aborted) return;
              st.pending.push(frame);
              if (!st.timer) schedule(sub, st);
            },
            get pressured() {
              return st.unacked >= windowSize;
            },
            drained() {
              if (st.unacked < windowSize || st.done) return Promise.resolve();
              return new Promise<void>((resolve) => st.waiters.push(resolve));
            },
            flush() {
              if (!st.done && st.pending.length > 0) flush(sub, st);
            },
          };
          Promise.resolve()
            .then(() => fn(parsed, sink, st.controller.signal, ctx))
            .then(
              () => finish(sub, st, { sub, kind: 'end' }),
              (err: unknown) => {
                const e = toBerthError(err);
                if (e.code === 'INTERNAL' && !st.controller.signal.aborted) log(`${channel} stream failed`, err);
                finish(sub, st, { sub, kind: 'error', error: e.toShape() });
              },
            );
        },

        unsubscribe(sub) {
          const st = streams.get(sub);
          if (!st) return;
          st.controller.abort();
          finish(sub, st, undefined);
        },

        ack(sub) {
          const st = streams.get(sub);
          if (!st) return;
          st.unacked = Math.max(0, st.unacked - 1);
          if (st.unacked < windowSize) for (const w of st.waiters.splice(0)) w();
        },

        close() {
          closed = true;
          for (const [sub, st] of [...streams]) {
            st.controller.abort();
            finish(sub, st, undefined);
          }
        },
      };
    },
  };
}
