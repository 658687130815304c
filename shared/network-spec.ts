import ipaddr from 'ipaddr.js';
import { networkRefError } from './engine-names';
import { filled, keyValueErrors, type FieldErrors, type KeyValueRow } from './run-spec';

/**
 * What the Create network dialog holds (strings as typed), its field-by-field validation and the
 * Engine API body it becomes. Pure and shared by the renderer (live validation) and main (the same
 * checks before the engine sees anything). Addresses are parsed by ipaddr.js, never by hand.
 *
 * Field addresses: `name`, `driver`, `ipv6`, `ipam.0.subnet`, `ipam.0.gateway`, `ipam.0.ipRange`,
 * `labels.2.key`, `options.1.key`, `options.1.value`, and `form` for what belongs to no field.
 */

export interface IpamRow {
  subnet: string;
  gateway: string;
  ipRange: string;
}

export interface NetworkSpec {
  name: string;
  /** bridge (default), overlay, macvlan, ipvlan or a plugin's name. */
  driver: string;
  /** Address pools; a row left blank is ignored (the engine picks a subnet). */
  ipam: IpamRow[];
  ipv6: boolean;
  internal: boolean;
  attachable: boolean;
  labels: KeyValueRow[];
  /** Driver options, e.g. com.docker.network.bridge.name, com.docker.network.driver.mtu. */
  options: KeyValueRow[];
}

export function emptyNetworkSpec(name = ''): NetworkSpec {
  return {
    name,
    driver: 'bridge',
    ipam: [],
    ipv6: false,
    internal: false,
    attachable: false,
    labels: [],
    options: [],
  };
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

export type Family = 'ipv4' | 'ipv6';
type Addr = ipaddr.IPv4 | ipaddr.IPv6;

export interface Cidr {
  family: Family;
  addr: Addr;
  prefix: number;
}

/** Names the engine keeps for itself (runconfig.IsPreDefinedNetwork) and forms the Run dialog reads otherwise. */
export const RESERVED_NETWORK_NAMES = ['bridge', 'host', 'none', 'default', 'ingress'] as const;

/** One address, strictly: dotted-quad IPv4 (no `010.1`, no `1.2`) or IPv6 without a zone. */
export function parseAddress(text: string): Parsed<{ family: Family; addr: Addr }> {
  const t = text.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(t)) return ok({ family: 'ipv4', addr: ipaddr.IPv4.parse(t) });
  if (!t.includes('%') && !t.includes('/') && ipaddr.IPv6.isValid(t))
    return ok({ family: 'ipv6', addr: ipaddr.IPv6.parse(t) });
  return fail(`“${t}” is not an IP address (e.g. 172.28.5.254 or fd00:28::1)`);
}

/** A subnet in CIDR form whose host part is zero, as the engine requires (`172.28.0.0/16`, `fd00:28::/64`). */
export function parseCidr(text: string): Parsed<Cidr> {
  const t = text.trim();
  const slash = t.indexOf('/');
  if (slash < 0) return fail(`Write the subnet in CIDR form, e.g. 172.28.0.0/16 or fd00:28::/64`);
  const a = parseAddress(t.slice(0, slash));
  const bits = t.slice(slash + 1);
  if (!a.ok) return fail(`“${t}” is not a subnet in CIDR form (e.g. 172.28.0.0/16 or fd00:28::/64)`);
  const max = a.value.family === 'ipv4' ? 32 : 128;
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max)
    return fail(`The prefix length after “/” is a number from 0 to ${max}`);
  const prefix = Number(bits);
  const network =
    a.value.family === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${a.value.addr.toString()}/${prefix}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${a.value.addr.toString()}/${prefix}`);
  if (network.toString() !== a.value.addr.toString())
    return fail(`The address part has host bits set; did you mean ${network.toString()}/${prefix}?`);
  return ok({ family: a.value.family, addr: a.value.addr, prefix });
}

export function cidrContains(net: Cidr, addr: Addr): boolean {
  return net.addr.kind() === addr.kind() && addr.match(net.addr, net.prefix);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && (cidrContains(a, b.addr) || cidrContains(b, a.addr));
}

const familyName = (f: Family): string => (f === 'ipv4' ? 'IPv4' : 'IPv6');

/** The subnet field: CIDR syntax; an IPv6 subnet needs IPv6 turned on. */
export function subnetError(subnet: string, ipv6: boolean): string | undefined {
  const c = parseCidr(subnet);
  if (!c.ok) return c.error;
  if (c.value.family === 'ipv6' && !ipv6) return 'An IPv6 subnet needs IPv6 turned on';
  return undefined;
}

/** The gateway field: an address of the subnet's family, inside it. Blank is fine (the engine picks one). */
export function gatewayError(subnet: string, gateway: string): string | undefined {
  if (!gateway.trim()) return undefined;
  const g = parseAddress(gateway);
  if (!g.ok) return g.error;
  if (!subnet.trim()) return 'Enter the subnet this gateway belongs to';
  const c = parseCidr(subnet);
  if (!c.ok) return undefined; // the subnet field says what is wrong
  if (g.value.family !== c.value.family) return `The gateway must be an ${familyName(c.value.family)} address`;
  if (!cidrContains(c.value, g.value.addr)) return `The gateway ${gateway.trim()} is not inside ${subnet.trim()}`;
  return undefined;
}

/** The IP range field: a CIDR inside the subnet (the part containers get addresses from). Blank is fine. */
export function ipRangeError(subnet: string, ipRange: string): string | undefined {
  if (!ipRange.trim()) return undefined;
  const r = parseCidr(ipRange);
  if (!r.ok) return r.error.replace('The address part', 'The range');
  if (!subnet.trim()) return 'Enter the subnet this range belongs to';
  const c = parseCidr(subnet);
  if (!c.ok) return undefined;
  if (r.value.family !== c.value.family) return `The IP range must be ${familyName(c.value.family)}`;
  if (r.value.prefix < c.value.prefix || !cidrContains(c.value, r.value.addr))
    return `The IP range ${ipRange.trim()} is not inside ${subnet.trim()}`;
  return undefined;
}

/** A new network's name: what the engine accepts, minus the names it keeps for its own networks and spaces. */
export function networkNameError(name: string): string | undefined {
  if (name === '') return 'Enter a network name';
  if (name !== name.trim()) return 'A network name cannot start or end with spaces';
  const ref = networkRefError(name);
  if (ref) return ref;
  // The engine takes "my net", but then every `--network`, compose file and script needs it quoted: the
  // issue asks for spaces to be refused at the field.
  if (/\s/.test(name)) return 'A network name cannot contain spaces: use “-” or “_”, e.g. my-net';
  if ((RESERVED_NETWORK_NAMES as readonly string[]).includes(name))
    return `“${name}” is the name of a network the engine creates itself`;
  if (name.startsWith('container:')) return 'A network name cannot start with “container:”';
  // A 64-hex name would be read as another network's id.
  if (/^[a-f0-9]{64}$/.test(name)) return 'A network name cannot look like a network id (64 hex digits)';
  return undefined;
}

const DRIVER_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.:/-]*$/;
const MTU_OPTION = 'com.docker.network.driver.mtu';

const isBlank = (r: IpamRow): boolean => !r.subnet.trim() && !r.gateway.trim() && !r.ipRange.trim();

/** Every field's first problem; empty when the engine may see the spec. */
export function validateNetworkSpec(spec: NetworkSpec): FieldErrors {
  const errors: FieldErrors = {};
  const set = (f: string, m: string): void => {
    errors[f] ??= m;
  };
  const nameErr = networkNameError(spec.name);
  if (nameErr) set('name', nameErr);
  const driver = spec.driver.trim();
  if (driver && (!DRIVER_RE.test(driver) || driver.length > 256))
    set('driver', 'A driver name has letters, digits and “_ . : / -”, e.g. bridge or macvlan');

  const subnets: Array<{ i: number; cidr: Cidr }> = [];
  spec.ipam.forEach((row, i) => {
    if (isBlank(row)) return;
    if (!row.subnet.trim()) {
      set(`ipam.${i}.subnet`, 'Enter a subnet (or leave the whole row blank)');
    } else {
      const err = subnetError(row.subnet, spec.ipv6);
      if (err) set(`ipam.${i}.subnet`, err);
      const c = parseCidr(row.subnet);
      if (c.ok) {
        const clash = subnets.find((s) => cidrsOverlap(s.cidr, c.value));
        if (clash) set(`ipam.${i}.subnet`, `Overlaps the subnet in row ${clash.i + 1}`);
        subnets.push({ i, cidr: c.value });
      }
    }
    const g = gatewayError(row.subnet, row.gateway);
    if (g) set(`ipam.${i}.gateway`, g);
    const r = ipRangeError(row.subnet, row.ipRange);
    if (r) set(`ipam.${i}.ipRange`, r);
  });

  keyValueErrors(spec.labels, 'labels', 'label', set);
  keyValueErrors(spec.options, 'options', 'option', set);
  spec.options.forEach((o, i) => {
    if (o.key.trim() !== MTU_OPTION) return;
    const v = o.value.trim();
    if (!/^\d{1,5}$/.test(v) || Number(v) < 68 || Number(v) > 65535)
      set(`options.${i}.value`, 'The MTU is a number of bytes from 68 to 65535, e.g. 1450');
  });
  return errors;
}

/** The Engine API's `POST /networks/create` body (the part Berth sets). */
export interface NetworkCreateBody {
  Name: string;
  Driver: string;
  EnableIPv6: boolean;
  Internal: boolean;
  Attachable: boolean;
  CheckDuplicate: boolean;
  IPAM: { Driver: 'default'; Config: Array<{ Subnet: string; Gateway?: string; IPRange?: string }> };
  Labels: Record<string, string>;
  Options: Record<string, string>;
}

/** The create body of a spec validateNetworkSpec accepted. */
export function toNetworkCreateBody(spec: NetworkSpec): NetworkCreateBody {
  return {
    Name: spec.name,
    Driver: spec.driver.trim() || 'bridge',
    EnableIPv6: spec.ipv6,
    Internal: spec.internal,
    Attachable: spec.attachable,
    // Older engines (API < 1.44) otherwise allow two networks with one name.
    CheckDuplicate: true,
    IPAM: {
      Driver: 'default',
      Config: spec.ipam
        .filter((r) => !isBlank(r))
        .map((r) => ({
          Subnet: r.subnet.trim(),
          ...(r.gateway.trim() ? { Gateway: r.gateway.trim() } : {}),
          ...(r.ipRange.trim() ? { IPRange: r.ipRange.trim() } : {}),
        })),
    },
    Labels: Object.fromEntries(filled(spec.labels).map((r) => [r.key.trim(), r.value])),
    Options: Object.fromEntries(filled(spec.options).map((r) => [r.key.trim(), r.value.trim()])),
  };
}

/**
 * Which subnet rows overlap a subnet the engine already has (for its "Pool overlaps" refusal, which names
 * none): `existing` are the other networks' IPAM subnets as the engine lists them.
 */
export function overlappingRows(spec: NetworkSpec, existing: readonly string[]): number[] {
  const taken = existing.map(parseCidr).flatMap((c) => (c.ok ? [c.value] : []));
  const rows: number[] = [];
  spec.ipam.forEach((row, i) => {
    const c = parseCidr(row.subnet);
    if (c.ok && taken.some((t) => cidrsOverlap(t, c.value))) rows.push(i);
  });
  return rows;
}

// ---------- connect ----------

export interface ConnectSpec {
  /** Network-scoped aliases. */
  aliases: string[];
  /** Static addresses; blank for one the engine picks. */
  ipv4: string;
  ipv6: string;
  /** `container` or `container:alias`. */
  links: string[];
}

const ALIAS_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export function validateConnectSpec(spec: ConnectSpec): FieldErrors {
  const errors: FieldErrors = {};
  const set = (f: string, m: string): void => {
    errors[f] ??= m;
  };
  spec.aliases.forEach((a, i) => {
    if (!ALIAS_RE.test(a) || a.length > 253)
      set(`aliases.${i}`, 'An alias has letters, digits, “_”, “.” and “-”, and starts with a letter or digit');
  });
  if (spec.ipv4.trim()) {
    const a = parseAddress(spec.ipv4);
    if (!a.ok) set('ipv4', a.error);
    else if (a.value.family !== 'ipv4') set('ipv4', 'Enter an IPv4 address here, e.g. 172.28.5.10');
  }
  if (spec.ipv6.trim()) {
    const a = parseAddress(spec.ipv6);
    if (!a.ok) set('ipv6', a.error);
    else if (a.value.family !== 'ipv6') set('ipv6', 'Enter an IPv6 address here, e.g. fd00:28::10');
  }
  spec.links.forEach((l, i) => {
    const [container = '', alias, ...rest] = l.split(':');
    if (!ALIAS_RE.test(container.replace(/^\//, '')) || rest.length || (alias !== undefined && !ALIAS_RE.test(alias)))
      set(`links.${i}`, 'A link is container or container:alias');
  });
  return errors;
}

/** The first host address of a subnet: the bridge driver's gateway when none was given. */
export function implicitGateway(subnet: string): string | undefined {
  const c = parseCidr(subnet);
  if (!c.ok) return undefined;
  const bytes = c.value.addr.toByteArray();
  for (let i = bytes.length - 1; i >= 0; i--) {
    bytes[i] = ((bytes[i] ?? 0) + 1) & 0xff;
    if (bytes[i] !== 0) break;
  }
  const next = ipaddr.fromByteArray(bytes);
  return cidrContains(c.value, next) ? next.toString() : undefined;
}

/**
 * A static address checked against the network it joins: inside one of its subnets of that family and
 * not held by its gateway or another endpoint. Checked before connecting because Docker 20.10, refusing
 * such an address for a running container, leaves the network in the container's config without an
 * endpoint: it cannot be disconnected, and the container no longer restarts.
 */
export function staticAddressError(
  address: string,
  subnets: readonly string[],
  taken: readonly string[],
): string | undefined {
  const a = parseAddress(address);
  if (!a.ok) return a.error;
  const own = subnets.flatMap((text) => {
    const c = parseCidr(text);
    return c.ok && c.value.family === a.value.family ? [{ text, cidr: c.value }] : [];
  });
  const t = address.trim();
  if (!own.length) return `This network has no ${familyName(a.value.family)} subnet`;
  if (!own.some((o) => cidrContains(o.cidr, a.value.addr)))
    return `${t} is not inside this network’s subnet${own.length > 1 ? 's' : ''} (${own.map((o) => o.text).join(', ')})`;
  const held = taken.map(parseAddress).some((x) => x.ok && x.value.addr.toString() === a.value.addr.toString());
  if (held) return `${t} is already in use on this network`;
  return undefined;
}

// ---------- prune filters ----------

/** `label=key`, `label=key=value`, and with `not` `label!=key`, `label!=key=value`, as the docker CLI. */
export interface LabelFilter {
  key: string;
  value?: string | undefined;
  not?: boolean | undefined;
}

export function matchesLabelFilters(
  labels: Record<string, string> | null | undefined,
  filters: readonly LabelFilter[],
): boolean {
  const l = labels ?? {};
  return filters.every((f) => {
    const has = Object.prototype.hasOwnProperty.call(l, f.key) && (f.value === undefined || l[f.key] === f.value);
    return f.not ? !has : has;
  });
}

const DURATION_UNITS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/**
 * The `until` of a prune, as the docker CLI takes it: a Go duration before now (`24h`, `1h30m`), unix
 * seconds, or an RFC 3339 date/time. Returns the cutoff in ms since the epoch.
 */
export function parseUntil(text: string, now: number): Parsed<number> {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return ok(Number(t) * 1000);
  if (/^(\d+(\.\d+)?(h|ms|m|s))+$/.test(t)) {
    let ms = 0;
    for (const m of t.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) ms += Number(m[1]) * (DURATION_UNITS[m[2] ?? 's'] ?? 0);
    return ok(now - ms);
  }
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(t)) {
    const ms = Date.parse(t.replace(' ', 'T'));
    if (Number.isFinite(ms)) return ok(ms);
  }
  return fail('Until is a duration such as 24h or 1h30m, unix seconds, or a date such as 2026-12-01T10:00:00Z');
}
