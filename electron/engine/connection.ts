import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import type { EngineSource } from '../../shared/models';
import { parseSshUrl, type SshTarget } from './ssh/target';

/**
 * Where the engine is. Order: explicit setting, DOCKER_HOST, the current Docker context, the
 * default socket(s), then Podman sockets. An explicit choice (setting, DOCKER_HOST, context) is the
 * only candidate: we never silently fall through to another engine the user did not pick.
 */

export interface EngineCandidate {
  source: EngineSource;
  endpoint: string;
  options: Dockerode.DockerOptions;
  /** For ssh:// engines: where to ssh to. `options` then gets the local tunnel's socketPath. */
  ssh?: SshTarget;
}

export interface ConnectionEnv {
  setting?: string | undefined;
  env: NodeJS.ProcessEnv;
  home: string;
  platform: NodeJS.Platform;
  exists: (path: string) => boolean;
  readFile: (path: string) => string;
  /**
   * TLS files for a tcp:// engine, chosen per engine (a Docker context's tls folder, or the paths the
   * user gave): they replace DOCKER_TLS_VERIFY / DOCKER_CERT_PATH and turn TLS on.
   */
  tls?: { ca?: string | undefined; cert?: string | undefined; key?: string | undefined } | undefined;
  /** A Docker context's SkipTLSVerify: TLS on, the engine's certificate not checked (as the CLI does). */
  skipTlsVerify?: boolean | undefined;
}

export function defaultConnectionEnv(setting?: string): ConnectionEnv {
  return {
    setting,
    env: process.env,
    home: homedir(),
    platform: process.platform,
    exists: existsSync,
    readFile: (p) => readFileSync(p, 'utf8'),
  };
}

/**
 * Parse a docker host URL (unix://, npipe://, tcp://, http(s)://) into dockerode options. ssh://
 * engines go through the system ssh instead (see `engineCandidates` and ./ssh/tunnel).
 */
export function optionsFromHost(host: string, env: ConnectionEnv): Dockerode.DockerOptions {
  const trimmed = host.trim();
  if (trimmed.startsWith('unix://')) return { socketPath: trimmed.slice('unix://'.length) };
  if (trimmed.startsWith('npipe://')) return { socketPath: trimmed.slice('npipe://'.length).replace(/\//g, '\\') };
  if (trimmed.startsWith('/')) return { socketPath: trimmed };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error(`Unsupported engine address "${host}" (expected unix://, tcp://, ssh:// or npipe://)`);
  }
  if (url.protocol === 'ssh:') throw new Error(`"${host}" is an ssh address: it is reached through the ssh tunnel`);
  if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
    const verify = Boolean(env.env.DOCKER_TLS_VERIFY && env.env.DOCKER_TLS_VERIFY !== '0');
    const certPath = env.env.DOCKER_CERT_PATH || join(env.home, '.docker');
    const files = env.tls;
    const skip = env.skipTlsVerify === true;
    const tls = url.protocol === 'https:' || verify || Boolean(files) || skip;
    const port = url.port ? Number(url.port) : tls ? 2376 : 2375;
    const opts: Dockerode.DockerOptions = { host: url.hostname, port, protocol: tls ? 'https' : 'http' };
    // The agent's options win over the request's, so the engine's certificate is not checked.
    // docker-modem takes `agent` (its typings here do not list it).
    if (skip) Object.assign(opts, { agent: new HttpsAgent({ rejectUnauthorized: false }) });
    if (files) {
      if (files.ca) opts.ca = env.readFile(files.ca);
      if (files.cert) opts.cert = env.readFile(files.cert);
      if (files.key) opts.key = env.readFile(files.key);
    } else if (tls && !skip && env.exists(join(certPath, 'ca.pem'))) {
      // The DOCKER_CERT_PATH files are DOCKER_HOST's; a context that skips verification has none.
      opts.ca = env.readFile(join(certPath, 'ca.pem'));
      opts.cert = env.readFile(join(certPath, 'cert.pem'));
      opts.key = env.readFile(join(certPath, 'key.pem'));
    }
    return opts;
  }
  throw new Error(`Unsupported engine address "${host}" (expected unix://, tcp://, ssh:// or npipe://)`);
}

/**
 * The environment of an engine with TLS settings of its own (a Docker context, an engine the user
 * added): DOCKER_TLS_VERIFY and DOCKER_CERT_PATH are meant for DOCKER_HOST and do not apply.
 */
export function withOwnTls(
  base: ConnectionEnv,
  tls: ConnectionEnv['tls'],
  skipTlsVerify: boolean | undefined,
): ConnectionEnv {
  const env = { ...base.env };
  delete env.DOCKER_TLS_VERIFY;
  delete env.DOCKER_CERT_PATH;
  return { ...base, env, tls, skipTlsVerify };
}

interface DockerConfig {
  currentContext?: string;
}
interface ContextMeta {
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

export interface ContextEndpoint {
  name: string;
  host: string;
  /** Files of the context's tls/<sha256(name)>/docker folder that exist. */
  tls?: { ca?: string; cert?: string; key?: string };
  skipTlsVerify?: boolean;
}

/** A context's TLS files (ca.pem, cert.pem, key.pem), as the CLI stores them; undefined when none. */
export function contextTlsFiles(
  configDir: string,
  name: string,
  exists: (path: string) => boolean,
): ContextEndpoint['tls'] {
  const tlsDir = join(configDir, 'contexts', 'tls', createHash('sha256').update(name).digest('hex'), 'docker');
  const file = (f: string): string | undefined => (exists(join(tlsDir, f)) ? join(tlsDir, f) : undefined);
  const ca = file('ca.pem');
  const cert = file('cert.pem');
  const key = file('key.pem');
  if (!ca && !cert && !key) return undefined;
  return { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}

/**
 * The current Docker context's endpoint, read the way the CLI does (DOCKER_CONTEXT overrides config),
 * with its own TLS files and SkipTLSVerify.
 */
export function currentContextHost(env: ConnectionEnv): ContextEndpoint | undefined {
  const configDir = env.env.DOCKER_CONFIG || join(env.home, '.docker');
  let name = env.env.DOCKER_CONTEXT;
  if (!name) {
    const cfgPath = join(configDir, 'config.json');
    if (!env.exists(cfgPath)) return undefined;
    try {
      name = (JSON.parse(env.readFile(cfgPath)) as DockerConfig).currentContext;
    } catch {
      return undefined;
    }
  }
  if (!name || name === 'default') return undefined;
  const id = createHash('sha256').update(name).digest('hex');
  const metaPath = join(configDir, 'contexts', 'meta', id, 'meta.json');
  if (!env.exists(metaPath)) return undefined;
  try {
    const endpoint = (JSON.parse(env.readFile(metaPath)) as ContextMeta).Endpoints?.docker;
    const host = endpoint?.Host;
    if (!host) return undefined;
    const tls = contextTlsFiles(configDir, name, env.exists);
    return { name, host, ...(tls ? { tls } : {}), ...(endpoint.SkipTLSVerify === true ? { skipTlsVerify: true } : {}) };
  } catch {
    return undefined;
  }
}

export function engineCandidates(env: ConnectionEnv): EngineCandidate[] {
  const make = (source: EngineSource, endpoint: string, e: ConnectionEnv = env): EngineCandidate =>
    /^ssh:\/\//i.test(endpoint.trim())
      ? { source, endpoint, options: {}, ssh: parseSshUrl(endpoint) }
      : { source, endpoint, options: optionsFromHost(endpoint, e) };
  if (env.setting) return [make('setting', env.setting)];
  if (env.env.DOCKER_HOST) return [make('DOCKER_HOST', env.env.DOCKER_HOST)];
  const ctx = currentContextHost(env);
  if (ctx) return [make('context', ctx.host, withOwnTls(env, ctx.tls, ctx.skipTlsVerify))];

  if (env.platform === 'win32') {
    return [
      make('default', 'npipe:////./pipe/docker_engine'),
      make('podman', 'npipe:////./pipe/podman-machine-default'),
    ];
  }
  const list: EngineCandidate[] = [make('default', 'unix:///var/run/docker.sock')];
  const desktop = join(env.home, '.docker', 'run', 'docker.sock');
  if (env.exists(desktop)) list.push(make('default', `unix://${desktop}`));
  const runtime = env.env.XDG_RUNTIME_DIR;
  if (runtime) list.push(make('podman', `unix://${join(runtime, 'podman', 'podman.sock')}`));
  list.push(make('podman', 'unix:///run/podman/podman.sock'));
  const machine = join(env.home, '.local', 'share', 'containers', 'podman', 'machine', 'podman.sock');
  if (env.exists(machine)) list.push(make('podman', `unix://${machine}`));
  return list;
}
