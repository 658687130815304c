import { NAME_MAX, imageRefError, networkRefError } from './engine-names';
import {
  KEY_RE,
  commandArgv,
  parseCaps,
  parseCpus,
  parseExpose,
  parseInteger,
  parsePortSpec,
  parseSize,
  splitList,
  splitWords,
} from './run-spec-parse';

/**
 * What the Run dialog holds (strings as typed), how it is validated field by field, and what it
 * becomes: the Engine API create body (`toCreateOptions`) and the equivalent `docker run` line
 * (`toDockerRunCommand`). Pure and shared by the renderer (live validation, preview) and main (the
 * same validation before anything reaches the engine). No zod here: the renderer imports this and
 * the schema lives in run-spec-schema.ts. The parsers of single fields are in run-spec-parse.ts, the
 * create body and the CLI line in run-spec-convert.ts; both are re-exported here.
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

export {
  commandArgv,
  mergeEnvRows,
  parseCaps,
  parseCpus,
  parseEnvBlock,
  parseExpose,
  parsePortSpec,
  parseSize,
  splitList,
  splitWords,
  type PortRule,
} from './run-spec-parse';
export { filled, shellQuote, toCreateOptions, toDockerRunCommand, type CreateBody } from './run-spec-convert';

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
