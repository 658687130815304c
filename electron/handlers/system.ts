import type { Handlers } from '../../shared/contract-kit';
import type { systemContract } from '../../shared/contracts/system';
import type { EngineApi } from '../engine/engine-api';
import { diskUsage, systemInfo, systemPrune, systemPrunePreview } from '../engine/system';

type SystemHandlers = Handlers<typeof systemContract>;

export function systemHandlers(engine: EngineApi): SystemHandlers {
  return {
    'system.info': async () => systemInfo(await engine.docker()),
    'system.df': async () => diskUsage(await engine.docker()),
    'system.prunePreview': async (kinds) => systemPrunePreview(await engine.docker(), kinds),
    'system.prune': async (selection, sink, signal) =>
      systemPrune(await engine.docker(), selection, (f) => sink.emit(f), signal),
  };
}
