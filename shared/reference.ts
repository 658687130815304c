import { parseFamiliarName } from '@swimlane/docker-reference';

/**
 * Image references by Docker's rules (`[registry/]name[:tag|@digest]`), parsed by
 * @swimlane/docker-reference (a port of distribution/reference), wrapped here so the rest of Berth
 * sees one small shape. Pure: used by the renderer for inline validation and by main for pull,
 * push, tag and the credentials lookup.
 */

export const DEFAULT_DOMAIN = 'docker.io';
/** The key under which the docker CLI stores Docker Hub credentials in config.json. */
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

export interface ImageReference {
  /** Registry host[:port], `docker.io` for Docker Hub. */
  domain: string;
  /** Repository path inside the registry, e.g. `library/busybox`. */
  path: string;
  tag: string | undefined;
  digest: string | undefined;
  /** `docker.io/library/busybox:latest`: the tag defaults to `latest` unless a digest is given. */
  canonical: string;
  /** Short form the docker CLI prints, e.g. `busybox:latest`, `localhost:5000/a/b:tag`. */
  familiar: string;
  /** Familiar repository without tag or digest, e.g. `busybox`, `127.0.0.1:5000/x`. */
  familiarName: string;
  /** Key of this registry's credentials in ~/.docker/config.json. */
  authKey: string;
}

export type ParseResult = { ok: true; ref: ImageReference } | { ok: false; error: string };

function familiarRepo(domain: string, path: string): string {
  if (domain !== DEFAULT_DOMAIN) return `${domain}/${path}`;
  return path.startsWith('library/') && path.split('/').length === 2 ? path.slice('library/'.length) : path;
}

/** Parses what a person types (`busybox`, `localhost:5000/a/b:tag`, `name@sha256:…`). */
export function parseReference(input: string): ParseResult {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'Enter an image reference, e.g. busybox:latest' };
  try {
    const r = parseFamiliarName(text);
    const domain = r.domain ?? DEFAULT_DOMAIN;
    const path = r.repository ?? '';
    if (!path) return { ok: false, error: 'invalid reference format' };
    const tag = r.tag;
    const digest = r.digest;
    const name = familiarRepo(domain, path);
    const suffix = digest ? `${tag ? `:${tag}` : ''}@${digest}` : `:${tag ?? 'latest'}`;
    return {
      ok: true,
      ref: {
        domain,
        path,
        tag,
        digest,
        canonical: `${domain}/${path}${suffix}`,
        familiar: `${name}${suffix}`,
        familiarName: name,
        authKey: registryAuthKey(domain),
      },
    };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** What to pull: the repository and the tag or digest the engine's `/images/create` wants. */
export function pullTarget(ref: ImageReference): { fromImage: string; tag: string } {
  // With both a tag and a digest, the digest decides what is pulled (as with `docker pull`).
  return { fromImage: `${ref.domain}/${ref.path}`, tag: ref.digest ?? ref.tag ?? 'latest' };
}

/** A reference usable as a tag name: a name with an optional tag, no digest. */
export function parseTagTarget(input: string): ParseResult {
  const r = parseReference(input);
  if (r.ok && r.ref.digest) return { ok: false, error: 'A tag cannot contain a digest (@sha256:…)' };
  return r;
}

/**
 * The config.json key for a registry the way the docker CLI spells it: Docker Hub's aliases →
 * `https://index.docker.io/v1/`, anything else → `host[:port]` (scheme and path dropped).
 */
export function registryAuthKey(registry: string): string {
  const host = registryHostname(registry);
  return host === '' || HUB_ALIASES.has(host) ? DOCKER_HUB_AUTH_KEY : host;
}

/** `https://host:5000/v1/` → `host:5000` (the CLI's ConvertToHostname), lower-cased. */
export function registryHostname(registry: string): string {
  let s = registry.trim().toLowerCase();
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  const slash = s.indexOf('/');
  if (slash >= 0) s = s.slice(0, slash);
  return s;
}

/** Display name of a registry key: `Docker Hub` for the hub's key, else the host. */
export function registryLabel(key: string): string {
  return registryAuthKey(key) === DOCKER_HUB_AUTH_KEY ? 'Docker Hub' : registryHostname(key);
}

/** A registry address someone typed for login: host[:port], optionally with a scheme. */
export function validateRegistryAddress(input: string): string | undefined {
  const host = registryHostname(input);
  if (host === '') return undefined; // empty means Docker Hub
  if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$|^\[[0-9a-f:]+\](:\d{1,5})?$/.test(host)) {
    return 'Enter a registry host, e.g. registry.example.com or localhost:5000';
  }
  return undefined;
}
