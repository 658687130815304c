import type { Contract } from '../../shared/contract';
import type { Handlers } from '../../shared/contract-kit';
import type { EngineEvent } from '../../shared/models';
import type { EngineApi } from '../engine/engine-api';
import { engineCounts } from '../engine/system';

type EngineHandlers = Pick<
  Handlers<Contract>,
  'engine.status' | 'engine.watch' | 'engine.reconnect' | 'engine.events' | 'engine.counts'
>;

/** Resolves when the subscriber goes away. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

export function engineHandlers(engine: EngineApi): EngineHandlers {
  return {
    'engine.status': async () => engine.status,
    'engine.reconnect': async () => engine.reconnect(),
    'engine.watch': async (_args, sink, signal) => {
      sink.emit(engine.status);
      const off = engine.onStatus((s) => sink.emit(s));
      await untilAborted(signal);
      off();
    },
    // Only the three lists themselves: no container list (the full *.list handlers add "used by").
    'engine.counts': async () => engineCounts(await engine.docker()),
    'engine.events': async (_args, sink, signal) => {
      engine.start();
      // A subscriber that arrives after the stream is up still needs a first full list. `reason:
      // 'subscribed'` tells it that lists it asks for after subscribing are covered (no reconnect happened).
      if (engine.status.state === 'connected') {
        const attributes = { reason: 'subscribed' };
        sink.emit({ type: 'berth', action: 'resync', id: '', timeNano: Date.now() * 1e6, attributes });
      }
      const off = engine.onEvent((ev: EngineEvent) => sink.emit(ev));
      await untilAborted(signal);
      off();
    },
  };
}
