import type { Contract } from '../../shared/contract';
import type { Handlers } from '../../shared/contract-kit';
import type { Json } from '../../shared/json';
import type { Engine } from '../engine/engine';
import { toContainerSummary, toImageSummaries } from '../engine/mappers';
import { imageOf } from '../engine/api-path';

type ImageHandlers = Pick<Handlers<Contract>, 'images.list' | 'images.inspect' | 'images.remove'>;

export function imageHandlers(engine: Engine): ImageHandlers {
  return {
    'images.list': async ({ usage }) => {
      const docker = await engine.docker();
      const [images, containers] = await Promise.all([
        docker.listImages({ all: false }),
        usage ? docker.listContainers({ all: true, size: false }) : Promise.resolve([]),
      ]);
      return toImageSummaries(images, containers.map(toContainerSummary));
    },
    'images.inspect': async ({ id }) => {
      const docker = await engine.docker();
      return { raw: (await imageOf(docker, id).inspect()) as unknown as Json };
    },
    'images.remove': async ({ id, force, noPrune }) => {
      const docker = await engine.docker();
      const result = (await imageOf(docker, id).remove({ force, noprune: noPrune })) as Array<{
        Untagged?: string;
        Deleted?: string;
      }>;
      return {
        untagged: result.flatMap((r) => (r.Untagged ? [r.Untagged] : [])),
        deleted: result.flatMap((r) => (r.Deleted ? [r.Deleted] : [])),
      };
    },
  };
}
