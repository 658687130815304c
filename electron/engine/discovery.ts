import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddEngineInput, EngineKind } from '../../shared/contracts/engines';
import { contextTlsFiles, defaultConnectionEnv, engineCandidates, withOwnTls, type ConnectionEnv } from './connection';

/**
 * Every engine Berth can offer in the switcher, found without touching the network: the default
 * (what Berth picks at start-up), each Docker context, Podman's sockets that exist, and the engines
 * the user added. Pure over `DiscoveryEnv` (tests pass a fake file system).
 */

export interface DiscoveryEnv extends ConnectionEnv {
  /** Names in a folder; [] when it does not exist. */
  listDir: (path: string) => string[];
}

export function defaultDiscoveryEnv(setting?: string): DiscoveryEnv {
  return {
    ...defaultConnectionEnv(setting),
    listDir: (p) => {
      try {
        return readdirSync(p);
      } catch {
        return [];
      }
    },
  };
}

/** An engine the user added, as remembered in the settings file. */
export type AddedEngine = AddEngineInput & { id: string };

export interface EngineSpec {
  id: string;
  kind: EngineKind;
  name: string;
  endpoint: string;
  description?: string;
  removable: boolean;
  /** The address to connect to; undefined = the default resolution (setting, DOCKER_HOST, context, sockets). */
  host?: string;
  tls?: { ca?: string; cert?: string; key?: string };
  /** A Docker context's SkipTLSVerify. */
  skipTlsVerify?: boolean;
}

export const DEFAULT_ENGINE_ID = 'default';

interface ContextMeta {
  Name?: string;
  Metadata?: { Description?: string };
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

function defaultEntry(env: DiscoveryEnv): EngineSpec {
  let endpoint: string;
  let description: string;
  try {
    const candidates = engineCandidates(env);
    const first = candidates[0];
    endpoint = first?.endpoint ?? '';
    description =
      first?.source === 'setting'
        ? 'Given with --docker-host / BERTH_DOCKER_HOST'
        : first?.source === 'DOCKER_HOST'
          ? 'From DOCKER_HOST'
          : first?.source === 'context'
            ? 'The current Docker context'
            : 'The default socket, then Podman sockets';
  } catch (err) {
    endpoint = env.setting || env.env.DOCKER_HOST || '';
    description = err instanceof Error ? err.message : String(err);
  }
  return { id: DEFAULT_ENGINE_ID, kind: 'default', name: 'Default', endpoint, description, removable: false };
}

/** Docker contexts from $DOCKER_CONFIG/contexts/meta/<sha256(name)>/meta.json, with their TLS files. */
export function dockerContexts(env: DiscoveryEnv): EngineSpec[] {
  const configDir = env.env.DOCKER_CONFIG || join(env.home, '.docker');
  const metaDir = join(configDir, 'contexts', 'meta');
  const out: EngineSpec[] = [];
  for (const dir of env.listDir(metaDir).sort()) {
    const metaPath = join(metaDir, dir, 'meta.json');
    if (!env.exists(metaPath)) continue;
    let meta: ContextMeta;
    try {
      meta = JSON.parse(env.readFile(metaPath)) as ContextMeta;
    } catch {
      continue; // the CLI would refuse it too; one bad context must not hide the others
    }
    const name = typeof meta.Name === 'string' ? meta.Name : undefined;
    const host = meta.Endpoints?.docker?.Host;
    if (!name || typeof host !== 'string' || !host) continue;
    const tls = contextTlsFiles(configDir, name, env.exists);
    const desc = meta.Metadata?.Description;
    const skip = meta.Endpoints?.docker?.SkipTLSVerify === true;
    out.push({
      id: `context:${name}`,
      kind: 'context',
      name,
      endpoint: host,
      ...(desc || skip
        ? { description: [desc, skip ? 'TLS verification skipped' : ''].filter(Boolean).join(' · ') }
        : {}),
      removable: false,
      host,
      ...(tls ? { tls } : {}),
      ...(skip ? { skipTlsVerify: true } : {}),
    });
  }
  return out;
}

/** Podman's rootless and rootful API sockets, when present. */
export function podmanSockets(env: DiscoveryEnv): EngineSpec[] {
  const out: EngineSpec[] = [];
  const runtime = env.env.XDG_RUNTIME_DIR;
  if (runtime) {
    const path = join(runtime, 'podman', 'podman.sock');
    if (env.exists(path)) {
      const host = `unix://${path}`;
      out.push({
        id: 'podman:rootless',
        kind: 'podman',
        name: 'Podman (rootless)',
        endpoint: host,
        removable: false,
        host,
      });
    }
  }
  if (env.exists('/run/podman/podman.sock')) {
    const host = 'unix:///run/podman/podman.sock';
    out.push({
      id: 'podman:rootful',
      kind: 'podman',
      name: 'Podman (rootful)',
      endpoint: host,
      removable: false,
      host,
    });
  }
  return out;
}

export function addedSpec(a: AddedEngine): EngineSpec {
  switch (a.kind) {
    case 'unix': {
      const host = `unix://${a.path}`;
      return { id: a.id, kind: 'unix', name: a.name, endpoint: host, removable: true, host };
    }
    case 'tcp': {
      const tls = a.tls.ca || a.tls.cert || a.tls.key ? { ...a.tls } : undefined;
      return {
        id: a.id,
        kind: 'tcp',
        name: a.name,
        endpoint: a.host,
        ...(tls ? { description: 'TLS', tls: stripUndefined(tls) } : {}),
        removable: true,
        host: a.host,
      };
    }
    case 'ssh':
      return { id: a.id, kind: 'ssh', name: a.name, endpoint: a.host, removable: true, host: a.host };
  }
}

function stripUndefined(t: { ca?: string | undefined; cert?: string | undefined; key?: string | undefined }): {
  ca?: string;
  cert?: string;
  key?: string;
} {
  return { ...(t.ca ? { ca: t.ca } : {}), ...(t.cert ? { cert: t.cert } : {}), ...(t.key ? { key: t.key } : {}) };
}

/** The switcher's list, in the order shown: default, contexts, Podman, added. */
export function discoverEngines(env: DiscoveryEnv, added: readonly AddedEngine[]): EngineSpec[] {
  return [defaultEntry(env), ...dockerContexts(env), ...podmanSockets(env), ...added.map(addedSpec)];
}

/**
 * The connection environment one engine uses. The default keeps Berth's usual resolution; every
 * other engine gets its own address as the explicit setting and its own TLS files, never those of
 * DOCKER_TLS_VERIFY / DOCKER_CERT_PATH (meant for DOCKER_HOST).
 */
export function connectionEnvFor(spec: EngineSpec, base: ConnectionEnv): ConnectionEnv {
  if (!spec.host) return base;
  const own = withOwnTls(base, spec.tls, spec.skipTlsVerify);
  delete own.env.DOCKER_HOST;
  delete own.env.DOCKER_CONTEXT;
  return { ...own, setting: spec.host };
}
