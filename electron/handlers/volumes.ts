import type { Contract } from '../../shared/contract';
import type { Handlers } from '../../shared/contract-kit';
import type { EngineApi } from '../engine/engine-api';
import {
  createVolume,
  listVolumeSummaries,
  pruneVolumes,
  rawVolume,
  removeVolume,
  volumePruneCandidates,
  volumeSizes,
} from '../engine/volumes';

type VolumeHandlers = Pick<
  Handlers<Contract>,
  | 'volumes.list'
  | 'volumes.inspect'
  | 'volumes.remove'
  | 'volumes.create'
  | 'volumes.prunePreview'
  | 'volumes.sizes'
  | 'volumes.prune'
>;

export function volumeHandlers(engine: EngineApi): VolumeHandlers {
  return {
    'volumes.list': async ({ usage }) => listVolumeSummaries(await engine.docker(), usage),
    'volumes.inspect': async ({ name }) => rawVolume(await engine.docker(), name),
    'volumes.remove': async ({ name, force }) => removeVolume(await engine.docker(), name, force),
    'volumes.create': async (input) => createVolume(await engine.docker(), input),
    'volumes.prunePreview': async ({ all }) => volumePruneCandidates(await engine.docker(), all),
    'volumes.sizes': async ({ names }) => volumeSizes(await engine.docker(), names),
    'volumes.prune': async ({ names, measure }) => pruneVolumes(await engine.docker(), names, measure),
  };
}
