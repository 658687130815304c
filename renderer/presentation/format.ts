import type { ContainerState, PortMapping } from '../../shared/models';

/**
 * Pure display formatters shared by every view. No React, no DOM: unit-tested in
 * test/unit/renderer/format.test.ts.
 *
 *   formatBytes(67108864)                → '64 MiB'
 *   formatRelativeTime(created, now)     → '3 minutes ago'
 *   formatCpus(500_000_000)              → '0.5 CPU'
 *   formatPorts(c.ports)                 → [{ key, text: '127.0.0.1:8080→80/tcp', url: 'http://127.0.0.1:8080' }]
 *   shortId('sha256:abcdef…')            → 'abcdef012345'
 *   commandForm(['/bin/sh','-c'], ['x']) → { form: 'shell', display: 'x', argv: [...] }
 *   stateTone('running')                 → 'success'
 *   isSecretKey('DB_PASSWORD')           → true
 */

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

/** Binary units (1 KiB = 1024 B). Integers below 10 keep one decimal only when it is not zero. */
export function formatBytes(bytes: number, fractionDigits = 1): string {
  if (!Number.isFinite(bytes)) return '—';
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${sign}${Math.round(value)} B`;
  const digits = value >= 100 ? 0 : fractionDigits;
  const text = value.toFixed(digits).replace(/\.0+$/, '');
  return `${sign}${text} ${BYTE_UNITS[unit]}`;
}

/** A memory limit: 0 means no limit. */
export function formatMemoryLimit(bytes: number): string {
  return bytes > 0 ? formatBytes(bytes) : 'unlimited';
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * "3 minutes ago" / "in 2 hours" / "just now". `epochSeconds` is what the engine reports (Created);
 * `nowMs` is Date.now() (passed in so the function stays pure).
 */
export function formatRelativeTime(epochSeconds: number, nowMs: number = Date.now()): string {
  if (!Number.isFinite(epochSeconds) || epochSeconds <= 0) return '—';
  const diff = Math.round(epochSeconds - nowMs / 1000);
  const abs = Math.abs(diff);
  // Up to 2 minutes "in the future" is clock skew (engine vs. browser) or a clock that ticked a
  // little while ago, not a real future time.
  if (abs < 10 || (diff > 0 && diff < 120)) return 'just now';
  for (const [unit, size] of UNITS) {
    if (abs >= size || unit === 'second') {
      const n = Math.floor(abs / size);
      const label = n === 1 ? unit : `${unit}s`;
      return diff < 0 ? `${n} ${label} ago` : `in ${n} ${label}`;
    }
  }
  return '—';
}

/** Absolute local date-time for tooltips: "2024-05-01 14:03:22". */
export function formatDateTime(epochSeconds: number): string {
  if (!Number.isFinite(epochSeconds) || epochSeconds <= 0) return '—';
  const d = new Date(epochSeconds * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Parses the engine's RFC 3339 timestamps (with nanoseconds) to epoch seconds; undefined for zero/invalid. */
export function parseEngineTime(iso: string | undefined): number | undefined {
  if (!iso || iso.startsWith('0001-')) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

/** NanoCpus → "0.5 CPU", "2 CPUs"; 0 → "unlimited". */
export function formatCpus(nanoCpus: number): string {
  if (!nanoCpus || nanoCpus <= 0) return 'unlimited';
  const cpus = nanoCpus / 1e9;
  const text = Number(cpus.toFixed(3)).toString();
  return `${text} ${cpus === 1 || cpus < 1 ? 'CPU' : 'CPUs'}`;
}

export interface PortView {
  key: string;
  /** "127.0.0.1:49153→80/tcp" or "80/tcp" when not published. */
  text: string;
  /** Compact form for tables: "49153→80" ("/udp" kept for non-TCP); "80/tcp" when not published. */
  short: string;
  /** http URL for published TCP ports. */
  url?: string;
  published: boolean;
}

function isWildcard(ip: string | undefined): boolean {
  return !ip || ip === '0.0.0.0' || ip === '::' || ip === '[::]';
}

/** Host part of a link to a published port: wildcard binds open on localhost. */
export function portHost(ip: string | undefined, fallbackHost = 'localhost'): string {
  if (isWildcard(ip)) return fallbackHost;
  return ip!.includes(':') ? `[${ip}]` : ip!;
}

/**
 * Published ports first (sorted by public port), IPv4/IPv6 wildcard twins merged into one entry,
 * then exposed-only ports.
 */
export function formatPorts(ports: readonly PortMapping[], fallbackHost = 'localhost'): PortView[] {
  const seen = new Set<string>();
  const out: PortView[] = [];
  const sorted = [...ports].sort(
    (a, b) =>
      Number(b.publicPort !== undefined) - Number(a.publicPort !== undefined) ||
      (a.publicPort ?? 0) - (b.publicPort ?? 0) ||
      a.privatePort - b.privatePort ||
      // Not localeCompare: protocols are ASCII, and a page's first collation initializes ICU (~30 ms).
      (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0),
  );
  for (const p of sorted) {
    const proto = p.protocol || 'tcp';
    if (p.publicPort !== undefined) {
      const host = isWildcard(p.ip) ? '' : portHost(p.ip);
      const key = `${host}|${p.publicPort}|${p.privatePort}|${proto}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const view: PortView = {
        key,
        text: `${host ? `${host}:` : ''}${p.publicPort}→${p.privatePort}/${proto}`,
        short: `${p.publicPort}→${p.privatePort}${proto === 'tcp' ? '' : `/${proto}`}`,
        published: true,
      };
      if (proto === 'tcp') view.url = `http://${portHost(p.ip, fallbackHost)}:${p.publicPort}`;
      out.push(view);
    } else {
      const key = `|${p.privatePort}|${proto}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ key, text: `${p.privatePort}/${proto}`, short: `${p.privatePort}/${proto}`, published: false });
    }
  }
  return out;
}

/** 12-character id without the "sha256:" prefix. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** Quotes one argument the way a POSIX shell would need it. */
export function shellQuote(arg: string): string {
  if (arg === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export interface CommandForm {
  /** 'shell' when the command is `/bin/sh -c "<script>"` (Dockerfile shell form), else 'exec'. */
  form: 'exec' | 'shell';
  /** How it reads as one shell line (for shell form: the script itself). */
  display: string;
  /** Entrypoint + Cmd: what the engine runs, as an exec-form array. */
  argv: string[];
}

const SHELLS = new Set(['/bin/sh', 'sh', '/bin/bash', 'bash', '/bin/ash', 'ash']);

export function commandForm(entrypoint: readonly string[], cmd: readonly string[]): CommandForm {
  const argv = [...entrypoint, ...cmd];
  const [first, second, script, ...rest] = argv;
  if (first !== undefined && SHELLS.has(first) && second === '-c' && script !== undefined) {
    const tail = rest.length > 0 ? ` ${rest.map(shellQuote).join(' ')}` : '';
    return { form: 'shell', display: `${script}${tail}`, argv };
  }
  return { form: 'exec', display: argv.map(shellQuote).join(' '), argv };
}

export type Tone = 'success' | 'warning' | 'info' | 'neutral' | 'danger';

/** Colour family of a container state; always shown together with {@link stateLabel}. */
export function stateTone(state: ContainerState | string): Tone {
  switch (state) {
    case 'running':
      return 'success';
    case 'paused':
      return 'warning';
    case 'restarting':
    case 'removing':
      return 'info';
    case 'dead':
      return 'danger';
    default:
      return 'neutral';
  }
}

export function stateLabel(state: ContainerState | string): string {
  return state ? state.charAt(0).toUpperCase() + state.slice(1) : 'Unknown';
}

/** Env keys whose values are masked by default. */
const SECRET_KEY = /PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIAL|PRIVATE/i;
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** "1 container" / "3 containers". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/**
 * Thousands separators for counts ("12,345"). By hand for integers: the first Intl/toLocaleString call
 * of a page initializes ICU (~35–60 ms), which would land on the path to the first table paint.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
