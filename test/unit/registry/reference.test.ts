import { describe, expect, test } from 'vitest';
import {
  DOCKER_HUB_AUTH_KEY,
  parseReference,
  parseTagTarget,
  pullTarget,
  registryAuthKey,
  registryLabel,
  validateRegistryAddress,
} from '../../../shared/reference';

const DIGEST = `sha256:${'a'.repeat(64)}`;

function ok(input: string) {
  const r = parseReference(input);
  if (!r.ok) throw new Error(`${input}: ${r.error}`);
  return r.ref;
}

describe('parseReference (Docker rules via distribution/reference)', () => {
  test('a bare name means Docker Hub, library/ and latest', () => {
    const r = ok('busybox');
    expect(r).toMatchObject({ domain: 'docker.io', path: 'library/busybox', tag: undefined, digest: undefined });
    expect(r.canonical).toBe('docker.io/library/busybox:latest');
    expect(r.familiar).toBe('busybox:latest');
    expect(r.authKey).toBe(DOCKER_HUB_AUTH_KEY);
    expect(pullTarget(r)).toEqual({ fromImage: 'docker.io/library/busybox', tag: 'latest' });
  });

  test('user repositories on the hub keep their namespace', () => {
    expect(ok('grafana/grafana:11').canonical).toBe('docker.io/grafana/grafana:11');
    expect(ok('grafana/grafana:11').familiar).toBe('grafana/grafana:11');
    expect(ok('index.docker.io/library/busybox:1').canonical).toBe('docker.io/library/busybox:1');
    expect(ok('docker.io/busybox').familiar).toBe('busybox:latest');
  });

  test('a host with a port is a registry, and the rest may have several components', () => {
    const r = ok('localhost:5000/a/b:tag');
    expect(r).toMatchObject({ domain: 'localhost:5000', path: 'a/b', tag: 'tag' });
    expect(r.familiar).toBe('localhost:5000/a/b:tag');
    expect(r.authKey).toBe('localhost:5000');
    expect(ok('127.0.0.1:5000/x').canonical).toBe('127.0.0.1:5000/x:latest');
    // "localhost" alone is a registry; a first component without a dot, colon or localhost is not.
    expect(ok('localhost/x').domain).toBe('localhost');
    expect(ok('foo/bar').domain).toBe('docker.io');
    expect(ok('foo.com/bar').domain).toBe('foo.com');
  });

  test('digests: pulled by digest, a tag next to it is kept for display only', () => {
    const d = ok(`busybox@${DIGEST}`);
    expect(d.digest).toBe(DIGEST);
    expect(d.canonical).toBe(`docker.io/library/busybox@${DIGEST}`);
    expect(pullTarget(d).tag).toBe(DIGEST);
    const both = ok(`name:tag@${DIGEST}`);
    expect(both).toMatchObject({ tag: 'tag', digest: DIGEST });
    expect(both.familiar).toBe(`name:tag@${DIGEST}`);
    expect(pullTarget(both).tag).toBe(DIGEST);
  });

  test('invalid references are refused with the reason', () => {
    const cases: Array<[string, RegExp]> = [
      ['Busybox', /lowercase/],
      ['a/B', /lowercase/],
      ['busybox@sha256:abc', /invalid reference format/],
      [':tag', /invalid reference format/],
      ['a:b:c', /invalid reference format/],
      ['-x', /invalid reference format/],
      ['a'.repeat(64), /64-byte hexadecimal/],
      [`ubuntu:${'x'.repeat(129)}`, /invalid reference format/],
      ['  ', /Enter an image reference/],
    ];
    for (const [input, reason] of cases) {
      const r = parseReference(input);
      expect(r.ok, input).toBe(false);
      if (!r.ok) expect(r.error, input).toMatch(reason);
    }
  });

  test('tag targets may not carry a digest', () => {
    expect(parseTagTarget(`x@${DIGEST}`).ok).toBe(false);
    expect(parseTagTarget('x:1').ok).toBe(true);
  });
});

describe('registry keys as the docker CLI spells them', () => {
  test('Docker Hub aliases map to the v1 index key', () => {
    for (const r of ['', 'docker.io', 'index.docker.io', 'https://index.docker.io/v1/', 'registry-1.docker.io']) {
      expect(registryAuthKey(r), r).toBe(DOCKER_HUB_AUTH_KEY);
    }
    expect(registryLabel(DOCKER_HUB_AUTH_KEY)).toBe('Docker Hub');
  });

  test('other registries: host[:port], scheme and path dropped', () => {
    expect(registryAuthKey('http://127.0.0.1:5001')).toBe('127.0.0.1:5001');
    expect(registryAuthKey('https://Registry.Example.com/v2/')).toBe('registry.example.com');
    expect(registryLabel('localhost:5000')).toBe('localhost:5000');
  });

  test('registry addresses are validated', () => {
    expect(validateRegistryAddress('localhost:5000')).toBeUndefined();
    expect(validateRegistryAddress('')).toBeUndefined();
    expect(validateRegistryAddress('https://ghcr.io')).toBeUndefined();
    expect(validateRegistryAddress('not a host')).toMatch(/registry host/);
    expect(validateRegistryAddress('-bad-.com')).toMatch(/registry host/);
  });
});
