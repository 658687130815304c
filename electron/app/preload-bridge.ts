import type { Envelope } from '../../shared/errors';
import { ackAfter, type BerthBridge, type FrameHandler, type StreamFrame } from '../../shared/protocol';
import { IPC_ACK, IPC_FRAME, IPC_INVOKE, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE } from './ipc-channels';

/**
 * `window.berth` for the Electron renderer (exposed by electron/preload.ts via contextBridge).
 * Only channels of the contract, of the right kind, ever reach IPC; anything else is answered
 * locally with INVALID_ARGUMENT. One `berth:frame` listener routes frames to subscriptions.
 */

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function invalid(message: string): Envelope<unknown> {
  return { ok: false, error: { code: 'INVALID_ARGUMENT', message } };
}

function isStreamFrame(value: unknown): value is StreamFrame {
  if (!value || typeof value !== 'object') return false;
  const f = value as { sub?: unknown; kind?: unknown };
  return typeof f.sub === 'string' && (f.kind === 'data' || f.kind === 'error' || f.kind === 'end');
}

function describe(channel: unknown): string {
  return typeof channel === 'string' ? channel.slice(0, 80) : typeof channel;
}

/** Channel name → kind: the contract itself satisfies this, and so does the zod-free table the build injects. */
export type ChannelKinds = Readonly<Record<string, { readonly kind: 'invoke' | 'stream' }>>;

export function createPreloadBridge(ipc: IpcRendererLike, contract: ChannelKinds): BerthBridge {
  const has = (channel: unknown, kind: 'invoke' | 'stream'): channel is string =>
    typeof channel === 'string' &&
    Object.prototype.hasOwnProperty.call(contract, channel) &&
    contract[channel]?.kind === kind;

  const subs = new Map<string, FrameHandler>();
  // A per-page random prefix keeps ids unique even if two bridges ever share a frame.
  const prefix = Math.random().toString(36).slice(2, 8);
  let nextSub = 1;

  ipc.on(IPC_FRAME, (_event, frame) => {
    if (!isStreamFrame(frame)) return;
    const onFrame = subs.get(frame.sub);
    if (!onFrame) return;
    if (frame.kind !== 'data') subs.delete(frame.sub);
    let handled: unknown;
    try {
      handled = onFrame(frame);
    } finally {
      // Acknowledge after the page handled the batch (or, when it returned a promise, once that
      // settles): this is the stream's backpressure signal.
      if (frame.kind === 'data') ackAfter(handled, () => ipc.send(IPC_ACK, frame.sub));
    }
  });

  return {
    async invoke(channel, args) {
      if (!has(channel, 'invoke')) return invalid(`Unknown invoke channel: ${describe(channel)}`);
      try {
        return (await ipc.invoke(IPC_INVOKE, channel, args)) as Envelope<unknown>;
      } catch (err) {
        // E.g. arguments that cannot be structured-cloned (functions, DOM nodes).
        return invalid(`Could not send ${channel}: ${err instanceof Error ? err.message : String(err)}`);
      }
    },

    subscribe(channel, args, onFrame) {
      if (typeof onFrame !== 'function') throw new TypeError('subscribe needs a frame callback');
      const sub = `${prefix}-${nextSub++}`;
      if (!has(channel, 'stream')) {
        const message = `Unknown stream channel: ${describe(channel)}`;
        // Asynchronously, like a real stream error, so the caller already holds the unsubscribe fn.
        queueMicrotask(() => onFrame({ sub, kind: 'error', error: { code: 'INVALID_ARGUMENT', message } }));
        return () => undefined;
      }
      subs.set(sub, onFrame);
      try {
        ipc.send(IPC_SUBSCRIBE, sub, channel, args);
      } catch (err) {
        subs.delete(sub);
        const message = `Could not subscribe to ${channel}: ${err instanceof Error ? err.message : String(err)}`;
        queueMicrotask(() => onFrame({ sub, kind: 'error', error: { code: 'INVALID_ARGUMENT', message } }));
        return () => undefined;
      }
      return () => {
        if (subs.delete(sub)) ipc.send(IPC_UNSUBSCRIBE, sub);
      };
    },
  };
}
