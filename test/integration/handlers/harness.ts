import { contract, type Contract } from '../../../shared/contract';
import type { ArgsIn, Frame, InvokeChannels, Result, StreamChannels } from '../../../shared/contract-kit';
import { BerthError, type Envelope } from '../../../shared/errors';
import type { StreamFrame } from '../../../shared/protocol';
import { Engine, type EngineOptions } from '../../../electron/engine/engine';
import { createHandlers } from '../../../electron/handlers';
import { createDispatcher, type Session } from '../../../electron/ipc/dispatcher';

/**
 * The real stack minus the transport: real Engine (dockerode) → real handlers → real dispatcher,
 * driven through a dispatcher session exactly as the IPC and WebSocket transports do.
 */
export interface Stack {
  engine: Engine;
  session: Session;
  /** Invoke and unwrap: resolves with the data, rejects with the BerthError of an error envelope. */
  call<K extends InvokeChannels<Contract>>(channel: K, args: ArgsIn<Contract[K]>): Promise<Result<Contract[K]>>;
  /** Invoke and return the raw envelope. */
  envelope<K extends InvokeChannels<Contract>>(
    channel: K,
    args: ArgsIn<Contract[K]>,
  ): Promise<Envelope<Result<Contract[K]>>>;
  /** Invoke expecting an error envelope; returns the error (fails when the call succeeded). */
  fail<K extends InvokeChannels<Contract>>(channel: K, args: ArgsIn<Contract[K]>): Promise<BerthError>;
  subscribe<K extends StreamChannels<Contract>>(
    channel: K,
    args: ArgsIn<Contract[K]>,
  ): Subscription<Frame<Contract[K]>>;
  close(): void;
}

export interface Subscription<F> {
  /** Every payload received so far, in order. */
  payloads: F[];
  frames: StreamFrame[];
  /** Resolves with the first payload (at or after index `from`) matching `pred`. */
  waitFor(pred: (p: F) => boolean, opts?: { timeoutMs?: number; from?: number }): Promise<F>;
  unsubscribe(): void;
}

let nextSub = 0;

export function createStack(opts: EngineOptions = {}): Stack {
  const engine = new Engine({ log: () => undefined, ...opts });
  const dispatcher = createDispatcher(contract, createHandlers(engine), { log: () => undefined });
  const listeners = new Map<string, (f: StreamFrame) => void>();
  const session = dispatcher.open(`test-${process.pid}`, (frame) => listeners.get(frame.sub)?.(frame));

  const envelope = async <K extends InvokeChannels<Contract>>(
    channel: K,
    args: ArgsIn<Contract[K]>,
  ): Promise<Envelope<Result<Contract[K]>>> => (await session.invoke(channel, args)) as Envelope<Result<Contract[K]>>;

  return {
    engine,
    session,
    envelope,
    async call(channel, args) {
      const env = await envelope(channel, args);
      if (!env.ok) throw BerthError.fromShape(env.error);
      return env.data;
    },
    async fail(channel, args) {
      const env = await envelope(channel, args);
      if (env.ok)
        throw new Error(`${channel} was expected to fail but returned ${JSON.stringify(env.data)?.slice(0, 300)}`);
      return BerthError.fromShape(env.error);
    },
    subscribe<K extends StreamChannels<Contract>>(
      channel: K,
      args: ArgsIn<Contract[K]>,
    ): Subscription<Frame<Contract[K]>> {
      type F = Frame<Contract[K]>;
      const sub = `sub-${++nextSub}`;
      const payloads: F[] = [];
      const frames: StreamFrame[] = [];
      const waiters = new Set<() => void>();
      listeners.set(sub, (frame) => {
        frames.push(frame);
        if (frame.kind === 'data') {
          payloads.push(...(frame.payloads as F[]));
          session.ack(sub);
        }
        for (const w of [...waiters]) w();
      });
      session.subscribe(sub, channel, args);
      return {
        payloads,
        frames,
        waitFor(pred, o = {}) {
          const timeoutMs = o.timeoutMs ?? 10_000;
          const from = o.from ?? 0;
          return new Promise<F>((resolve, reject) => {
            const check = (): boolean => {
              const hit = payloads.slice(from).find(pred);
              if (hit !== undefined) {
                waiters.delete(onFrame);
                clearTimeout(timer);
                resolve(hit);
                return true;
              }
              const end = frames.find((f) => f.kind !== 'data');
              if (end) {
                waiters.delete(onFrame);
                clearTimeout(timer);
                reject(new Error(`stream ${channel} ended before a match: ${JSON.stringify(end)}`));
                return true;
              }
              return false;
            };
            const onFrame = (): void => {
              check();
            };
            const timer = setTimeout(() => {
              waiters.delete(onFrame);
              reject(
                new Error(
                  `no matching ${channel} payload within ${timeoutMs} ms; got ${JSON.stringify(payloads.slice(-10))}`,
                ),
              );
            }, timeoutMs);
            if (!check()) waiters.add(onFrame);
          });
        },
        unsubscribe() {
          session.unsubscribe(sub);
          listeners.delete(sub);
        },
      };
    },
    close() {
      session.close();
      engine.stop();
    },
  };
}
