import type { EngineEvent } from '../../shared/models';
import { parseEngineTime, shortId } from './format';

/**
 * Pure display logic of one network's page (#/networks/<id>): the engine's `GET /networks/<id>` JSON
 * (networks.inspect's `raw`) mapped to what the page shows, and which engine events make it re-read.
 * Unit-tested in test/unit/renderer/network-page.test.ts.
 *
 * Aliases are not in the network's JSON (the engine keeps them on the container's endpoint): the page
 * passes them in from the attached containers' inspect, keyed by container id.
 */

// Read without zod (kept out of the renderer's bundle): every field defaults when absent or mistyped.
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (o: Obj | undefined, k: string): string => (typeof o?.[k] === 'string' ? (o[k] as string) : '');
const bool = (o: Obj | undefined, k: string): boolean => o?.[k] === true;
const obj = (o: Obj | undefined, k: string): Obj | undefined => (isObj(o?.[k]) ? (o[k] as Obj) : undefined);
function strMap(v: unknown): Record<string, string> {
  if (!isObj(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export interface NetworkEndpointView {
  containerId: string;
  /** The container's name without the engine's leading slash. */
  name: string;
  /** With prefix length, as the engine gives it ("172.18.0.2/16"); '' when none. */
  ipv4: string;
  ipv6: string;
  mac: string;
  /** undefined while the container's aliases are being read. */
  aliases: string[] | undefined;
  /** False for a swarm load-balancer endpoint ("lb-<network>", "ingress-sbox"): nothing to open or disconnect. */
  isContainer: boolean;
}

const CONTAINER_ID = /^[0-9a-f]{64}$/;

export interface IpamConfigView {
  subnet: string;
  gateway: string;
  ipRange: string;
}

export interface NetworkPageModel {
  id: string;
  shortId: string;
  name: string;
  driver: string;
  scope: string;
  /** Epoch seconds; undefined when the engine gives no usable time. */
  created: number | undefined;
  flags: { internal: boolean; attachable: boolean; ipv6: boolean; ingress: boolean };
  /** Sorted by container name. */
  endpoints: NetworkEndpointView[];
  ipam: { driver: string; configs: IpamConfigView[]; options: Array<[string, string]> };
  /** Sorted by key. */
  options: Array<[string, string]>;
  labels: Array<[string, string]>;
}

const sortedEntries = (m: Record<string, string>): Array<[string, string]> =>
  Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The aliases worth showing: the engine adds the container's short id to every user-defined network's
 * endpoint by itself; what the user gave (or compose's service name) is the rest.
 */
export function userAliases(aliases: readonly string[] | null | undefined, containerId: string): string[] {
  return (aliases ?? []).filter((a) => !(a.length >= 12 && containerId.startsWith(a)));
}

/** undefined when `raw` is not a network's inspect JSON. */
export function toNetworkPageModel(
  raw: unknown,
  aliases: ReadonlyMap<string, readonly string[]> = new Map(),
): NetworkPageModel | undefined {
  if (!isObj(raw) || !str(raw, 'Id')) return undefined;
  const n = raw;
  const containers = obj(n, 'Containers') ?? {};
  const endpoints = Object.entries(containers)
    .map(([containerId, v]) => {
      const c = isObj(v) ? v : undefined;
      const a = aliases.get(containerId);
      return {
        containerId,
        name: str(c, 'Name').replace(/^\//, ''),
        ipv4: str(c, 'IPv4Address'),
        ipv6: str(c, 'IPv6Address'),
        mac: str(c, 'MacAddress'),
        aliases: a ? userAliases(a, containerId) : undefined,
        isContainer: CONTAINER_ID.test(containerId),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const ipam = obj(n, 'IPAM');
  const configs = Array.isArray(ipam?.['Config']) ? (ipam['Config'] as unknown[]).filter(isObj) : [];
  return {
    id: str(n, 'Id'),
    shortId: shortId(str(n, 'Id')),
    name: str(n, 'Name'),
    driver: str(n, 'Driver'),
    scope: str(n, 'Scope'),
    created: parseEngineTime(str(n, 'Created') || undefined),
    flags: {
      internal: bool(n, 'Internal'),
      attachable: bool(n, 'Attachable'),
      ipv6: bool(n, 'EnableIPv6'),
      ingress: bool(n, 'Ingress'),
    },
    endpoints,
    ipam: {
      driver: str(ipam, 'Driver') || 'default',
      configs: configs.map((c) => ({
        subnet: str(c, 'Subnet'),
        gateway: str(c, 'Gateway'),
        ipRange: str(c, 'IPRange'),
      })),
      options: sortedEntries(strMap(ipam?.['Options'])),
    },
    options: sortedEntries(strMap(n['Options'])),
    labels: sortedEntries(strMap(n['Labels'])),
  };
}

/** "172.18.0.2/16" → "172.18.0.2": the address a static-IP field or `ping` takes. */
export function addressOnly(cidr: string): string {
  const i = cidr.indexOf('/');
  return i < 0 ? cidr : cidr.slice(0, i);
}

export type NetworkPageEventEffect = 'reload' | 'gone' | 'ignore';

/**
 * What an engine event means for the page of network `networkId` (full id) showing `attached`
 * containers: its own connect/disconnect/update events and the stream's resync re-read it, its destroy
 * makes it gone, an attached container's rename re-reads it (its name changes on the page).
 */
export function networkPageEventEffect(
  ev: EngineEvent,
  networkId: string,
  attached: ReadonlySet<string>,
): NetworkPageEventEffect {
  if (ev.type === 'berth') return ev.action === 'resync' ? 'reload' : 'ignore';
  if (ev.type === 'network') {
    // Podman (4.x) reports connect/disconnect with the container as the actor and no network at all
    // (Docker's actor is the network, with a `container` attribute): it may be this one, so re-read.
    if (ev.id !== networkId) {
      const podman = (ev.action === 'connect' || ev.action === 'disconnect') && !ev.attributes['container'];
      return podman ? 'reload' : 'ignore';
    }
    return ev.action === 'destroy' ? 'gone' : 'reload';
  }
  if (ev.type === 'container' && attached.has(ev.id)) return ev.action === 'rename' ? 'reload' : 'ignore';
  return 'ignore';
}
