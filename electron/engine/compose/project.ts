import type Dockerode from 'dockerode';
import { COMPOSE_LABELS, isOneOff } from '../../../shared/compose-labels';
import type { StackAction, StackActionResult } from '../../../shared/contracts/stacks';
import { toBerthError } from '../../errors/engine-errors';

/**
 * A compose project's containers through the Engine API, by their labels: what works with no compose
 * CLI at all (start, stop, restart, pause, unpause). One-off `run` containers are not the project's
 * services and are left alone, as compose's own start/stop do.
 */

export async function projectContainers(
  docker: Dockerode,
  project: string,
  service?: string,
): Promise<Dockerode.ContainerInfo[]> {
  const label = [`${COMPOSE_LABELS.project}=${project}`];
  if (service) label.push(`${COMPOSE_LABELS.service}=${service}`);
  const all = await docker.listContainers({ all: true, filters: { label } });
  return all.filter((c) => !isOneOff(c.Labels));
}

export interface ProjectContainer {
  id: string;
  name: string;
  service: string;
  state: string;
}

/** A container as the stacks channels list it (exit frame, down preview). */
export function projectContainerEntry(c: Dockerode.ContainerInfo): ProjectContainer {
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
    service: c.Labels?.[COMPOSE_LABELS.service] ?? '',
    state: c.State,
  };
}

/** The project's service containers (one-offs left out), by name. */
export async function listProjectContainers(docker: Dockerode, project: string): Promise<ProjectContainer[]> {
  const containers = await projectContainers(docker, project);
  return containers.map(projectContainerEntry).sort((a, b) => a.name.localeCompare(b.name));
}

/** Why a container needs nothing for `action`, or undefined when it does. */
export function skipReason(action: StackAction, state: string): string | undefined {
  switch (action) {
    case 'start':
      return state === 'running' || state === 'paused' ? `already ${state}` : undefined;
    case 'stop':
      return state === 'running' || state === 'paused' || state === 'restarting' ? undefined : `not running (${state})`;
    case 'pause':
      return state === 'running' ? undefined : `not running (${state})`;
    case 'unpause':
      return state === 'paused' ? undefined : `not paused (${state})`;
    case 'restart':
      return undefined;
  }
}

const nameOf = (c: Dockerode.ContainerInfo): string => (c.Names?.[0] ?? c.Id).replace(/^\//, '');

/**
 * Runs `action` on every container of the project (or of one service), in parallel; each one's outcome
 * is reported, the engine's reason for each refusal. NOT_FOUND when the project has no containers.
 */
export async function actOnProject(
  docker: Dockerode,
  project: string,
  action: StackAction,
  service?: string,
): Promise<StackActionResult> {
  const containers = await projectContainers(docker, project, service);
  const result: StackActionResult = { done: [], skipped: [], failed: [] };
  if (containers.length === 0) return result;
  await Promise.all(
    containers.map(async (c) => {
      const entry = { id: c.Id, name: nameOf(c) };
      const reason = skipReason(action, c.State);
      if (reason) {
        result.skipped.push({ ...entry, reason });
        return;
      }
      const target = docker.getContainer(c.Id);
      try {
        if (action === 'start') await target.start();
        else if (action === 'stop') await target.stop();
        else if (action === 'restart') await target.restart();
        else if (action === 'pause') await target.pause();
        else await target.unpause();
        result.done.push(entry);
      } catch (err) {
        if ((err as { statusCode?: unknown })?.statusCode === 304) {
          result.skipped.push({ ...entry, reason: 'nothing to do' });
          return;
        }
        const e = toBerthError(err);
        result.failed.push({ ...entry, code: e.code, message: e.message });
      }
    }),
  );
  const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);
  result.done.sort(byName);
  result.skipped.sort(byName);
  result.failed.sort(byName);
  return result;
}
