import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { optionsFromHost } from '../../../electron/engine/connection';
import {
  connectionEnvFor,
  discoverEngines,
  dockerContexts,
  podmanSockets,
  type AddedEngine,
  type DiscoveryEnv,
} from '../../../electron/engine/discovery';

/** An in-memory file system + environment; nothing here touches the real machine. */
function fakeEnv(
  opts: { setting?: string; env?: Record<string, string>; files?: Record<string, string> } = {},
): DiscoveryEnv {
  const files = opts.files ?? {};
  return {
    setting: opts.setting,
    env: opts.env ?? {},
    home: '/home/ada',
    platform: 'linux',
    exists: (p) => Object.prototype.hasOwnProperty.call(files, p),
    readFile: (p) => {
      const content = files[p];
      if (content === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return content;
    },
    listDir: (dir) => {
      const prefix = `${dir}/`;
      const names = Object.keys(files)
        .filter((p) => p.startsWith(prefix))
        .map((p) => p.slice(prefix.length).split('/')[0] as string);
      return [...new Set(names)];
    },
  };
}

const sha = (name: string): string => createHash('sha256').update(name).digest('hex');
const meta = (name: string, host: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    Name: name,
    Metadata: { Description: `the ${name} box` },
    Endpoints: { docker: { Host: host, ...extra } },
  });

describe('engine discovery', () => {
  test('the default entry is what Berth picks today: the setting, DOCKER_HOST, the context, else the socket', () => {
    expect(discoverEngines(fakeEnv({ setting: 'tcp://a:2375' }), [])[0]).toMatchObject({
      id: 'default',
      kind: 'default',
      endpoint: 'tcp://a:2375',
      removable: false,
    });
    expect(discoverEngines(fakeEnv({ env: { DOCKER_HOST: 'unix:///x.sock' } }), [])[0]?.endpoint).toBe(
      'unix:///x.sock',
    );
    expect(discoverEngines(fakeEnv(), [])[0]?.endpoint).toBe('unix:///var/run/docker.sock');
    const files = {
      '/home/ada/.docker/config.json': JSON.stringify({ currentContext: 'prod' }),
      [`/home/ada/.docker/contexts/meta/${sha('prod')}/meta.json`]: meta('prod', 'ssh://ops@prod'),
    };
    expect(discoverEngines(fakeEnv({ files }), [])[0]).toMatchObject({
      endpoint: 'ssh://ops@prod',
      description: 'The current Docker context',
    });
  });

  test('lists every Docker context with its description, host and TLS files', () => {
    const cfg = '/cfg';
    const files = {
      [`${cfg}/contexts/meta/${sha('prod')}/meta.json`]: meta('prod', 'tcp://prod:2376', { SkipTLSVerify: false }),
      [`${cfg}/contexts/tls/${sha('prod')}/docker/ca.pem`]: 'CA',
      [`${cfg}/contexts/tls/${sha('prod')}/docker/cert.pem`]: 'CERT',
      [`${cfg}/contexts/tls/${sha('prod')}/docker/key.pem`]: 'KEY',
      [`${cfg}/contexts/meta/${sha('lab')}/meta.json`]: meta('lab', 'ssh://me@lab:2222', { SkipTLSVerify: true }),
      [`${cfg}/contexts/meta/broken/meta.json`]: '{not json',
      [`${cfg}/contexts/meta/nohost/meta.json`]: JSON.stringify({ Name: 'nohost', Endpoints: {} }),
    };
    const env = fakeEnv({ env: { DOCKER_CONFIG: cfg }, files });
    const contexts = dockerContexts(env);
    expect(contexts.map((c) => c.id).sort()).toEqual(['context:lab', 'context:prod']);
    const prod = contexts.find((c) => c.name === 'prod');
    expect(prod).toMatchObject({
      kind: 'context',
      endpoint: 'tcp://prod:2376',
      description: 'the prod box',
      tls: {
        ca: `${cfg}/contexts/tls/${sha('prod')}/docker/ca.pem`,
        cert: `${cfg}/contexts/tls/${sha('prod')}/docker/cert.pem`,
        key: `${cfg}/contexts/tls/${sha('prod')}/docker/key.pem`,
      },
    });
    expect(contexts.find((c) => c.name === 'lab')).toMatchObject({
      description: 'the lab box · TLS verification skipped',
    });
    expect(contexts.find((c) => c.name === 'lab')?.tls).toBeUndefined();
    // The context's own TLS files are used, with https, whatever DOCKER_TLS_VERIFY says.
    const conn = connectionEnvFor(prod as NonNullable<typeof prod>, { ...env, env: { DOCKER_HOST: 'tcp://other:1' } });
    expect(conn.setting).toBe('tcp://prod:2376');
    expect(conn.env.DOCKER_HOST).toBeUndefined();
    expect(optionsFromHost('tcp://prod:2376', conn)).toMatchObject({
      host: 'prod',
      port: 2376,
      protocol: 'https',
      ca: 'CA',
      cert: 'CERT',
      key: 'KEY',
    });
  });

  test('Podman sockets are listed only when present', () => {
    expect(podmanSockets(fakeEnv({ env: { XDG_RUNTIME_DIR: '/run/user/1000' } }))).toEqual([]);
    const files = { '/run/user/1000/podman/podman.sock': '', '/run/podman/podman.sock': '' };
    const found = podmanSockets(fakeEnv({ env: { XDG_RUNTIME_DIR: '/run/user/1000' }, files }));
    expect(found.map((p) => [p.id, p.endpoint])).toEqual([
      ['podman:rootless', 'unix:///run/user/1000/podman/podman.sock'],
      ['podman:rootful', 'unix:///run/podman/podman.sock'],
    ]);
  });

  test('added engines come last, removable, each with its own address and TLS files', () => {
    const added: AddedEngine[] = [
      { id: 'added:1', kind: 'unix', name: 'Mine', path: '/tmp/d.sock' },
      { id: 'added:2', kind: 'tcp', name: 'Lab', host: 'tcp://10.0.0.2:2376', tls: { ca: '/c/ca.pem' } },
      { id: 'added:3', kind: 'ssh', name: 'Far', host: 'ssh://me@far:2222' },
    ];
    const list = discoverEngines(fakeEnv(), added);
    expect(list.slice(-3).map((e) => [e.kind, e.endpoint, e.removable])).toEqual([
      ['unix', 'unix:///tmp/d.sock', true],
      ['tcp', 'tcp://10.0.0.2:2376', true],
      ['ssh', 'ssh://me@far:2222', true],
    ]);
    const tcp = list.find((e) => e.id === 'added:2') as NonNullable<(typeof list)[number]>;
    const conn = connectionEnvFor(tcp, fakeEnv({ files: { '/c/ca.pem': 'MYCA' } }));
    expect(optionsFromHost(tcp.endpoint, conn)).toEqual({
      host: '10.0.0.2',
      port: 2376,
      protocol: 'https',
      ca: 'MYCA',
    });
    // The default keeps Berth's usual resolution (no address of its own).
    const base = fakeEnv({ env: { DOCKER_HOST: 'unix:///x.sock' } });
    expect(connectionEnvFor(list[0] as NonNullable<(typeof list)[number]>, base)).toBe(base);
  });
});
