import type { KeyValueRow, RunSpec } from './run-spec';
import {
  commandArgv,
  parseCaps,
  parseCpus,
  parseExpose,
  parsePortSpec,
  parseSize,
  splitList,
  splitWords,
  type Parsed,
} from './run-spec-parse';

/**
 * A valid RunSpec as what it becomes: the Engine API create body (`toCreateOptions`) and the
 * equivalent `docker run` line (`toDockerRunCommand`).
 */

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
