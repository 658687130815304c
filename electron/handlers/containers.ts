import type { Contract } from '../../shared/contract';
import type { Handlers } from '../../shared/contract-kit';
import type { Engine } from '../engine/engine';
import type { ContainerListPrefetch } from '../engine/list-prefetch';
import type { ContainerSummary } from '../../shared/models';
import { toContainerDetail, toContainerSummary } from '../engine/mappers';
import type { Json } from '../../shared/json';
import { containerOf } from '../engine/api-path';

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

/** Errors a person should not see for a no-op: starting a running container, stopping a stopped one. */
function ignoreNotModified(err: unknown): void {
  if ((err as { statusCode?: unknown })?.statusCode === 304) return;
  throw err;
}

export async function listContainers(engine: Engine, all: boolean, ids?: string[]): Promise<ContainerSummary[]> {
  const docker = await engine.docker();
  // Never size=true: it walks every layer and takes minutes on big hosts.
  const opts: { all: boolean; size: false; filters?: string } = { all, size: false };
  if (ids && ids.length > 0) opts.filters = JSON.stringify({ id: ids });
  const list = await docker.listContainers(opts);
  return list.map(toContainerSummary);
}

export function containerHandlers(engine: Engine, prefetch?: ContainerListPrefetch): ContainerHandlers {
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
      return listContainers(engine, all, ids);
    },
    'containers.inspect': async ({ id }) => {
      const docker = await engine.docker();
      const info = await containerOf(docker, id).inspect();
      return { detail: toContainerDetail(info), raw: info as unknown as Json };
    },
    'containers.start': async ({ id }) => {
      const docker = await engine.docker();
      await containerOf(docker, id).start().catch(ignoreNotModified);
    },
    'containers.stop': async ({ id, timeoutSec }) => {
      const docker = await engine.docker();
      await containerOf(docker, id)
        .stop(timeoutSec === undefined ? {} : { t: timeoutSec })
        .catch(ignoreNotModified);
    },
    'containers.restart': async ({ id, timeoutSec }) => {
      const docker = await engine.docker();
      await containerOf(docker, id).restart(timeoutSec === undefined ? {} : { t: timeoutSec });
    },
    'containers.pause': async ({ id }) => {
      const docker = await engine.docker();
      await containerOf(docker, id).pause();
    },
    'containers.unpause': async ({ id }) => {
      const docker = await engine.docker();
      await containerOf(docker, id).unpause();
    },
    'containers.kill': async ({ id, signal }) => {
      const docker = await engine.docker();
      await containerOf(docker, id).kill(signal ? { signal } : {});
    },
    'containers.remove': async ({ id, force, volumes }) => {
      const docker = await engine.docker();
      await containerOf(docker, id).remove({ force, v: volumes });
    },
  };
}
