import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultConnectionEnv } from '../../../electron/engine/connection';
import { defaultDiscoveryEnv } from '../../../electron/engine/discovery';
import { Engine } from '../../../electron/engine/engine';
import { EngineHub } from '../../../electron/engine/engine-hub';
import { SettingsStore } from '../../../electron/settings/store';
import { engineSocketPath, isEngineEnabled } from '../../helpers/engine';
import { makeSelfSigned } from '../../helpers/tls';

/**
 * Docker contexts over TLS, against the real shared dockerd behind a TLS front (a self-signed
 * certificate for 127.0.0.1) made here: a context that trusts the certificate (its tls/ca.pem) and one
 * with SkipTLSVerify connect; one that trusts another CA is refused with a certificate error. Both in
 * the switcher's list (hub probes) and as the current context (the Default engine's resolution).
 */
describe.skipIf(!isEngineEnabled())('Docker contexts over TLS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-ctx-tls-'));
  const cfg = join(dir, 'docker');
  const held = new Set<Socket>();
  let server: TlsServer;
  let host = '';
  let hub: EngineHub;

  function context(name: string, skip: boolean, ca?: string): void {
    const sha = createHash('sha256').update(name).digest('hex');
    mkdirSync(join(cfg, 'contexts', 'meta', sha), { recursive: true });
    writeFileSync(
      join(cfg, 'contexts', 'meta', sha, 'meta.json'),
      JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: skip } } }),
    );
    if (ca) {
      const tls = join(cfg, 'contexts', 'tls', sha, 'docker');
      mkdirSync(tls, { recursive: true });
      copyFileSync(ca, join(tls, 'ca.pem'));
    }
  }

  const envWith = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: dir,
    DOCKER_CONFIG: cfg,
    ...extra,
  });

  beforeAll(async () => {
    const cert = makeSelfSigned(dir, 'engine');
    const other = makeSelfSigned(dir, 'other');
    const engineSock = engineSocketPath();
    server = createTlsServer({ cert: cert.cert, key: cert.key }, (s) => {
      const up = connect(engineSock);
      held.add(s).add(up);
      s.pipe(up).pipe(s);
      const end = (): void => {
        s.destroy();
        up.destroy();
      };
      s.on('error', end).on('close', end);
      up.on('error', end).on('close', end);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    host = `tcp://127.0.0.1:${(server.address() as { port: number }).port}`;
    context('trusted', false, cert.certPath);
    context('skip', true);
    context('strict', false, other.certPath);
    const base = defaultDiscoveryEnv(undefined);
    hub = new EngineHub({
      discoveryEnv: { ...base, home: dir, env: envWith({}) },
      settings: new SettingsStore(join(dir, 'config')),
      timeoutMs: 5000,
    });
  });

  afterAll(async () => {
    await hub?.stop();
    for (const s of held) s.destroy();
    await new Promise((r) => server?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  test('the switcher lists the contexts; each is probed with its own TLS settings', async () => {
    const entries = await hub.list();
    expect(entries.find((e) => e.id === 'context:skip')?.description).toBe('TLS verification skipped');
    const probes = new Map(
      (await hub.probe(['context:trusted', 'context:skip', 'context:strict'])).map((p) => [p.id, p]),
    );
    expect(probes.get('context:trusted')).toMatchObject({ reachable: true });
    expect(probes.get('context:skip')).toMatchObject({ reachable: true });
    expect(probes.get('context:strict')).toMatchObject({ reachable: false });
    expect(probes.get('context:strict')?.error).toMatch(/certificate/i);
  });

  test('as the current context: its TLS folder and SkipTLSVerify are used, DOCKER_CERT_PATH is not', async () => {
    for (const [name, ok] of [
      ['trusted', true],
      ['skip', true],
      ['strict', false],
    ] as const) {
      const env = {
        ...defaultConnectionEnv(undefined),
        home: dir,
        // A cert path that would fail: a context must not read it.
        env: envWith({ DOCKER_CONTEXT: name, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: join(dir, 'nowhere') }),
      };
      const engine = new Engine({ connectionEnv: env, pingTimeoutMs: 5000 });
      try {
        if (ok) {
          const docker = await engine.docker();
          expect(Array.isArray(await docker.listContainers({ all: true }))).toBe(true);
          expect(engine.status).toMatchObject({ state: 'connected', source: 'context', endpoint: host });
        } else {
          await expect(engine.docker()).rejects.toThrow(/certificate/i);
        }
      } finally {
        await engine.stop();
      }
    }
  });
});
