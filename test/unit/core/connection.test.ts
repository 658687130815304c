import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  currentContextHost,
  engineCandidates,
  optionsFromHost,
  type ConnectionEnv,
} from '../../../electron/engine/connection';

/** An in-memory file system + environment; nothing here touches the real machine. */
function fakeEnv(
  opts: {
    setting?: string;
    env?: Record<string, string>;
    files?: Record<string, string>;
    platform?: NodeJS.Platform;
    home?: string;
  } = {},
): ConnectionEnv & { reads: string[] } {
  const files = opts.files ?? {};
  const reads: string[] = [];
  return {
    setting: opts.setting,
    env: opts.env ?? {},
    home: opts.home ?? '/home/ada',
    platform: opts.platform ?? 'linux',
    exists: (p) => Object.prototype.hasOwnProperty.call(files, p),
    readFile: (p) => {
      reads.push(p);
      const content = files[p];
      if (content === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return content;
    },
    reads,
  };
}

const contextDir = (configDir: string, name: string): string =>
  `${configDir}/contexts/meta/${createHash('sha256').update(name).digest('hex')}`;

function contextFiles(
  configDir: string,
  current: string | undefined,
  contexts: Record<string, string>,
): Record<string, string> {
  const files: Record<string, string> = {};
  files[`${configDir}/config.json`] = JSON.stringify(
    current === undefined ? { auths: {} } : { auths: {}, currentContext: current },
  );
  for (const [name, host] of Object.entries(contexts)) {
    files[`${contextDir(configDir, name)}/meta.json`] = JSON.stringify({
      Name: name,
      Metadata: { Description: `${name} engine` },
      Endpoints: { docker: { Host: host, SkipTLSVerify: false } },
    });
  }
  return files;
}

describe('optionsFromHost', () => {
  test('unix:// → socketPath', () => {
    expect(optionsFromHost('unix:///tmp/eng/docker.sock', fakeEnv())).toEqual({ socketPath: '/tmp/eng/docker.sock' });
    expect(optionsFromHost('  unix:///var/run/docker.sock ', fakeEnv())).toEqual({
      socketPath: '/var/run/docker.sock',
    });
  });

  test('tcp:// without TLS → http on 2375 by default, the given port otherwise', () => {
    expect(optionsFromHost('tcp://10.0.0.5', fakeEnv())).toEqual({ host: '10.0.0.5', port: 2375, protocol: 'http' });
    expect(optionsFromHost('tcp://build-box:12375', fakeEnv())).toEqual({
      host: 'build-box',
      port: 12375,
      protocol: 'http',
    });
  });

  test('tcp:// + DOCKER_TLS_VERIFY=1 + DOCKER_CERT_PATH → https on 2376 with ca/cert/key read from the cert path', () => {
    const env = fakeEnv({
      env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' },
      files: { '/certs/ca.pem': 'CA', '/certs/cert.pem': 'CERT', '/certs/key.pem': 'KEY' },
    });
    expect(optionsFromHost('tcp://secure.example', env)).toEqual({
      host: 'secure.example',
      port: 2376,
      protocol: 'https',
      ca: 'CA',
      cert: 'CERT',
      key: 'KEY',
    });
    expect(env.reads.sort()).toEqual(['/certs/ca.pem', '/certs/cert.pem', '/certs/key.pem']);
  });

  test('DOCKER_TLS_VERIFY without DOCKER_CERT_PATH reads certs from ~/.docker; DOCKER_TLS_VERIFY=0 means no TLS', () => {
    const env = fakeEnv({
      env: { DOCKER_TLS_VERIFY: '1' },
      files: { '/home/ada/.docker/ca.pem': 'CA', '/home/ada/.docker/cert.pem': 'C', '/home/ada/.docker/key.pem': 'K' },
    });
    expect(optionsFromHost('tcp://h:2376', env)).toMatchObject({ protocol: 'https', ca: 'CA', cert: 'C', key: 'K' });
    expect(optionsFromHost('tcp://h', fakeEnv({ env: { DOCKER_TLS_VERIFY: '0' } }))).toEqual({
      host: 'h',
      port: 2375,
      protocol: 'http',
    });
  });

  test('ssh:// is not a dockerode address: it goes through the ssh tunnel', () => {
    expect(() => optionsFromHost('ssh://deploy@build.example:2222', fakeEnv())).toThrow(/ssh tunnel/);
    expect(engineCandidates(fakeEnv({ setting: 'ssh://deploy@build.example:2222' }))).toEqual([
      {
        source: 'setting',
        endpoint: 'ssh://deploy@build.example:2222',
        options: {},
        ssh: { host: 'build.example', port: 2222, user: 'deploy' },
      },
    ]);
  });

  test('npipe:// → Windows pipe path', () => {
    expect(optionsFromHost('npipe:////./pipe/docker_engine', fakeEnv())).toEqual({
      socketPath: '\\\\.\\pipe\\docker_engine',
    });
  });

  test('bad addresses → a clear error naming the address and the accepted schemes', () => {
    for (const bad of ['not a url', 'ftp://example.com', 'docker.sock', '']) {
      expect(() => optionsFromHost(bad, fakeEnv())).toThrow(
        /Unsupported engine address ".*" \(expected unix:\/\/, tcp:\/\/, ssh:\/\/ or npipe:\/\/\)/,
      );
    }
  });
});

describe('currentContextHost', () => {
  test('reads config.json currentContext and the context meta.json (sha256 of the name)', () => {
    const files = contextFiles('/home/ada/.docker', 'remote', { remote: 'ssh://ops@remote.example' });
    expect(currentContextHost(fakeEnv({ files }))).toEqual({ name: 'remote', host: 'ssh://ops@remote.example' });
  });

  test('DOCKER_CONTEXT overrides config.json', () => {
    const files = contextFiles('/home/ada/.docker', 'remote', {
      remote: 'ssh://remote',
      colima: 'unix:///home/ada/.colima/docker.sock',
    });
    expect(currentContextHost(fakeEnv({ files, env: { DOCKER_CONTEXT: 'colima' } }))).toEqual({
      name: 'colima',
      host: 'unix:///home/ada/.colima/docker.sock',
    });
  });

  test('DOCKER_CONFIG moves the config directory', () => {
    const files = contextFiles('/etc/dockercfg', 'ci', { ci: 'tcp://ci:2375' });
    expect(currentContextHost(fakeEnv({ files, env: { DOCKER_CONFIG: '/etc/dockercfg' } }))).toEqual({
      name: 'ci',
      host: 'tcp://ci:2375',
    });
  });

  test('no config, the "default" context, a missing meta.json or broken JSON → undefined (never a crash)', () => {
    expect(currentContextHost(fakeEnv())).toBeUndefined();
    expect(currentContextHost(fakeEnv({ files: contextFiles('/home/ada/.docker', 'default', {}) }))).toBeUndefined();
    expect(currentContextHost(fakeEnv({ files: contextFiles('/home/ada/.docker', 'ghost', {}) }))).toBeUndefined();
    expect(currentContextHost(fakeEnv({ files: { '/home/ada/.docker/config.json': '{not json' } }))).toBeUndefined();
    const broken = contextFiles('/home/ada/.docker', 'x', {});
    broken[`${contextDir('/home/ada/.docker', 'x')}/meta.json`] = '{"Endpoints":';
    expect(currentContextHost(fakeEnv({ files: broken }))).toBeUndefined();
  });
});

describe('engineCandidates', () => {
  const everything = {
    ...contextFiles('/home/ada/.docker', 'remote', { remote: 'ssh://remote' }),
    '/home/ada/.docker/run/docker.sock': '',
  };

  test('an explicit setting wins and is the ONLY candidate', () => {
    const env = fakeEnv({
      setting: 'tcp://chosen:2375',
      env: { DOCKER_HOST: 'unix:///from/env.sock', XDG_RUNTIME_DIR: '/run/user/1000' },
      files: everything,
    });
    const list = engineCandidates(env);
    expect(list).toEqual([
      { source: 'setting', endpoint: 'tcp://chosen:2375', options: { host: 'chosen', port: 2375, protocol: 'http' } },
    ]);
  });

  test('DOCKER_HOST is the only candidate (no fallback to other sockets)', () => {
    const env = fakeEnv({
      env: { DOCKER_HOST: 'unix:///tmp/eng/docker.sock', XDG_RUNTIME_DIR: '/run/user/1000' },
      files: everything,
    });
    expect(engineCandidates(env)).toEqual([
      {
        source: 'DOCKER_HOST',
        endpoint: 'unix:///tmp/eng/docker.sock',
        options: { socketPath: '/tmp/eng/docker.sock' },
      },
    ]);
  });

  test('the current Docker context is used (and is the only candidate) when nothing more explicit is set', () => {
    const env = fakeEnv({ env: { XDG_RUNTIME_DIR: '/run/user/1000' }, files: everything });
    expect(engineCandidates(env)).toEqual([
      {
        source: 'context',
        endpoint: 'ssh://remote',
        options: {},
        ssh: { host: 'remote' },
      },
    ]);
  });

  test('DOCKER_CONTEXT picks another context', () => {
    const files = contextFiles('/home/ada/.docker', 'remote', {
      remote: 'ssh://remote',
      lima: 'unix:///home/ada/.lima/docker.sock',
    });
    const list = engineCandidates(fakeEnv({ env: { DOCKER_CONTEXT: 'lima' }, files }));
    expect(list.map((c) => [c.source, c.endpoint])).toEqual([['context', 'unix:///home/ada/.lima/docker.sock']]);
  });

  test('no config: the default socket, then Podman sockets (XDG_RUNTIME_DIR first), in that order', () => {
    const list = engineCandidates(fakeEnv({ env: { XDG_RUNTIME_DIR: '/run/user/1000' } }));
    expect(list.map((c) => [c.source, c.endpoint])).toEqual([
      ['default', 'unix:///var/run/docker.sock'],
      ['podman', 'unix:///run/user/1000/podman/podman.sock'],
      ['podman', 'unix:///run/podman/podman.sock'],
    ]);
    expect(list[1]?.options).toEqual({ socketPath: '/run/user/1000/podman/podman.sock' });
  });

  test('Docker Desktop and Podman machine sockets are added only when they exist', () => {
    const files = {
      '/home/ada/.docker/run/docker.sock': '',
      '/home/ada/.local/share/containers/podman/machine/podman.sock': '',
    };
    const list = engineCandidates(fakeEnv({ files }));
    expect(list.map((c) => c.endpoint)).toEqual([
      'unix:///var/run/docker.sock',
      'unix:///home/ada/.docker/run/docker.sock',
      'unix:///run/podman/podman.sock',
      'unix:///home/ada/.local/share/containers/podman/machine/podman.sock',
    ]);
  });

  test('a tcp:// context uses its own TLS files, not DOCKER_TLS_VERIFY / DOCKER_CERT_PATH', () => {
    const cfg = '/home/ada/.docker';
    const tlsDir = `${cfg}/contexts/tls/${createHash('sha256').update('prod').digest('hex')}/docker`;
    const files = {
      ...contextFiles(cfg, 'prod', { prod: 'tcp://prod.example:2376' }),
      [`${tlsDir}/ca.pem`]: 'CTX-CA',
      [`${tlsDir}/cert.pem`]: 'CTX-CERT',
      [`${tlsDir}/key.pem`]: 'CTX-KEY',
      '/certs/ca.pem': 'ENV-CA',
      '/certs/cert.pem': 'ENV-CERT',
      '/certs/key.pem': 'ENV-KEY',
    };
    const env = fakeEnv({ env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }, files });
    expect(engineCandidates(env)).toEqual([
      {
        source: 'context',
        endpoint: 'tcp://prod.example:2376',
        options: {
          host: 'prod.example',
          port: 2376,
          protocol: 'https',
          ca: 'CTX-CA',
          cert: 'CTX-CERT',
          key: 'CTX-KEY',
        },
      },
    ]);
  });

  test('a context without TLS files is plain http, whatever DOCKER_TLS_VERIFY says', () => {
    const files = contextFiles('/home/ada/.docker', 'lab', { lab: 'tcp://lab:2375' });
    const [c] = engineCandidates(fakeEnv({ env: { DOCKER_TLS_VERIFY: '1' }, files }));
    expect(c?.options).toEqual({ host: 'lab', port: 2375, protocol: 'http' });
  });

  test("SkipTLSVerify: TLS on, the engine's certificate not checked", () => {
    const files = contextFiles('/home/ada/.docker', 'lab', { lab: 'tcp://lab' });
    const meta = `${contextDir('/home/ada/.docker', 'lab')}/meta.json`;
    files[meta] = JSON.stringify({ Name: 'lab', Endpoints: { docker: { Host: 'tcp://lab', SkipTLSVerify: true } } });
    const [c] = engineCandidates(fakeEnv({ files }));
    expect(c?.options).toMatchObject({ host: 'lab', port: 2376, protocol: 'https' });
    const agent = (c?.options as { agent?: { options: { rejectUnauthorized?: boolean } } }).agent;
    expect(agent?.options.rejectUnauthorized).toBe(false);
    // No TLS files of its own: the DOCKER_CERT_PATH default (~/.docker) is not read either.
    const withHomeCerts = {
      ...files,
      '/home/ada/.docker/ca.pem': 'HOME-CA',
      '/home/ada/.docker/cert.pem': 'HOME-CERT',
      '/home/ada/.docker/key.pem': 'HOME-KEY',
    };
    const [h] = engineCandidates(fakeEnv({ files: withHomeCerts }));
    expect(h?.options).not.toHaveProperty('ca');
    expect(h?.options).not.toHaveProperty('cert');
    // Without it, no agent: Node's default verification applies.
    expect(optionsFromHost('tcp://lab', fakeEnv({ env: { DOCKER_TLS_VERIFY: '1' } }))).not.toHaveProperty('agent');
  });

  test('the "default" context falls through to the default sockets', () => {
    const list = engineCandidates(fakeEnv({ files: contextFiles('/home/ada/.docker', 'default', {}) }));
    expect(list[0]).toMatchObject({ source: 'default', endpoint: 'unix:///var/run/docker.sock' });
  });

  test('win32 → named pipes', () => {
    const list = engineCandidates(fakeEnv({ platform: 'win32', home: 'C:\\Users\\ada' }));
    expect(list.map((c) => [c.source, c.endpoint])).toEqual([
      ['default', 'npipe:////./pipe/docker_engine'],
      ['podman', 'npipe:////./pipe/podman-machine-default'],
    ]);
    expect(list[0]?.options).toEqual({ socketPath: '\\\\.\\pipe\\docker_engine' });
  });

  test('a bad explicit address throws a clear error instead of falling back', () => {
    expect(() => engineCandidates(fakeEnv({ env: { DOCKER_HOST: 'bogus' } }))).toThrow(
      /Unsupported engine address "bogus"/,
    );
    expect(() => engineCandidates(fakeEnv({ setting: 'http//nope' }))).toThrow(/Unsupported engine address/);
  });
});
