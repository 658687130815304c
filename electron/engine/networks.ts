import type Dockerode from 'dockerode';
import {
  implicitGateway,
  matchesLabelFilters,
  type LabelFilter,
  type NetworkCreateBody,
} from '../../shared/network-spec';
import type { Json } from '../../shared/json';
import type { NetworkSummary } from '../../shared/models';
import { BUILTIN_NETWORKS } from '../../shared/run-spec';
import { containerPath, networkOf } from './api-path';
import { toBerthError } from '../errors/engine-errors';
import { containersForUsage } from './containers';
import { toNetworkSummaries } from './mappers';

/**
 * The engine side of networks: create, connect, disconnect, and the prune that removes only what the
 * user confirmed. Knows nothing of the contract; the handler maps its errors to fields.
 */

export async function listNetworkSummaries(docker: Dockerode, usage: boolean): Promise<NetworkSummary[]> {
  const [networks, containers] = await Promise.all([docker.listNetworks(), containersForUsage(docker, usage)]);
  return toNetworkSummaries(networks, containers);
}

export async function rawNetwork(docker: Dockerode, idOrName: string): Promise<{ raw: Json }> {
  return { raw: (await networkOf(docker, idOrName).inspect()) as unknown as Json };
}

export async function removeNetwork(docker: Dockerode, idOrName: string): Promise<void> {
  await networkOf(docker, idOrName).remove();
}

/** Networks the engine makes itself and never removes (bridge, host, none; swarm's ingress). */
export function isBuiltInNetwork(n: Pick<Dockerode.NetworkInspectInfo, 'Name' | 'Ingress'>): boolean {
  return (BUILTIN_NETWORKS as readonly string[]).includes(n.Name) || n.Ingress === true;
}

/** `POST /networks/create`; resolves with the new network's id. */
export async function createNetwork(docker: Dockerode, body: NetworkCreateBody): Promise<string> {
  const network = await docker.createNetwork(body);
  return network.id;
}

/** Every subnet other networks hold (for telling which of ours overlaps). */
export async function existingSubnets(docker: Dockerode): Promise<string[]> {
  const list = await docker.listNetworks();
  return list.flatMap((n) => (n.IPAM?.Config ?? []).flatMap((c) => (c.Subnet ? [c.Subnet] : [])));
}

export async function networkExists(docker: Dockerode, idOrName: string): Promise<boolean> {
  return found(() => networkOf(docker, idOrName).inspect());
}

export async function containerExists(docker: Dockerode, idOrName: string): Promise<boolean> {
  return found(() => docker.getContainer(containerPath(idOrName)).inspect());
}

async function found(probe: () => Promise<unknown>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch (e) {
    if (toBerthError(e).code === 'NOT_FOUND') return false;
    throw e;
  }
}

export interface ConnectOptions {
  container: string;
  aliases: string[];
  ipv4: string;
  ipv6: string;
  links: string[];
}

/**
 * What a static address on this network is checked against: its subnets and the addresses its
 * endpoints hold (gateways included). Undefined when the network cannot be read (connect then says why).
 */
export async function networkAddressing(
  docker: Dockerode,
  network: string,
): Promise<{ subnets: string[]; taken: string[] } | undefined> {
  try {
    const n = (await networkOf(docker, network).inspect()) as Dockerode.NetworkInspectInfo;
    const configs = n.IPAM?.Config ?? [];
    const endpoints = Object.values(n.Containers ?? {}).flatMap((c) => [c.IPv4Address, c.IPv6Address]);
    return {
      subnets: configs.flatMap((c) => (c.Subnet ? [c.Subnet] : [])),
      taken: [
        ...configs.flatMap((c) => (c.Gateway ? [c.Gateway] : implicit(n.Driver, c.Subnet))),
        ...endpoints.map((a) => a.split('/')[0] ?? ''),
      ].filter(Boolean),
    };
  } catch (e) {
    if (toBerthError(e).code === 'NOT_FOUND') return undefined;
    throw e;
  }
}

/** The bridge driver takes the subnet's first address as gateway when none was configured (not listed). */
function implicit(driver: string, subnet: string | undefined): string[] {
  const g = driver === 'bridge' && subnet ? implicitGateway(subnet) : undefined;
  return g ? [g] : [];
}

/** `docker network connect`: aliases, static addresses and links as the endpoint's config. */
export async function connectNetwork(docker: Dockerode, network: string, o: ConnectOptions): Promise<void> {
  const ipam = {
    ...(o.ipv4.trim() ? { IPv4Address: o.ipv4.trim() } : {}),
    ...(o.ipv6.trim() ? { IPv6Address: o.ipv6.trim() } : {}),
  };
  await networkOf(docker, network).connect({
    Container: o.container,
    EndpointConfig: {
      ...(o.aliases.length ? { Aliases: o.aliases } : {}),
      ...(o.links.length ? { Links: o.links } : {}),
      ...(Object.keys(ipam).length ? { IPAMConfig: ipam } : {}),
    },
  });
}

export async function disconnectNetwork(
  docker: Dockerode,
  network: string,
  container: string,
  force: boolean,
): Promise<void> {
  await networkOf(docker, network).disconnect({ Container: container, Force: force });
}

export interface PruneCandidate {
  id: string;
  name: string;
  driver: string;
  scope: string;
  created: string;
  labels: Record<string, string>;
  /**
   * Containers that are not running but were created or last ran with this network: the engine's
   * prune removes it all the same, and they then fail to start until connected to another network.
   */
  configuredBy: string[];
}

export interface PruneFilters {
  labels: LabelFilter[];
  /** Only networks created before this time (ms since the epoch). */
  untilMs?: number | undefined;
}

/** Candidates like the engine's own prune: not built in, no endpoints, matching the filters. */
export function isPrunable(n: Dockerode.NetworkInspectInfo, f: PruneFilters): boolean {
  if (isBuiltInNetwork(n)) return false;
  if (Object.keys(n.Containers ?? {}).length > 0) return false;
  if (!matchesLabelFilters(n.Labels, f.labels)) return false;
  if (f.untilMs !== undefined && !(Date.parse(n.Created) < f.untilMs)) return false;
  return true;
}

/**
 * The networks a prune would remove. The list endpoint leaves `Containers` empty, so each network is
 * inspected for its endpoints (one request per user network; hosts rarely have many).
 */
export async function pruneCandidates(docker: Dockerode, f: PruneFilters): Promise<PruneCandidate[]> {
  const [list, containers] = await Promise.all([
    docker.listNetworks(),
    docker.listContainers({ all: true, size: false }),
  ]);
  // Endpoint-less entries (never-started containers) carry no network id, so they are matched by name.
  const configured = new Map<string, string[]>();
  for (const c of containers) {
    const name = (c.Names?.[0] ?? c.Id).replace(/^\//, '');
    for (const net of Object.keys(c.NetworkSettings?.Networks ?? {}))
      configured.set(net, [...(configured.get(net) ?? []), name]);
  }
  const candidates: PruneCandidate[] = [];
  for (const summary of list) {
    if (isBuiltInNetwork(summary)) continue;
    let n: Dockerode.NetworkInspectInfo;
    try {
      n = (await networkOf(docker, summary.Id).inspect()) as Dockerode.NetworkInspectInfo;
    } catch (e) {
      if (toBerthError(e).code === 'NOT_FOUND') continue; // removed meanwhile
      throw e;
    }
    if (!isPrunable(n, f)) continue;
    candidates.push({
      id: n.Id,
      name: n.Name,
      driver: n.Driver,
      scope: n.Scope,
      created: n.Created,
      labels: n.Labels ?? {},
      configuredBy: (configured.get(n.Name) ?? []).sort(),
    });
  }
  return candidates;
}

export interface PruneOutcome {
  removed: Array<{ id: string; name: string }>;
  failed: Array<{ id: string; name: string; code: string; message: string }>;
}

/**
 * Removes exactly these networks, each checked again first: one that gained a container since the
 * preview (or became something else) stays and is reported; the engine's own refusal is reported too.
 */
export async function pruneNetworks(docker: Dockerode, ids: readonly string[]): Promise<PruneOutcome> {
  const out: PruneOutcome = { removed: [], failed: [] };
  for (const id of [...new Set(ids)]) {
    let n: Dockerode.NetworkInspectInfo;
    try {
      n = (await networkOf(docker, id).inspect()) as Dockerode.NetworkInspectInfo;
    } catch (e) {
      const be = toBerthError(e);
      out.failed.push({
        id,
        name: '',
        code: be.code,
        message: be.code === 'NOT_FOUND' ? 'The network is already gone' : be.message,
      });
      continue;
    }
    if (isBuiltInNetwork(n)) {
      out.failed.push({ id, name: n.Name, code: 'FORBIDDEN', message: `${n.Name} is built in and cannot be removed` });
      continue;
    }
    const users = Object.values(n.Containers ?? {}).map((c) => c.Name);
    if (users.length) {
      out.failed.push({ id, name: n.Name, code: 'CONFLICT', message: `Now in use by ${users.sort().join(', ')}` });
      continue;
    }
    try {
      // By the id inspected, so a network re-created under the same name meanwhile is not the one removed.
      await networkOf(docker, n.Id).remove();
      out.removed.push({ id: n.Id, name: n.Name });
    } catch (e) {
      const be = toBerthError(e);
      out.failed.push({ id, name: n.Name, code: be.code, message: be.message });
    }
  }
  return out;
}
