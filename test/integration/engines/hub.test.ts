import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contract } from '../../../shared/contract';
import type { EngineEvent } from '../../../shared/models';
import type { StreamFrame } from '../../../shared/protocol';
import { defaultDiscoveryEnv } from '../../../electron/engine/discovery';
import { EngineHub } from '../../../electron/engine/engine-hub';
import { createHandlers } from '../../../electron/handlers';
import { createDispatcher, type Session } from '../../../electron/ipc/dispatcher';
import { SettingsStore } from '../../../electron/settings/store';
import { createTracker, docker, isEngineEnabled, requireEngine, TEST_IMAGE, uniqueName } from '../../helpers/engine';
import { podman, PODMAN_HOST } from '../../helpers/podman';
import { makeSelfSigned } from '../../helpers/tls';

/**
 * The hub on the real shared dockerd and the real Podman service: lists and events follow a switch,
 * streams opened on the old engine end with "Switched to engine X — session ended", each bad engine
 * says its own reason, and the choice is remembered in the settings file.
 */

const enabled = isEngineEnabled() && Boolean(PODMAN_HOST);

describe.skipIf(!enabled)('engine hub switching (dockerd ⇄ podman)', () => {
  const tracker = createTracker();
  const dir = mkdtempSync(join(tmpdir(), 'berth-hub-'));
  const podmanNames: string[] = [];
  let hub: EngineHub;
  let session: Session;
  const frames = new Map<string, StreamFrame[]>();
  let dockerName = '';
  let podmanName = '';
  let tlsServer: TlsServer | undefined;

  /** The engines of this test only: no contexts of the machine, no DOCKER_HOST, no XDG podman. */
  function env(setting: string | undefined) {
    const base = defaultDiscoveryEnv(setting);
    return { ...base, env: { PATH: process.env.PATH, HOME: dir, DOCKER_CONFIG: join(dir, 'docker') } };
  }

  function makeHub(setting: string | undefined): EngineHub {
    return new EngineHub({
      setting,
      discoveryEnv: env(setting),
      settings: new SettingsStore(dir),
      timeoutMs: 4000,
    });
  }

  async function call<T>(channel: string, args: unknown): Promise<T> {
    const env = await session.invoke(channel, args);
    if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
    return env.data as T;
  }

  let nextSub = 0;
  function subscribe(channel: string, args: unknown): string {
    const sub = `s${++nextSub}`;
    frames.set(sub, []);
    session.subscribe(sub, channel, args);
    return sub;
  }
  const payloads = <T>(sub: string): T[] =>
    (frames.get(sub) ?? []).flatMap((f) => (f.kind === 'data' ? (f.payloads as T[]) : []));
  async function until<T>(fn: () => T | undefined | false, ms = 15_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = fn();
      if (v) return v;
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    requireEngine();
    dockerName = tracker.container(uniqueName('hub-docker'));
    await docker([
      'run',
      '-d',
      '--name',
      dockerName,
      TEST_IMAGE,
      'sh',
      '-c',
      'while true; do echo tick; sleep 0.2; done',
    ]);
    podmanName = uniqueName('hub-podman');
    podmanNames.push(podmanName);
    await podman(['create', '--name', podmanName, TEST_IMAGE, 'true']);
    hub = makeHub(process.env.BERTH_TEST_DOCKER_HOST);
    hub.start();
    const dispatcher = createDispatcher(contract, createHandlers(hub.facade, { hub }), { log: () => undefined });
    session = dispatcher.open('hub-test', (f) => frames.get(f.sub)?.push(f));
  }, 180_000);

  afterAll(async () => {
    session?.close();
    await hub?.stop();
    tlsServer?.close();
    await tracker.cleanup();
    for (const n of podmanNames) await podman(['rm', '-f', n], { allowFail: true });
    rmSync(dir, { recursive: true, force: true });
  });

  test('switching re-binds lists, events and streams; bad engines say why', async () => {
    const podmanEntry = await call<{ id: string; name: string }>('engines.add', {
      kind: 'unix',
      name: 'Test Podman',
      path: (PODMAN_HOST as string).replace(/^unix:\/\//, ''),
    });
    const refused = await call<{ id: string }>('engines.add', {
      kind: 'tcp',
      name: 'Nowhere',
      host: 'tcp://127.0.0.1:1',
    });
    // A TLS endpoint whose certificate is not the CA we trust.
    const server = makeSelfSigned(dir, 'server');
    const otherCa = makeSelfSigned(dir, 'other');
    tlsServer = createTlsServer({ cert: server.cert, key: server.key }, (s) => s.end());
    await new Promise<void>((r) => tlsServer?.listen(0, '127.0.0.1', () => r()));
    const port = (tlsServer.address() as { port: number }).port;
    const badTls = await call<{ id: string }>('engines.add', {
      kind: 'tcp',
      name: 'Wrong CA',
      host: `tcp://127.0.0.1:${port}`,
      tls: { ca: otherCa.certPath },
    });
    const missing = await call<{ id: string }>('engines.add', {
      kind: 'unix',
      name: 'Gone',
      path: join(dir, 'none.sock'),
    });

    const probes = await call<
      Array<{ id: string; reachable: boolean; version?: string; error?: string; product?: string }>
    >('engines.probe', {});
    const byId = new Map(probes.map((p) => [p.id, p]));
    expect(byId.get('default')).toMatchObject({ reachable: true });
    expect(byId.get(podmanEntry.id)?.reachable).toBe(true);
    expect(byId.get(podmanEntry.id)?.product).toMatch(/podman/i);
    expect(byId.get(refused.id)).toMatchObject({ reachable: false });
    expect(byId.get(refused.id)?.error).toMatch(/ECONNREFUSED/);
    expect(byId.get(badTls.id)?.error).toMatch(/certificate/i);
    expect(byId.get(missing.id)?.error).toMatch(/ENOENT/);

    const events = subscribe('engine.events', {});
    await until(() => payloads<EngineEvent>(events).some((e) => e.action === 'resync'));
    const names = async (): Promise<string[]> =>
      (await call<Array<{ name: string }>>('containers.list', { all: true })).map((c) => c.name);
    expect(await names()).toContain(dockerName);
    const logs = subscribe('containers.logs', { id: dockerName, follow: true, tail: 5 });
    await until(() => payloads<unknown>(logs).length > 0);

    const switched = await call<{ current: { id: string }; generation: number }>('engines.switch', {
      id: podmanEntry.id,
    });
    expect(switched.current.id).toBe(podmanEntry.id);
    // The log of the old engine ends, saying why.
    const end = await until(() => frames.get(logs)?.find((f) => f.kind === 'error' || f.kind === 'end'));
    expect(end).toMatchObject({
      kind: 'error',
      error: { code: 'CANCELLED', message: 'Switched to engine Test Podman — session ended' },
    });
    // The events stream stays, tells the page to re-list, then carries the new engine's events.
    const resyncs = payloads<EngineEvent>(events).filter((e) => e.action === 'resync');
    expect(resyncs.some((e) => e.attributes.reason === 'switched')).toBe(true);
    const listed = await names();
    expect(listed).toContain(podmanName);
    expect(listed).not.toContain(dockerName);
    const second = uniqueName('hub-podman2');
    podmanNames.push(second);
    const from = payloads<EngineEvent>(events).length;
    await podman(['create', '--name', second, TEST_IMAGE, 'true']);
    await until(() =>
      payloads<EngineEvent>(events)
        .slice(from)
        .some((e) => e.type === 'container' && e.action === 'create' && e.attributes.name === second),
    );
    const status = await call<{ state: string; endpoint?: string }>('engine.status', {});
    expect(status).toMatchObject({ state: 'connected', endpoint: PODMAN_HOST });

    // Switching to an unreachable engine is allowed; its status says why; switching back works.
    await call('engines.switch', { id: refused.id });
    expect((await session.invoke('containers.list', { all: true })).ok).toBe(false);
    await call('engines.switch', { id: 'default' });
    expect(await names()).toContain(dockerName);
    await call('engines.switch', { id: podmanEntry.id });

    // Remembered: a new hub without an explicit engine binds to Podman.
    const saved = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as { engines: { current: string } };
    expect(saved.engines.current).toBe(podmanEntry.id);
    const again = makeHub(undefined);
    try {
      expect((await again.binding()).current.id).toBe(podmanEntry.id);
      expect(((await again.facade.docker()).modem as { socketPath?: string }).socketPath).toBe(
        (PODMAN_HOST as string).replace(/^unix:\/\//, ''),
      );
      // …but an explicit engine wins over the remembered one.
      const explicit = makeHub(process.env.BERTH_TEST_DOCKER_HOST);
      expect((await explicit.binding()).current.id).toBe('default');
      await explicit.stop();
    } finally {
      await again.stop();
    }

    // Removing the current added engine goes back to the default first.
    await call('engines.remove', { id: podmanEntry.id });
    const list = await call<Array<{ id: string; current: boolean }>>('engines.list', {});
    expect(list.find((e) => e.current)?.id).toBe('default');
    expect(list.some((e) => e.id === podmanEntry.id)).toBe(false);
  }, 120_000);
});
