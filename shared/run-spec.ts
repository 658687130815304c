import { parse as shellParse } from 'shell-quote';
import { NAME_MAX, imageRefError, networkRefError } from './engine-names';

/**
 * What the Run dialog holds (strings as typed), how it is validated field by field, and what it
 * becomes: the Engine API create body (`toCreateOptions`) and the equivalent `docker run` line
 * (`toDockerRunCommand`). Pure and shared by the renderer (live validation, preview) and main (the
 * same validation before anything reaches the engine). No zod here: the renderer imports this and
 * the schema lives in run-spec-schema.ts.
 */

export type Protocol = 'tcp' | 'udp' | 'sctp';
export type RestartName = 'no' | 'on-failure' | 'always' | 'unless-stopped';
export type CommandForm = 'exec' | 'shell';

export interface KeyValueRow {
  key: string;
  value: string;
}

export interface VolumeRow {
  /** volume: a named volume (created when missing; empty name = anonymous); bind: a host path. */
  kind: 'volume' | 'bind';
  source: string;
  target: string;
  readOnly: boolean;
}

export interface RunSpec {
  image: string;
  name: string;
  /** Words of the command as typed; `shell` form runs the whole text through `/bin/sh -c`. */
  command: string;
  commandForm: CommandForm;
  entrypoint: string;
  env: KeyValueRow[];
  /** One publish rule per row, docker's `-p` syntax: `8080:80`, `127.0.0.1:8080:80/udp`, `80`, `8000-8001:80-81`. */
  ports: string[];
  /** Ports exposed without publishing (`--expose`), separated by spaces or commas. */
  expose: string;
  volumes: VolumeRow[];
  /** Containers whose volumes to mount (`--volumes-from name[:ro]`). */
  volumesFrom: string[];
  /** bridge, host, none or a user-defined network's name. */
  network: string;
  /** Network-scoped aliases, separated by spaces or commas (user-defined networks only). */
  aliases: string;
  restart: RestartName;
  maxRetries: string;
  memory: string;
  memorySwap: string;
  cpus: string;
  cpuShares: string;
  pidsLimit: string;
  workingDir: string;
  user: string;
  hostname: string;
  labels: KeyValueRow[];
  autoRemove: boolean;
  tty: boolean;
  interactive: boolean;
  privileged: boolean;
  capAdd: string;
  capDrop: string;
}

export function emptyRunSpec(image = ''): RunSpec {
  return {
    image,
    name: '',
    command: '',
    commandForm: 'exec',
    entrypoint: '',
    env: [],
    ports: [],
    expose: '',
    volumes: [],
    volumesFrom: [],
    network: 'bridge',
    aliases: '',
    restart: 'no',
    maxRetries: '',
    memory: '',
    memorySwap: '',
    cpus: '',
    cpuShares: '',
    pidsLimit: '',
    workingDir: '',
    user: '',
    hostname: '',
    labels: [],
    autoRemove: false,
    tty: false,
    interactive: false,
    privileged: false,
    capAdd: '',
    capDrop: '',
  };
}

/**
 * Field addresses for errors: top-level keys, or `ports.2`, `env.0.key`, `volumes.1.source`,
 * `volumesFrom.0`, `labels.3.key` for rows.
 */
export type FieldErrors = Record<string, string>;

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
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

function parseInteger(text: string, what: string, min: number, max = Number.MAX_SAFE_INTEGER): Parsed<number> {
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

const KEY_RE = /^[^=\s]+$/;

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

// ---------- validation ----------

export const BUILTIN_NETWORKS = ['bridge', 'host', 'none'] as const;

const NAME_RE = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** Every problem in the spec, addressed by field; empty when the engine may get it. */
export function validateRunSpec(spec: RunSpec): FieldErrors {
  const errors: FieldErrors = {};
  const set = (field: string, message: string): void => {
    errors[field] ??= message;
  };

  const image = spec.image.trim();
  if (!image) set('image', 'Choose an image');
  // The reference parser's rule: the image also goes into an engine path (/images/{name}/json).
  else if (imageRefError(image))
    set('image', `“${image}” is not an image reference (e.g. nginx:1.27 or registry.local/app:dev)`);

  const name = spec.name.trim();
  if (name && !NAME_RE.test(name)) set('name', 'Names start with a letter or digit and use only a-z A-Z 0-9 _ . -');
  else if (name.length > NAME_MAX) set('name', `A name has at most ${NAME_MAX} characters`);

  const cmd = commandArgv(spec);
  if (!cmd.ok) set('command', cmd.error);
  const ep = splitWords(spec.entrypoint);
  if (!ep.ok) set('entrypoint', ep.error);

  keyValueErrors(spec.env, 'env', 'variable', set);
  keyValueErrors(spec.labels, 'labels', 'label', set);

  const seenHost = new Map<string, number>();
  spec.ports.forEach((p, i) => {
    if (!p.trim()) return;
    const r = parsePortSpec(p);
    if (!r.ok) return set(`ports.${i}`, r.error);
    for (const rule of r.value) {
      if (!rule.hostPort || rule.hostPort.includes('-')) continue;
      const key = `${rule.hostIp || '*'}:${rule.hostPort}/${rule.protocol}`;
      const before = seenHost.get(key);
      if (before !== undefined && before !== i)
        set(`ports.${i}`, `Host port ${rule.hostPort} is already used by rule ${before + 1}`);
      seenHost.set(key, i);
    }
  });
  if (spec.expose.trim()) {
    const r = parseExpose(spec.expose);
    if (!r.ok) set('expose', r.error);
  }

  const targets = new Map<string, number>();
  spec.volumes.forEach((v, i) => {
    const target = v.target.trim();
    const source = v.source.trim();
    if (!target && !source) return;
    if (!target) set(`volumes.${i}.target`, 'Enter the path inside the container');
    else if (!target.startsWith('/')) set(`volumes.${i}.target`, 'The container path must be absolute (start with /)');
    else if (target.includes(':')) set(`volumes.${i}.target`, 'The container path cannot contain “:”');
    else if (targets.has(target))
      set(`volumes.${i}.target`, `${target} is already mounted by row ${targets.get(target)! + 1}`);
    if (target) targets.set(target, i);
    if (v.kind === 'bind') {
      if (!source) set(`volumes.${i}.source`, 'Choose a folder or file on the host');
      else if (!source.startsWith('/')) set(`volumes.${i}.source`, 'The host path must be absolute (start with /)');
      else if (source.includes(':')) set(`volumes.${i}.source`, 'The host path cannot contain “:”');
    } else if (source && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(source)) {
      set(`volumes.${i}.source`, 'Volume names use only a-z A-Z 0-9 _ . - and start with a letter or digit');
    } else if (!source && v.readOnly) {
      set(`volumes.${i}.source`, 'An anonymous volume cannot be read-only: name it');
    }
  });
  spec.volumesFrom.forEach((f, i) => {
    const t = f.trim();
    if (t && (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*(:(ro|rw))?$/.test(t) || t.replace(/:(ro|rw)$/, '').length > NAME_MAX))
      set(`volumesFrom.${i}`, 'Use a container name or id, optionally :ro');
  });

  const network = spec.network.trim();
  if (!network) set('network', 'Choose a network');
  else if (!network.startsWith('container:')) {
    // Looked up by name in an engine path when create answers NOT_FOUND.
    const bad = networkRefError(network);
    if (bad) set('network', bad);
  }
  const aliases = splitList(spec.aliases);
  if (aliases.length > 0 && (BUILTIN_NETWORKS as readonly string[]).includes(network)) {
    set('aliases', 'Aliases work only on a user-defined network');
  }
  const badAlias = aliases.find((a) => !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(a));
  if (badAlias) set('aliases', `“${badAlias}” is not a valid alias`);
  if (spec.hostname.trim() && network === 'host')
    set('hostname', 'A container on the host network uses the host’s name');

  if (spec.restart === 'on-failure' && spec.maxRetries.trim()) {
    const r = parseInteger(spec.maxRetries, 'Max retries', 0, 1_000_000);
    if (!r.ok) set('maxRetries', r.error);
  }
  if (spec.autoRemove && spec.restart !== 'no') set('restart', 'Auto-remove works only with restart policy “no”');

  let memory: number | undefined;
  if (spec.memory.trim()) {
    const r = parseSize(spec.memory);
    if (!r.ok) set('memory', r.error);
    else if (r.value < 6 * 1024 * 1024) set('memory', 'The engine needs at least 6 MB of memory');
    else memory = r.value;
  }
  if (spec.memorySwap.trim()) {
    if (spec.memorySwap.trim() !== '-1') {
      const r = parseSize(spec.memorySwap);
      if (!r.ok) set('memorySwap', r.error);
      else if (memory === undefined && !errors.memory) set('memorySwap', 'Set a memory limit too');
      else if (memory !== undefined && r.value < memory)
        set('memorySwap', 'Memory + swap must be at least the memory limit');
    } else if (memory === undefined && !errors.memory) set('memorySwap', 'Set a memory limit too');
  }
  if (spec.cpus.trim()) {
    const r = parseCpus(spec.cpus);
    if (!r.ok) set('cpus', r.error);
  }
  if (spec.cpuShares.trim()) {
    const r = parseInteger(spec.cpuShares, 'CPU shares', 2, 262144);
    if (!r.ok) set('cpuShares', r.error);
  }
  if (spec.pidsLimit.trim()) {
    const r = parseInteger(spec.pidsLimit, 'PIDs limit', -1, 4_194_304);
    if (!r.ok) set('pidsLimit', r.error);
  }

  if (spec.workingDir.trim() && !spec.workingDir.trim().startsWith('/'))
    set('workingDir', 'The working directory must be absolute');
  if (spec.user.trim() && !/^[a-zA-Z0-9_.-]+(:[a-zA-Z0-9_.-]+)?$/.test(spec.user.trim()))
    set('user', 'Use name, uid, name:group or uid:gid');
  if (
    spec.hostname.trim() &&
    !/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,62})(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,62}))*$/.test(spec.hostname.trim())
  )
    set('hostname', 'A hostname uses letters, digits, - and dots');

  const add = parseCaps(spec.capAdd);
  if (!add.ok) set('capAdd', add.error);
  const drop = parseCaps(spec.capDrop);
  if (!drop.ok) set('capDrop', drop.error);
  return errors;
}

/**
 * The field an engine refusal is about, for refusals only the engine can make (a capability it does
 * not know, more CPUs than the host has, a user missing from the image): found by what the user typed
 * appearing in the engine's message, or by the one limit it names; 'form' when it names no field.
 */
export function refusalField(spec: RunSpec, message: string): string {
  const m = message.toUpperCase();
  for (const field of ['capAdd', 'capDrop'] as const) {
    const caps = parseCaps(spec[field]);
    if (caps.ok && caps.value.some((c) => c !== 'ALL' && (m.includes(c) || m.includes(c.replace(/^CAP_/, '')))))
      return field;
  }
  const user = spec.user.trim();
  if (user && /\bUSER\b/.test(m) && m.includes(user.split(':')[0]!.toUpperCase())) return 'user';
  if (spec.cpus.trim() && /\bCPUS\b|NANOCPUS/.test(m)) return 'cpus';
  if (spec.memorySwap.trim() && /MEMORYSWAP|MEMORY\s*\+\s*SWAP|\bSWAP\b/.test(m)) return 'memorySwap';
  if (spec.memory.trim() && /\bMEMORY\b/.test(m)) return 'memory';
  if (spec.pidsLimit.trim() && /\bPIDS\b/.test(m)) return 'pidsLimit';
  return 'form';
}

/** Row errors of a key/value table (env, labels, driver options): a name, no `=` or spaces, no repeats. */
export function keyValueErrors(
  rows: KeyValueRow[],
  field: string,
  what: string,
  set: (f: string, m: string) => void,
): void {
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const key = r.key.trim();
    if (!key && !r.value) return;
    if (!key) return set(`${field}.${i}.key`, `Enter the ${what} name`);
    if (!KEY_RE.test(key)) return set(`${field}.${i}.key`, `A ${what} name cannot contain “=” or spaces`);
    const before = seen.get(key);
    if (before !== undefined) set(`${field}.${i}.key`, `${key} is already set in row ${before + 1}`);
    seen.set(key, i);
  });
}

// ---------- to the engine ----------

/** The subset of the Engine API's `POST /containers/create` body Berth sets. */
export interface CreateBody {
  Image: string;
  Cmd?: string[];
  Entrypoint?: string[];
  Env?: string[];
  Labels?: Record<string, string>;
  ExposedPorts?: Record<string, Record<string, never>>;
  Volumes?: Record<string, Record<string, never>>;
  WorkingDir?: string;
  User?: string;
  Hostname?: string;
  Tty: boolean;
  OpenStdin: boolean;
  AttachStdin: boolean;
  AttachStdout: boolean;
  AttachStderr: boolean;
  HostConfig: {
    PortBindings?: Record<string, Array<{ HostIp: string; HostPort: string }>>;
    Binds?: string[];
    VolumesFrom?: string[];
    NetworkMode: string;
    RestartPolicy: { Name: string; MaximumRetryCount?: number };
    Memory?: number;
    MemorySwap?: number;
    NanoCpus?: number;
    CpuShares?: number;
    PidsLimit?: number;
    AutoRemove: boolean;
    Privileged: boolean;
    CapAdd?: string[];
    CapDrop?: string[];
  };
  NetworkingConfig?: { EndpointsConfig: Record<string, { Aliases?: string[] }> };
}

function must<T>(p: Parsed<T>): T {
  if (!p.ok) throw new Error(p.error);
  return p.value;
}

/** The rows with a key (blank rows are the form's spare ones). */
export const filled = (rows: KeyValueRow[]): KeyValueRow[] => rows.filter((r) => r.key.trim());

/**
 * The create body for a valid spec (call validateRunSpec first; throws on invalid fields). Mirrors
 * what `docker run -d` sends for the same flags, so the container equals one made by toDockerRunCommand.
 */
export function toCreateOptions(spec: RunSpec): { name?: string; body: CreateBody } {
  const cmd = must(commandArgv(spec));
  const ep = must(splitWords(spec.entrypoint));
  const body: CreateBody = {
    Image: spec.image.trim(),
    Tty: spec.tty,
    OpenStdin: spec.interactive,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    HostConfig: {
      NetworkMode: spec.network.trim() || 'bridge',
      RestartPolicy: { Name: spec.restart },
      AutoRemove: spec.autoRemove,
      Privileged: spec.privileged,
    },
  };
  // `--entrypoint` takes one word; further words become the start of Cmd, as with the CLI.
  if (ep.length > 0) {
    body.Entrypoint = [ep[0]!];
    const rest = [...ep.slice(1), ...(cmd ?? [])];
    if (rest.length > 0) body.Cmd = rest;
  } else if (cmd) body.Cmd = cmd;

  const env = filled(spec.env);
  if (env.length) body.Env = env.map((r) => `${r.key.trim()}=${r.value}`);
  const labels = filled(spec.labels);
  if (labels.length) body.Labels = Object.fromEntries(labels.map((r) => [r.key.trim(), r.value]));

  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const p of spec.ports) {
    if (!p.trim()) continue;
    for (const r of must(parsePortSpec(p))) {
      const key = `${r.containerPort}/${r.protocol}`;
      exposed[key] = {};
      (bindings[key] ??= []).push({ HostIp: r.hostIp, HostPort: r.hostPort });
    }
  }
  for (const e of must(parseExpose(spec.expose))) exposed[`${e.port}/${e.protocol}`] = {};
  if (Object.keys(exposed).length) body.ExposedPorts = exposed;
  if (Object.keys(bindings).length) body.HostConfig.PortBindings = bindings;

  const binds: string[] = [];
  const anonymous: Record<string, Record<string, never>> = {};
  for (const v of spec.volumes) {
    const target = v.target.trim();
    if (!target) continue;
    const source = v.source.trim();
    if (!source) anonymous[target] = {};
    else binds.push(`${source}:${target}${v.readOnly ? ':ro' : ''}`);
  }
  if (binds.length) body.HostConfig.Binds = binds;
  if (Object.keys(anonymous).length) body.Volumes = anonymous;
  const from = spec.volumesFrom.map((f) => f.trim()).filter(Boolean);
  if (from.length) body.HostConfig.VolumesFrom = from;

  if (spec.restart === 'on-failure' && spec.maxRetries.trim()) {
    body.HostConfig.RestartPolicy.MaximumRetryCount = Number(spec.maxRetries.trim());
  }
  if (spec.memory.trim()) body.HostConfig.Memory = must(parseSize(spec.memory));
  if (spec.memorySwap.trim()) {
    body.HostConfig.MemorySwap = spec.memorySwap.trim() === '-1' ? -1 : must(parseSize(spec.memorySwap));
  }
  if (spec.cpus.trim()) body.HostConfig.NanoCpus = must(parseCpus(spec.cpus));
  if (spec.cpuShares.trim()) body.HostConfig.CpuShares = Number(spec.cpuShares.trim());
  if (spec.pidsLimit.trim()) body.HostConfig.PidsLimit = Number(spec.pidsLimit.trim());
  const add = must(parseCaps(spec.capAdd));
  if (add.length) body.HostConfig.CapAdd = add;
  const drop = must(parseCaps(spec.capDrop));
  if (drop.length) body.HostConfig.CapDrop = drop;

  if (spec.workingDir.trim()) body.WorkingDir = spec.workingDir.trim();
  if (spec.user.trim()) body.User = spec.user.trim();
  if (spec.hostname.trim()) body.Hostname = spec.hostname.trim();

  const aliases = splitList(spec.aliases);
  if (aliases.length) {
    body.NetworkingConfig = { EndpointsConfig: { [body.HostConfig.NetworkMode]: { Aliases: aliases } } };
  }
  const name = spec.name.trim();
  return name ? { name, body } : { body };
}

// ---------- to the CLI ----------

/** POSIX shell quoting: bare when safe, else single quotes (`'` written as `'\''`). */
export function shellQuote(word: string): string {
  if (word === '') return "''";
  if (/^[A-Za-z0-9_\-+=.,/:@%^]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The `docker run` line that makes the same container (as typed: sizes stay `512m`). */
export function toDockerRunCommand(spec: RunSpec): string {
  const a: string[] = ['docker', 'run', '-d'];
  const flag = (f: string, v?: string): void => {
    a.push(f);
    if (v !== undefined) a.push(shellQuote(v));
  };
  if (spec.interactive && spec.tty) a.push('-it');
  else if (spec.interactive) a.push('-i');
  else if (spec.tty) a.push('-t');
  if (spec.name.trim()) flag('--name', spec.name.trim());
  if (spec.autoRemove) a.push('--rm');
  for (const p of spec.ports) if (p.trim()) flag('-p', p.trim());
  for (const e of splitList(spec.expose)) flag('--expose', e);
  for (const r of filled(spec.env)) flag('-e', `${r.key.trim()}=${r.value}`);
  for (const v of spec.volumes) {
    const target = v.target.trim();
    if (!target) continue;
    const source = v.source.trim();
    flag('-v', source ? `${source}:${target}${v.readOnly ? ':ro' : ''}` : target);
  }
  for (const f of spec.volumesFrom) if (f.trim()) flag('--volumes-from', f.trim());
  const network = spec.network.trim();
  if (network && network !== 'bridge') flag('--network', network);
  for (const al of splitList(spec.aliases)) flag('--network-alias', al);
  if (spec.restart !== 'no') {
    flag(
      '--restart',
      spec.restart === 'on-failure' && spec.maxRetries.trim() ? `on-failure:${spec.maxRetries.trim()}` : spec.restart,
    );
  }
  if (spec.memory.trim()) flag('--memory', spec.memory.trim());
  if (spec.memorySwap.trim()) flag('--memory-swap', spec.memorySwap.trim());
  if (spec.cpus.trim()) flag('--cpus', spec.cpus.trim());
  if (spec.cpuShares.trim()) flag('--cpu-shares', spec.cpuShares.trim());
  if (spec.pidsLimit.trim()) flag('--pids-limit', spec.pidsLimit.trim());
  if (spec.workingDir.trim()) flag('-w', spec.workingDir.trim());
  if (spec.user.trim()) flag('-u', spec.user.trim());
  if (spec.hostname.trim()) flag('-h', spec.hostname.trim());
  for (const r of filled(spec.labels)) flag('--label', `${r.key.trim()}=${r.value}`);
  if (spec.privileged) a.push('--privileged');
  for (const c of splitList(spec.capAdd)) flag('--cap-add', c.toUpperCase());
  for (const c of splitList(spec.capDrop)) flag('--cap-drop', c.toUpperCase());
  const epWords = splitWords(spec.entrypoint);
  const ep = epWords.ok ? epWords.value : [spec.entrypoint.trim()].filter(Boolean);
  if (ep.length > 0) flag('--entrypoint', ep[0]);
  a.push(shellQuote(spec.image.trim() || '<image>'));
  for (const w of ep.slice(1)) a.push(shellQuote(w));
  if (spec.command.trim()) {
    if (spec.commandForm === 'shell') a.push('/bin/sh', '-c', shellQuote(spec.command.trim()));
    else {
      const words = splitWords(spec.command);
      if (words.ok) a.push(...words.value.map(shellQuote));
      else a.push(spec.command.trim());
    }
  }
  return a.join(' ');
}
