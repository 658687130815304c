import type { Contract } from '../../shared/contract';
import type { Handlers } from '../../shared/contract-kit';
import type { Json } from '../../shared/json';
import type { Engine } from '../engine/engine';
import { toContainerSummary, toVolumeSummaries } from '../engine/mappers';
import { volumeOf } from '../engine/api-path';
import { createVolume, pruneVolumes, volumePruneCandidates, volumeSizes } from '../engine/volumes';

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

export function volumeHandlers(engine: Engine): VolumeHandlers {
  return {
    'volumes.list': async ({ usage }) => {
      const docker = await engine.docker();
      const [volumes, containers] = await Promise.all([
        docker.listVolumes(),
        usage ? docker.listContainers({ all: true, size: false }) : Promise.resolve([]),
      ]);
      return toVolumeSummaries(volumes.Volumes ?? [], containers.map(toContainerSummary));
    },
    'volumes.inspect': async ({ name }) => {
      const docker = await engine.docker();
      return { raw: (await volumeOf(docker, name).inspect()) as unknown as Json };
    },
    'volumes.remove': async ({ name, force }) => {
      const docker = await engine.docker();
      await volumeOf(docker, name).remove({ force });
    },
    'volumes.create': async (input) => createVolume(await engine.docker(), input),
    'volumes.prunePreview': async ({ all }) => volumePruneCandidates(await engine.docker(), all),
    'volumes.sizes': async ({ names }) => volumeSizes(await engine.docker(), names),
    'volumes.prune': async ({ names, measure }) => pruneVolumes(await engine.docker(), names, measure),
  };
}
