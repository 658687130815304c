import { filled, shellQuote } from '../../shared/run-spec';
import type { NetworkSpec } from '../../shared/network-spec';

/** Pure helpers of the Create network dialog: which drivers it offers, which option keys it suggests. */

/** Drivers that cannot make a new network: the engine has exactly one `host` and one `null` (none) network. */
const NOT_CREATABLE = new Set(['host', 'null', 'none']);

/**
 * The drivers a new network may use, bridge first: the engine's network plugins minus host and null;
 * overlay only while this engine is an active Swarm node (it needs the Swarm's key-value store).
 * Without engine info (not loaded yet, or it failed), bridge alone.
 */
export function creatableDrivers(info: { networkDrivers: readonly string[]; swarm: { state: string } } | undefined) {
  const offered = info?.networkDrivers ?? [];
  const rest = offered.filter(
    (d) => d !== 'bridge' && !NOT_CREATABLE.has(d) && (d !== 'overlay' || info?.swarm.state === 'active'),
  );
  return ['bridge', ...[...new Set(rest)].sort()];
}

/** What each driver's common options are called (suggested in the options' key field). */
const MTU = 'com.docker.network.driver.mtu';
const DRIVER_OPTION_KEYS: Record<string, readonly string[]> = {
  bridge: [
    'com.docker.network.bridge.name',
    MTU,
    'com.docker.network.bridge.enable_icc',
    'com.docker.network.bridge.enable_ip_masquerade',
    'com.docker.network.bridge.host_binding_ipv4',
  ],
  macvlan: ['parent', 'macvlan_mode', MTU],
  ipvlan: ['parent', 'ipvlan_mode', 'ipvlan_flag', MTU],
  overlay: ['encrypted', MTU, 'com.docker.network.driver.overlay.vxlanid_list'],
};

export function driverOptionKeys(driver: string): readonly string[] {
  return DRIVER_OPTION_KEYS[driver.trim()] ?? [MTU];
}

/** macvlan and ipvlan attach to a host interface: without `parent` the engine makes a dummy one. */
export function needsParent(driver: string): boolean {
  return driver === 'macvlan' || driver === 'ipvlan';
}

/** The `docker network create` command of a spec, for people who want the CLI line. */
export function toNetworkCreateCommand(spec: NetworkSpec): string {
  const args = ['docker', 'network', 'create'];
  const driver = spec.driver.trim() || 'bridge';
  if (driver !== 'bridge') args.push('--driver', driver);
  for (const r of spec.ipam) {
    if (!r.subnet.trim() && !r.gateway.trim() && !r.ipRange.trim()) continue;
    if (r.subnet.trim()) args.push('--subnet', r.subnet.trim());
    if (r.gateway.trim()) args.push('--gateway', r.gateway.trim());
    if (r.ipRange.trim()) args.push('--ip-range', r.ipRange.trim());
  }
  if (spec.ipv6) args.push('--ipv6');
  if (spec.internal) args.push('--internal');
  if (spec.attachable) args.push('--attachable');
  for (const l of filled(spec.labels)) args.push('--label', `${l.key.trim()}=${l.value}`);
  for (const o of filled(spec.options)) args.push('--opt', `${o.key.trim()}=${o.value.trim()}`);
  args.push(spec.name || '<name>');
  return args.map((a, i) => (i < 3 || a === '<name>' ? a : shellQuote(a))).join(' ');
}
