import type Dockerode from 'dockerode';
import { BerthError } from '../../shared/errors';
import type { Json } from '../../shared/json';
import type { ContainerDetail, ContainerSummary } from '../../shared/models';
import type { CreateBody } from '../../shared/run-spec';
import { containerOf } from './api-path';
import { toContainerDetail, toContainerSummary } from './mappers';
import type { RawStats } from './stats';

/** Container calls: list, inspect, lifecycle, create, commit, export, stats, top, changes. */

/** Errors a person should not see for a no-op: starting a running container, stopping a stopped one. */
function ignoreNotModified(err: unknown): void {
  if ((err as { statusCode?: unknown })?.statusCode === 304) return;
  throw err;
}

export async function listContainers(docker: Dockerode, all: boolean, ids?: string[]): Promise<ContainerSummary[]> {
  // Never size=true: it walks every layer and takes minutes on big hosts.
  const opts: { all: boolean; size: false; filters?: string } = { all, size: false };
  if (ids && ids.length > 0) opts.filters = JSON.stringify({ id: ids });
  const list = await docker.listContainers(opts);
  return list.map(toContainerSummary);
}

/** Every container, for the "used by" columns of the image, volume and network lists; none when not asked. */
export async function containersForUsage(docker: Dockerode, usage: boolean): Promise<ContainerSummary[]> {
  return usage ? listContainers(docker, true) : [];
}

export async function inspectContainer(docker: Dockerode, id: string): Promise<{ detail: ContainerDetail; raw: Json }> {
  const info = await containerOf(docker, id).inspect();
  return { detail: toContainerDetail(info), raw: info as unknown as Json };
}

/** The engine's inspect info, as it sent it. */
export async function containerInfo(docker: Dockerode, id: string): Promise<Dockerode.ContainerInspectInfo> {
  return containerOf(docker, id).inspect();
}

export async function startContainer(docker: Dockerode, id: string): Promise<void> {
  await containerOf(docker, id).start().catch(ignoreNotModified);
}

export async function stopContainer(docker: Dockerode, id: string, timeoutSec?: number): Promise<void> {
  await containerOf(docker, id)
    .stop(timeoutSec === undefined ? {} : { t: timeoutSec })
    .catch(ignoreNotModified);
}

export async function restartContainer(docker: Dockerode, id: string, timeoutSec?: number): Promise<void> {
  await containerOf(docker, id).restart(timeoutSec === undefined ? {} : { t: timeoutSec });
}

export async function pauseContainer(docker: Dockerode, id: string): Promise<void> {
  await containerOf(docker, id).pause();
}

export async function unpauseContainer(docker: Dockerode, id: string): Promise<void> {
  await containerOf(docker, id).unpause();
}

export async function killContainer(docker: Dockerode, id: string, signal?: string): Promise<void> {
  await containerOf(docker, id).kill(signal ? { signal } : {});
}

export async function removeContainer(
  docker: Dockerode,
  id: string,
  opts: { force: boolean; volumes: boolean },
): Promise<void> {
  await containerOf(docker, id).remove({ force: opts.force, v: opts.volumes });
}

export interface CreatedContainer {
  Id: string;
  Warnings?: string[] | null;
}

/** `POST /containers/create`, keeping the engine's Warnings (dockerode's createContainer drops them). */
export function createContainer(
  docker: Dockerode,
  name: string | undefined,
  body: CreateBody,
): Promise<CreatedContainer> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: '/containers/create?',
        method: 'POST',
        options: { _query: name ? { name } : {}, _body: body },
        statusCodes: {
          200: true,
          201: true,
          400: 'bad parameter',
          404: 'no such image',
          409: 'conflict',
          500: 'server error',
        },
      },
      (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as CreatedContainer)),
    );
  });
}

/** `POST /commit`: the new image's id (empty when the engine did not say). */
export async function commitContainer(docker: Dockerode, id: string, opts: Record<string, unknown>): Promise<string> {
  const res = (await containerOf(docker, id).commit(opts)) as { Id?: string };
  return res.Id ?? '';
}

/** The root filesystem's size (an export's estimate) and an opener for `GET /containers/{id}/export`. */
export async function containerExport(
  docker: Dockerode,
  id: string,
): Promise<{ size: number | undefined; open: (signal: AbortSignal) => Promise<NodeJS.ReadableStream> }> {
  const container = containerOf(docker, id);
  const info = (await container.inspect({ size: true } as object)) as { SizeRootFs?: number };
  return {
    size: info.SizeRootFs,
    open: (signal) => container.export({ abortSignal: signal } as object),
  };
}

/**
 * One-shot stats only (`stream=false&one-shot=true`): the engine answers at once with one sample
 * instead of holding a stream per container or sleeping a second to fill precpu. CPU % comes from
 * the previous sample of the same container (CpuTracker in ./stats).
 */
export async function oneShotStats(docker: Dockerode, id: string, signal?: AbortSignal): Promise<RawStats> {
  const opts: Record<string, unknown> = { stream: false, 'one-shot': true };
  if (signal) opts.abortSignal = signal;
  const raw = (await containerOf(docker, id).stats(opts as { stream: false })) as unknown;
  // docker-modem hands back a Buffer when the body is not JSON (never seen; be safe).
  if (!raw || typeof raw !== 'object' || Buffer.isBuffer(raw)) {
    throw new BerthError('INTERNAL', `The engine sent unreadable stats for ${id.slice(0, 12)}`);
  }
  return raw as RawStats;
}

export async function containerTop(
  docker: Dockerode,
  id: string,
  psArgs?: string,
): Promise<{ Titles?: string[] | null; Processes?: string[][] | null } | null> {
  return (await containerOf(docker, id).top(psArgs ? { ps_args: psArgs } : {})) as {
    Titles?: string[] | null;
    Processes?: string[][] | null;
  } | null;
}

export async function containerChanges(
  docker: Dockerode,
  id: string,
): Promise<Array<{ Path?: string; Kind?: number }> | null> {
  return (await containerOf(docker, id).changes()) as Array<{ Path?: string; Kind?: number }> | null;
}
