import type { Contract } from '../../shared/contract';
import type { ArgsIn, Frame, InvokeChannels, Result, StreamChannels } from '../../shared/contract-kit';
import { BerthError, type ErrorShape } from '../../shared/errors';
import type { BerthBridge } from '../../shared/protocol';

/**
 * Typed client over a bridge (Electron preload or WebSocket). Error envelopes come back as thrown
 * `BerthError`s carrying the stable code; UI code switches on `err.code`.
 *
 * Only types come from the contract: importing its value would pull zod into the renderer's start-up
 * bundle. Channel kinds are checked by the types here and again by the preload bridge and the dispatcher.
 */

export interface StreamHandlers<F> {
  /**
   * Called for every payload. Return a promise to hold back the acknowledgement of its batch until
   * the payload was consumed (e.g. xterm's write callback): the server then pauses the engine
   * stream instead of flooding the page. Returning nothing keeps the stream at full speed.
   */
  onData: (frame: F) => void | PromiseLike<void>;
  onError?: (error: BerthError) => void;
  onEnd?: () => void;
}

export interface BerthClient {
  invoke<K extends InvokeChannels<Contract>>(channel: K, args: ArgsIn<Contract[K]>): Promise<Result<Contract[K]>>;
  subscribe<K extends StreamChannels<Contract>>(
    channel: K,
    args: ArgsIn<Contract[K]>,
    handlers: StreamHandlers<Frame<Contract[K]>>,
  ): () => void;
}

export function createClient(bridge: BerthBridge): BerthClient {
  return {
    async invoke(channel, args) {
      const envelope = await bridge.invoke(channel, args);
      if (envelope.ok) return envelope.data as never;
      throw BerthError.fromShape(envelope.error);
    },
    subscribe(channel, args, handlers) {
      return bridge.subscribe(channel, args, (frame) => {
        switch (frame.kind) {
          case 'data': {
            let waits: PromiseLike<void>[] | undefined;
            for (const p of frame.payloads) {
              const r = handlers.onData(p as never);
              if (r && typeof r.then === 'function') (waits ??= []).push(r);
            }
            return waits ? Promise.all(waits).then(() => undefined) : undefined;
          }
          case 'error':
            handlers.onError?.(BerthError.fromShape(frame.error as ErrorShape));
            return;
          case 'end':
            handlers.onEnd?.();
            return;
        }
      });
    },
  };
}
