import type { Contract } from '../../shared/contract';
import type { Handlers } from '../../shared/contract-kit';
import { BerthError } from '../../shared/errors';
import type { EngineApi } from '../engine/engine-api';
import type { EngineHub } from '../engine/engine-hub';
import { untilAborted } from './engine';

type EnginesHandlers = Pick<
  Handlers<Contract>,
  'engines.list' | 'engines.probe' | 'engines.add' | 'engines.remove' | 'engines.switch' | 'engines.watch'
>;

const NO_HUB = 'Engine switching is not available in this process (it was started with one fixed engine)';

/** The switcher's channels. Without a hub (tests wiring one Engine), the one engine is listed alone. */
export function enginesHandlers(engine: EngineApi, hub: EngineHub | undefined): EnginesHandlers {
  if (!hub) {
    const only = () => ({
      id: 'default',
      kind: 'default' as const,
      name: 'Default',
      endpoint: engine.status.endpoint ?? '',
      current: true,
      removable: false,
    });
    return {
      'engines.list': async () => [only()],
      'engines.probe': async () => [
        {
          id: 'default',
          reachable: engine.status.state === 'connected',
          ...(engine.status.reason ? { error: engine.status.reason } : {}),
        },
      ],
      'engines.add': async () => {
        throw new BerthError('INVALID_ARGUMENT', NO_HUB);
      },
      'engines.remove': async () => {
        throw new BerthError('INVALID_ARGUMENT', NO_HUB);
      },
      'engines.switch': async () => {
        throw new BerthError('INVALID_ARGUMENT', NO_HUB);
      },
      'engines.watch': async (_args, sink, signal) => {
        sink.emit({ current: only(), generation: 0 });
        await untilAborted(signal);
      },
    };
  }
  return {
    'engines.list': async () => hub.list(),
    'engines.probe': async ({ ids }) => hub.probe(ids),
    'engines.add': async (input) => hub.add(input),
    'engines.remove': async ({ id }) => hub.remove(id),
    'engines.switch': async ({ id }) => hub.switchTo(id),
    'engines.watch': async (_args, sink, signal) => {
      const off = hub.onBinding((b) => sink.emit(b));
      sink.emit(await hub.binding());
      await untilAborted(signal);
      off();
    },
  };
}
