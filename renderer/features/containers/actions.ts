import type { ContainerState, ContainerSummary } from '../../../shared/models';
import { isBerthError, type BerthError } from '../../../shared/errors';
import { api } from '../../api';
import { plural } from '../../presentation/format';
import { errorMessage, toast } from '../../stores/toasts';
import { confirmContainerAction } from './confirmAction';
import { dropContainers, useContainersStore, type ContainerAction } from './store';

/** Which actions make sense in which state (the engine still has the last word). */
const APPLIES: Record<ContainerAction, readonly ContainerState[]> = {
  start: ['created', 'exited', 'dead'],
  stop: ['running', 'restarting', 'paused'],
  restart: ['running', 'exited', 'created', 'paused', 'restarting'],
  pause: ['running'],
  unpause: ['paused'],
  kill: ['running', 'restarting', 'paused'],
  remove: ['created', 'running', 'paused', 'restarting', 'exited', 'dead'],
};

export function canDo(action: ContainerAction, state: ContainerState): boolean {
  return APPLIES[action].includes(state);
}

export const ACTION_LABEL: Record<ContainerAction, string> = {
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  pause: 'Pause',
  unpause: 'Unpause',
  kill: 'Kill',
  remove: 'Remove',
};

const PAST: Record<ContainerAction, string> = {
  start: 'Started',
  stop: 'Stopped',
  restart: 'Restarted',
  pause: 'Paused',
  unpause: 'Unpaused',
  kill: 'Killed',
  remove: 'Removed',
};

export interface Target {
  id: string;
  name: string;
}

export interface Failure {
  target: Target;
  error: BerthError | Error;
}

export interface ActionResult {
  ok: Target[];
  failed: Failure[];
}

function call(action: ContainerAction, id: string, opts: { force?: boolean; volumes?: boolean }): Promise<void> {
  switch (action) {
    case 'start':
      return api.invoke('containers.start', { id });
    case 'stop':
      return api.invoke('containers.stop', { id });
    case 'restart':
      return api.invoke('containers.restart', { id });
    case 'pause':
      return api.invoke('containers.pause', { id });
    case 'unpause':
      return api.invoke('containers.unpause', { id });
    case 'kill':
      return api.invoke('containers.kill', { id });
    case 'remove':
      return api.invoke('containers.remove', { id, force: opts.force ?? false, volumes: opts.volumes ?? false });
  }
}

const CONCURRENCY = 8;

/** Runs one action on many containers (bounded concurrency), marking rows busy meanwhile. */
export async function runAction(
  action: ContainerAction,
  targets: readonly Target[],
  opts: { force?: boolean; volumes?: boolean } = {},
): Promise<ActionResult> {
  const store = useContainersStore.getState();
  store.setBusy(
    targets.map((t) => t.id),
    action,
  );
  const ok: Target[] = [];
  const failed: Failure[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const t = targets[next++]!;
      try {
        await call(action, t.id, opts);
        ok.push(t);
      } catch (err) {
        failed.push({ target: t, error: err instanceof Error ? err : new Error(String(err)) });
      } finally {
        useContainersStore.getState().setBusy([t.id], undefined);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, targets.length) }, worker));
  if (action === 'remove') dropContainers(ok.map((t) => t.id));
  return { ok, failed };
}

/** Lines for a failure toast: "web-1: <engine's message>". */
export function failureLines(failed: readonly Failure[]): string[] {
  return failed.map((f) => `${f.target.name}: ${errorMessage(f.error)}`);
}

/**
 * Runs an action and reports it: failures per container in an error toast (the engine's message);
 * a success toast only for bulk actions (a single row shows its new state by itself).
 */
export async function runAndReport(
  action: ContainerAction,
  targets: readonly Target[],
  opts: { force?: boolean; volumes?: boolean } = {},
): Promise<ActionResult> {
  // Settings → Confirmations may ask first (Stop, Restart, Kill); "no" runs nothing.
  if (
    !(await confirmContainerAction(
      action,
      targets.map((t) => t.name),
    ))
  )
    return { ok: [], failed: [] };
  const result = await runAction(action, targets, opts);
  if (result.failed.length > 0) {
    const first = result.failed[0]!;
    toast.error(
      result.failed.length === 1
        ? `Could not ${action} ${first.target.name}`
        : `Could not ${action} ${plural(result.failed.length, 'container')}`,
      result.failed.length === 1 ? errorMessage(first.error) : failureLines(result.failed),
    );
  }
  if (result.ok.length > 0 && (targets.length > 1 || action === 'remove')) {
    toast.success(
      targets.length === 1
        ? `${PAST[action]} ${result.ok[0]!.name}`
        : `${PAST[action]} ${plural(result.ok.length, 'container')}`,
    );
  }
  return result;
}

export function isConflict(err: unknown): boolean {
  return isBerthError(err) && err.code === 'CONFLICT';
}

export function targetOf(c: ContainerSummary): Target {
  return { id: c.id, name: c.name };
}
