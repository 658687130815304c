import type { Contract } from '../../shared/contract';
import type { Handlers } from '../../shared/contract-kit';
import type { EngineApi } from '../engine/engine-api';
import type { ContainerListPrefetch } from '../engine/list-prefetch';
import {
  inspectContainer,
  killContainer,
  listContainers,
  pauseContainer,
  removeContainer,
  restartContainer,
  startContainer,
  stopContainer,
  unpauseContainer,
} from '../engine/containers';

type ContainerHandlers = Pick<
  Handlers<Contract>,
  | 'containers.list'
  | 'containers.inspect'
  | 'containers.start'
  | 'containers.stop'
  | 'containers.restart'
  | 'containers.pause'
  | 'containers.unpause'
  | 'containers.kill'
  | 'containers.remove'
>;

export function containerHandlers(engine: EngineApi, prefetch?: ContainerListPrefetch): ContainerHandlers {
  return {
    'containers.list': async ({ all, ids }) => {
      const prefetched = all && !ids?.length ? prefetch?.take() : undefined;
      if (prefetched) {
        try {
          return await prefetched;
        } catch {
          /* list afresh below */
        }
      }
      return listContainers(await engine.docker(), all, ids);
    },
    'containers.inspect': async ({ id }) => inspectContainer(await engine.docker(), id),
    'containers.start': async ({ id }) => startContainer(await engine.docker(), id),
    'containers.stop': async ({ id, timeoutSec }) => stopContainer(await engine.docker(), id, timeoutSec),
    'containers.restart': async ({ id, timeoutSec }) => restartContainer(await engine.docker(), id, timeoutSec),
    'containers.pause': async ({ id }) => pauseContainer(await engine.docker(), id),
    'containers.unpause': async ({ id }) => unpauseContainer(await engine.docker(), id),
    'containers.kill': async ({ id, signal }) => killContainer(await engine.docker(), id, signal),
    'containers.remove': async ({ id, force, volumes }) =>
      removeContainer(await engine.docker(), id, { force, volumes }),
  };
}
