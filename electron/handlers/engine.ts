import type { Contract } from '../../shared/contract';
import type { Handlers } from '../../shared/contract-kit';
import type { EngineEvent } from '../../shared/models';
import type { Engine } from '../engine/engine';

type EngineHandlers = Pick<Handlers<Contract>, 'engine.status' | 'engine.watch' | 'engine.reconnect' | 'engine.events'>;

/** Resolves when the subscriber goes away. */
function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

export function engineHandlers(engine: Engine): EngineHandlers {
  return {
    'engine.status': async () => engine.status,
    'engine.reconnect': async () => engine.reconnect(),
    'engine.watch': async (_args, sink, signal) => {
      sink.emit(engine.status);
      const off = engine.onStatus((s) => sink.emit(s));
      await untilAborted(signal);
      off();
    },
    'engine.events': async (_args, sink, signal) => {
      engine.start();
      // A subscriber that arrives after the stream is up still needs a first full list.
      if (engine.status.state === 'connected') {
        sink.emit({ type: 'berth', action: 'resync', id: '', timeNano: Date.now() * 1e6, attributes: {} });
      }
      const off = engine.onEvent((ev: EngineEvent) => sink.emit(ev));
      await untilAborted(signal);
      off();
    },
  };
}
