import type { ContainerState } from '../../shared/models';
import { plural } from './format';
import type { Stack, StackContainer, StackService, StateCounts } from './stacks';

/**
 * The Stacks view's tree as the flat list of rows on screen (projects, the services of expanded
 * projects, the containers of expanded services), with ids stable across live updates. Pure.
 */
export type StackTreeRow =
  | { kind: 'project'; id: string; level: 1; stack: Stack; expanded: boolean }
  | { kind: 'service'; id: string; level: 2; stack: Stack; service: StackService; expanded: boolean }
  | { kind: 'container'; id: string; level: 3; stack: Stack; service: StackService; container: StackContainer };

export const projectRowId = (project: string): string => `p:${project}`;
export const serviceRowId = (project: string, service: string): string => `s:${project}/${service}`;
export const containerRowId = (id: string): string => `c:${id}`;

/** Order in which state chips are shown (most telling first). */
const STATE_ORDER: readonly ContainerState[] = [
  'running',
  'paused',
  'restarting',
  'exited',
  'created',
  'dead',
  'removing',
];

export interface StateChip {
  state: ContainerState;
  count: number;
}

export function stateChips(counts: StateCounts): StateChip[] {
  return STATE_ORDER.flatMap((state) => {
    const count = counts[state] ?? 0;
    return count > 0 ? [{ state, count }] : [];
  });
}

/** "2 running, 1 exited" (for accessible names and titles). */
export function describeCounts(counts: StateCounts): string {
  return (
    stateChips(counts)
      .map((c) => `${c.count} ${c.state}`)
      .join(', ') || 'no containers'
  );
}

const includes = (text: string, needle: string): boolean => text.toLowerCase().includes(needle);

/** A project matches the filter by its own name, or a service's or container's name. */
export function stackMatches(stack: Stack, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return (
    includes(stack.project, q) ||
    stack.services.some((s) => includes(s.name, q) || s.containers.some((c) => includes(c.name, q)))
  );
}

/**
 * The rows on screen: every (filtered) project, the services of expanded projects, the containers of
 * expanded services. While a filter is typed, projects that match only by a service or container name
 * show that part expanded, so the match is visible.
 */
export function flattenStacks(stacks: readonly Stack[], expanded: ReadonlySet<string>, query = ''): StackTreeRow[] {
  const q = query.trim().toLowerCase();
  const rows: StackTreeRow[] = [];
  for (const stack of stacks) {
    if (!stackMatches(stack, q)) continue;
    const pid = projectRowId(stack.project);
    const deepMatch = q !== '' && !includes(stack.project, q);
    const pOpen = expanded.has(pid) || deepMatch;
    rows.push({ kind: 'project', id: pid, level: 1, stack, expanded: pOpen });
    if (!pOpen) continue;
    for (const service of stack.services) {
      const sid = serviceRowId(stack.project, service.name);
      const containerMatch = q !== '' && service.containers.some((c) => includes(c.name, q));
      const open = expanded.has(sid) || (deepMatch && containerMatch && !includes(service.name, q));
      rows.push({ kind: 'service', id: sid, level: 2, stack, service, expanded: open });
      if (!open) continue;
      for (const container of service.containers) {
        rows.push({ kind: 'container', id: containerRowId(container.id), level: 3, stack, service, container });
      }
    }
  }
  return rows;
}

/** The container number as the tree shows it: "#2" for scaled services, "run" for one-off containers. */
export function containerTag(c: StackContainer, service: StackService): string | undefined {
  if (c.oneoff) return 'run';
  const replicas = service.containers.filter((x) => !x.oneoff).length;
  return replicas > 1 && c.number !== undefined ? `#${c.number}` : undefined;
}

/** A row's accessible name: it starts with the project / service / container name. */
export function treeRowLabel(row: StackTreeRow): string {
  switch (row.kind) {
    case 'project':
      return `${row.stack.project}, ${plural(row.stack.services.length, 'service')}, ${describeCounts(row.stack.counts)}`;
    case 'service':
      return `${row.service.name}, ${plural(row.service.containers.length, 'container')}, ${describeCounts(row.service.counts)}`;
    case 'container': {
      const tag = containerTag(row.container, row.service);
      return `${row.container.name}${tag ? ` ${tag}` : ''}, ${row.container.state}`;
    }
  }
}

/** The ids of a project's (or one service's) containers, one-off runs included, for merged logs. */
export function containerIdsOf(stack: Stack, service?: string): string[] {
  return stack.services
    .filter((s) => service === undefined || s.name === service)
    .flatMap((s) => s.containers.map((c) => c.id));
}

export interface ActionAvailability {
  start: boolean;
  stop: boolean;
  restart: boolean;
  pause: boolean;
  unpause: boolean;
}

/** Which API actions would change anything for containers in these states. */
export function availableActions(counts: StateCounts): ActionAvailability {
  const n = (s: ContainerState): number => counts[s] ?? 0;
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  const running = n('running') + n('restarting');
  return {
    start: n('exited') + n('created') + n('dead') > 0,
    stop: running + n('paused') > 0,
    restart: total > 0,
    pause: n('running') > 0,
    unpause: n('paused') > 0,
  };
}
