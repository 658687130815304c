import { contract, type Contract } from '../../shared/contract';
import type { ArgsIn, Frame, InvokeChannels, Result, StreamChannels } from '../../shared/contract-kit';
import { BerthError, type ErrorShape } from '../../shared/errors';
import type { BerthBridge } from '../../shared/protocol';

/**
 * Typed client over a bridge (Electron preload or WebSocket). Error envelopes come back as thrown
 * `BerthError`s carrying the stable code; UI code switches on `err.code`.
 */

export interface StreamHandlers<F> {
  onData: (frame: F) => void;
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
      if (contract[channel].kind !== 'invoke') throw new BerthError('INVALID_ARGUMENT', `${channel} is not an invoke`);
      const envelope = await bridge.invoke(channel, args);
      if (envelope.ok) return envelope.data as never;
      throw BerthError.fromShape(envelope.error);
    },
    subscribe(channel, args, handlers) {
      return bridge.subscribe(channel, args, (frame) => {
        switch (frame.kind) {
          case 'data':
            for (const p of frame.payloads) handlers.onData(p as never);
            return;
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
