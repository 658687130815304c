import { COMPOSE_LABELS, isOneOff, splitConfigFiles } from '../../shared/compose-labels';
import type { ContainerState, ContainerSummary, PortMapping } from '../../shared/models';

/**
 * Compose projects as the engine knows them: grouped from the labels compose (v1 and v2) puts on every
 * container it makes. Pure: the Stacks view and the Containers list's "group by project" read it from
 * the live containers store, so a project needs no compose CLI to be seen.
 */

export type StateCounts = Partial<Record<ContainerState, number>>;

export interface StackContainer {
  id: string;
  name: string;
  /** `--scale` replica number (1 for an unscaled service); undefined when the label is missing. */
  number: number | undefined;
  state: ContainerState;
  status: string;
  /** A `docker-compose run` container, not one of the service's replicas. */
  oneoff: boolean;
  ports: PortMapping[];
}

export interface StackService {
  name: string;
  containers: StackContainer[];
  counts: StateCounts;
}

export interface Stack {
  project: string;
  /** The folder compose ran in, as labelled; '' when no container says. */
  workingDir: string;
  /** Compose files of the last `up`, in order, as absolute paths (v1 labels them relative to the working dir). */
  configFiles: string[];
  /** The compose version that made the containers (e.g. "1.29.2", "2.24.6"); '' when unknown. */
  composeVersion: string;
  services: StackService[];
  counts: StateCounts;
  /** Published ports of every container, deduplicated, by public port. */
  ports: PortMapping[];
  containerCount: number;
}

function add(counts: StateCounts, state: ContainerState): void {
  counts[state] = (counts[state] ?? 0) + 1;
}

function toStackContainer(c: ContainerSummary): StackContainer {
  const n = Number.parseInt(c.labels[COMPOSE_LABELS.number] ?? '', 10);
  return {
    id: c.id,
    name: c.name,
    number: Number.isFinite(n) ? n : undefined,
    state: c.state,
    status: c.status,
    oneoff: isOneOff(c.labels),
    ports: c.ports,
  };
}

/** A port published on IPv4 and IPv6 (0.0.0.0 and ::) is one port to the user. */
const portKey = (p: PortMapping): string => `${p.publicPort ?? ''}:${p.privatePort}/${p.protocol}`;

/**
 * Every compose project among `containers`, by name, each with its services (by name) and their
 * containers (replicas by number, one-off runs last). Containers without a project label are left out.
 * The first container that carries a working dir / config files label names them for the project.
 */
export function groupStacks(containers: readonly ContainerSummary[]): Stack[] {
  const stacks = new Map<string, Stack & { serviceMap: Map<string, StackService>; portKeys: Set<string> }>();
  for (const c of containers) {
    const project = c.labels[COMPOSE_LABELS.project];
    if (!project) continue;
    let stack = stacks.get(project);
    if (!stack) {
      stack = {
        project,
        workingDir: '',
        configFiles: [],
        composeVersion: '',
        services: [],
        counts: {},
        ports: [],
        containerCount: 0,
        serviceMap: new Map(),
        portKeys: new Set(),
      };
      stacks.set(project, stack);
    }
    if (!stack.workingDir) stack.workingDir = c.labels[COMPOSE_LABELS.workingDir] ?? '';
    if (stack.configFiles.length === 0)
      stack.configFiles = splitConfigFiles(c.labels[COMPOSE_LABELS.configFiles], stack.workingDir);
    if (!stack.composeVersion) stack.composeVersion = c.labels[COMPOSE_LABELS.version] ?? '';
    const serviceName = c.labels[COMPOSE_LABELS.service] ?? '';
    let service = stack.serviceMap.get(serviceName);
    if (!service) {
      service = { name: serviceName, containers: [], counts: {} };
      stack.serviceMap.set(serviceName, service);
    }
    const sc = toStackContainer(c);
    service.containers.push(sc);
    add(service.counts, c.state);
    add(stack.counts, c.state);
    stack.containerCount++;
    for (const p of c.ports) {
      if (p.publicPort === undefined) continue;
      const key = portKey(p);
      if (stack.portKeys.has(key)) continue;
      stack.portKeys.add(key);
      stack.ports.push(p);
    }
  }
  const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);
  return [...stacks.values()]
    .map(({ serviceMap, portKeys: _portKeys, ...stack }) => ({
      ...stack,
      ports: [...stack.ports].sort((a, b) => (a.publicPort ?? 0) - (b.publicPort ?? 0)),
      services: [...serviceMap.values()].sort(byName).map((s) => ({
        ...s,
        containers: [...s.containers].sort(
          (a, b) =>
            Number(a.oneoff) - Number(b.oneoff) ||
            (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER) ||
            a.name.localeCompare(b.name),
        ),
      })),
    }))
    .sort((a, b) => a.project.localeCompare(b.project));
}

/** How many compose projects the containers belong to (the sidebar's count; no grouping needed). */
export function countProjects(containers: readonly ContainerSummary[]): number {
  const projects = new Set<string>();
  for (const c of containers) {
    const p = c.labels[COMPOSE_LABELS.project];
    if (p) projects.add(p);
  }
  return projects.size;
}
