import { parse as shellParse } from 'shell-quote';
import type { KeyValueRow, Protocol, RunSpec } from './run-spec';

/**
 * The Run dialog's text fields read as values: sizes, CPUs, integers, port rules, exposed ports,
 * command words, .env blocks, capabilities. Each returns a value or the message for its field.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

// ---------- sizes, numbers ----------

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

/** docker's RAMInBytes: `512m`, `1.5g`, `1024`, `64MiB`, `2 GB` → bytes (binary units). */
export function parseSize(text: string): Parsed<number> {
  const t = text.trim();
  const m = /^(\d+(?:\.\d+)?)\s?([kmgtpb]?)(?:i?b)?$/i.exec(t);
  if (!m) return fail(`“${t}” is not a size: use a number with an optional unit, e.g. 512m or 1.5g`);
  const n = Number(m[1]) * (SIZE_UNITS[(m[2] ?? '').toLowerCase()] ?? 1);
  return ok(Math.floor(n));
}

/** `--cpus` as a decimal (0.5, 1.25) → NanoCpus. */
export function parseCpus(text: string): Parsed<number> {
  const t = text.trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(t)) return fail(`“${t}” is not a number of CPUs: use a decimal such as 0.5 or 2`);
  const nano = Math.round(Number(t) * 1e9);
  if (nano <= 0) return fail('CPUs must be more than 0');
  return ok(nano);
}

export function parseInteger(text: string, what: string, min: number, max = Number.MAX_SAFE_INTEGER): Parsed<number> {
  const t = text.trim();
  if (!/^-?\d+$/.test(t)) return fail(`${what} must be a whole number`);
  const n = Number(t);
  if (n < min || n > max) return fail(`${what} must be between ${min} and ${max}`);
  return ok(n);
}

// ---------- ports ----------

export interface PortRule {
  hostIp: string;
  /** Empty = a random free host port. A single port or an `a-b` range (the engine picks one in it). */
  hostPort: string;
  containerPort: number;
  protocol: Protocol;
}

function parsePortRange(text: string, what: string): Parsed<[number, number]> {
  const What = what.charAt(0).toUpperCase() + what.slice(1);
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!m) return fail(`“${text}” is not a ${what} port`);
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a < 1 || a > 65535 || b < 1 || b > 65535) return fail(`${What} port ${text} is out of range (1–65535)`);
  if (b < a) return fail(`${What} port range ${text} ends before it starts`);
  return ok([a, b]);
}

/** One `-p` rule → the port bindings it makes (several for a range). */
export function parsePortSpec(text: string): Parsed<PortRule[]> {
  const t = text.trim();
  if (!t) return fail('Enter a port, e.g. 8080:80');
  let rest = t;
  let protocol: Protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    const p = rest.slice(slash + 1).toLowerCase();
    if (p !== 'tcp' && p !== 'udp' && p !== 'sctp') return fail(`Unknown protocol “${p}”: use tcp, udp or sctp`);
    protocol = p;
    rest = rest.slice(0, slash);
  }
  let hostIp = '';
  // IPv6 host IPs are bracketed: [::1]:8080:80
  const v6 = /^\[([0-9a-fA-F:.]+)\]:(.*)$/.exec(rest);
  if (v6) {
    hostIp = v6[1] ?? '';
    rest = v6[2] ?? '';
  }
  const parts = rest.split(':');
  let hostPart = '';
  let containerPart: string;
  if (parts.length === 1) containerPart = parts[0] ?? '';
  else if (parts.length === 2) [hostPart, containerPart] = [parts[0] ?? '', parts[1] ?? ''];
  else if (parts.length === 3 && !v6) {
    hostIp = parts[0] ?? '';
    hostPart = parts[1] ?? '';
    containerPart = parts[2] ?? '';
  } else return fail(`“${t}” is not a port rule: use [ip:][hostPort:]containerPort[/proto]`);
  if (hostIp && !isIp(hostIp)) return fail(`“${hostIp}” is not an IP address`);
  const c = parsePortRange(containerPart, 'container');
  if (!c.ok) return c;
  const [c0, c1] = c.value;
  const count = c1 - c0 + 1;
  if (!hostPart) {
    return ok(range(c0, c1).map((p) => ({ hostIp, hostPort: '', containerPort: p, protocol })));
  }
  const h = parsePortRange(hostPart, 'host');
  if (!h.ok) return h;
  const [h0, h1] = h.value;
  const hostCount = h1 - h0 + 1;
  if (count === 1) {
    return ok([{ hostIp, hostPort: hostCount === 1 ? String(h0) : `${h0}-${h1}`, containerPort: c0, protocol }]);
  }
  if (hostCount !== count) return fail(`Host range ${hostPart} and container range ${containerPart} differ in length`);
  return ok(range(c0, c1).map((p, i) => ({ hostIp, hostPort: String(h0 + i), containerPort: p, protocol })));
}

function range(a: number, b: number): number[] {
  if (b - a > 1000) return [];
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

function isIp(s: string): boolean {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s)) return s.split('.').every((n) => Number(n) <= 255);
  return /^[0-9a-fA-F:]+$/.test(s) && s.includes(':');
}

/** `--expose` list: `9000 9001/udp, 7000-7002`. */
export function parseExpose(text: string): Parsed<Array<{ port: number; protocol: Protocol }>> {
  const out: Array<{ port: number; protocol: Protocol }> = [];
  for (const word of splitList(text)) {
    const [p, proto = 'tcp'] = word.split('/');
    const protocol = proto.toLowerCase();
    if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp') return fail(`Unknown protocol “${proto}”`);
    const r = parsePortRange(p ?? '', 'exposed');
    if (!r.ok) return r;
    if (r.value[1] - r.value[0] > 1000) return fail(`Range ${p} is too large`);
    for (const port of range(r.value[0], r.value[1])) out.push({ port, protocol });
  }
  return ok(out);
}

export function splitList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// ---------- command words ----------

/**
 * Splits a command line into words the way a POSIX shell would (quotes, backslashes), without
 * expanding anything: `$HOME` stays literal. Operators (`|`, `&&`, `>`) only mean something to a
 * shell, so in exec form they are an error that points to the shell form.
 */
export function splitWords(text: string): Parsed<string[]> {
  if (!text.trim()) return ok([]);
  let entries: ReturnType<typeof shellParse>;
  try {
    entries = shellParse(text, (key: string) => `$${key}`);
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  const words: string[] = [];
  for (const e of entries) {
    if (typeof e === 'string') words.push(e);
    else if ('op' in e && e.op === 'glob') words.push(e.pattern);
    else if ('op' in e) return fail(`“${e.op}” only works in a shell: choose “Shell form”`);
    else if ('comment' in e) return fail('“#” starts a comment only in a shell: quote it or choose “Shell form”');
  }
  return ok(words);
}

/** The Cmd the engine gets for the command field (undefined = the image's default). */
export function commandArgv(spec: Pick<RunSpec, 'command' | 'commandForm'>): Parsed<string[] | undefined> {
  if (!spec.command.trim()) return ok(undefined);
  if (spec.commandForm === 'shell') return ok(['/bin/sh', '-c', spec.command.trim()]);
  return splitWords(spec.command);
}

// ---------- env / labels ----------

export const KEY_RE = /^[^=\s]+$/;

/**
 * A pasted `.env` block → rows. Handles blank lines, `#` comments (also after an unquoted value),
 * `export KEY=…`, single quotes (literal), double quotes (`\n`, `\"`, `\\` escapes, may span lines).
 * Lines that are not KEY=VALUE come back in `errors` (1-based line numbers) instead of being dropped silently.
 */
export function parseEnvBlock(text: string): { rows: KeyValueRow[]; errors: string[] } {
  const rows: KeyValueRow[] = [];
  const errors: string[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/.exec(line);
    if (!m) {
      errors.push(`Line ${i + 1}: “${line.slice(0, 60)}” is not KEY=VALUE`);
      continue;
    }
    const key = m[1] ?? '';
    let rest = m[2] ?? '';
    let value: string;
    const q = rest[0];
    if (q === '"' || q === "'") {
      // Find the closing quote, possibly on a later line.
      let body = rest.slice(1);
      let end = findClose(body, q);
      while (end < 0 && i + 1 < lines.length) {
        i++;
        body += `\n${lines[i] ?? ''}`;
        end = findClose(body, q);
      }
      if (end < 0) {
        errors.push(`${key}: the ${q === '"' ? 'double' : 'single'} quote is never closed`);
        continue;
      }
      const inner = body.slice(0, end);
      value =
        q === "'"
          ? inner
          : inner.replace(/\\([nrt"\\$])/g, (_, c: string) =>
              c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c,
            );
    } else {
      const hash = rest.search(/\s#/);
      if (hash >= 0) rest = rest.slice(0, hash);
      value = rest.trim();
    }
    rows.push({ key, value });
  }
  return { rows, errors };
}

function findClose(s: string, q: string): number {
  for (let i = 0; i < s.length; i++) {
    if (q === '"' && s[i] === '\\') {
      i++;
      continue;
    }
    if (s[i] === q) return i;
  }
  return -1;
}

/** Appends pasted rows to existing ones; a key already present takes the pasted value (like a later -e). */
export function mergeEnvRows(existing: KeyValueRow[], pasted: KeyValueRow[]): KeyValueRow[] {
  const out = existing.filter((r) => r.key.trim() || r.value.trim()).map((r) => ({ ...r }));
  for (const p of pasted) {
    const at = out.findIndex((r) => r.key === p.key);
    if (at >= 0) out[at] = { ...p };
    else out.push({ ...p });
  }
  return out;
}

// ---------- caps ----------

const CAP_RE = /^(CAP_)?[A-Z][A-Z0-9_]*$/;

/** Capability names as the docker CLI sends them: upper case with the CAP_ prefix (ALL stays ALL). */
export function parseCaps(text: string): Parsed<string[]> {
  const caps = splitList(text).map((c) => {
    const u = c.toUpperCase();
    return u === 'ALL' || u.startsWith('CAP_') ? u : `CAP_${u}`;
  });
  const bad = caps.find((c) => c !== 'ALL' && !CAP_RE.test(c));
  if (bad) return fail(`“${bad}” is not a capability name (e.g. NET_ADMIN, SYS_TIME or ALL)`);
  return ok(caps);
}
