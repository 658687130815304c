import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EngineEvent, EngineStatus } from '../../../shared/models';
import {
  TEST_IMAGE,
  createTracker,
  docker,
  engineSocketPath,
  requireEngine,
  uniqueName,
  waitFor,
} from '../../helpers/engine';
import { startSocketProxy, type SocketProxy } from '../../helpers/proxy';
import { createStack, type Stack } from './harness';

const tracker = createTracker();
const scratch = mkdtempSync(join(tmpdir(), 'berth-engine-it-'));
let host: string;

beforeAll(() => {
  host = requireEngine();
});
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await tracker.cleanup();
});

const isResync = (e: EngineEvent): boolean => e.type === 'berth' && e.action === 'resync';

describe('engine.status / engine.reconnect', () => {
  let stack: Stack;
  beforeAll(() => {
    stack = createStack();
  });
  afterAll(() => stack.close());

  test('connects to DOCKER_HOST and reports version and source', async () => {
    const status = await stack.call('engine.reconnect', {});
    expect(status).toMatchObject({ state: 'connected', endpoint: host, source: 'DOCKER_HOST' });
    expect(status.version?.apiVersion).toMatch(/^\d+\.\d+$/);
    expect(status.version?.version).toBeTruthy();
    expect(status.version?.os).toBe('linux');
    expect(status.tried).toEqual([{ endpoint: host, source: 'DOCKER_HOST' }]);
    const again = await stack.call('engine.status', {});
    expect(again).toEqual(status);
    // The negotiated version is the engine's own.
    const { stdout } = await docker(['version', '--format', '{{.Server.APIVersion}}']);
    expect(status.version?.apiVersion).toBe(stdout.trim());
  });

  test('engine.watch sends the current status first', async () => {
    const sub = stack.subscribe('engine.watch', {});
    const first = await sub.waitFor(() => true);
    expect(first.state).toBe('connected');
    sub.unsubscribe();
  });
});

describe('an engine that is not there', () => {
  test('explicit setting at a missing socket → ENGINE_UNREACHABLE with a tried list; no fallback', async () => {
    const missing = `unix://${join(scratch, 'no-such-engine.sock')}`;
    const stack = createStack({ setting: missing });
    try {
      const err = await stack.fail('containers.list', {});
      expect(err.code).toBe('ENGINE_UNREACHABLE');
      expect(err.message).toContain('Cannot reach the container engine.');
      expect(err.message).toContain('no-such-engine.sock');
      expect(err.message).toMatch(/ENOENT/);
      const tried = err.details?.tried as EngineStatus['tried'];
      expect(tried).toHaveLength(1);
      expect(tried[0]).toMatchObject({ endpoint: missing, source: 'setting' });
      expect(tried[0]?.error).toMatch(/ENOENT/);

      const status = await stack.call('engine.reconnect', {});
      expect(status.state).toBe('unreachable');
      expect(status.reason).toContain('no-such-engine.sock');
      expect(status.tried).toHaveLength(1);
      expect(status.tried.map((t) => t.endpoint)).toEqual([missing]);
      expect(await stack.call('engine.status', {})).toMatchObject({ state: 'unreachable' });
    } finally {
      stack.close();
    }
  });

  test('DOCKER_HOST at a missing socket → unreachable; the default and Podman sockets are not tried', async () => {
    const missing = `unix://${join(scratch, 'gone.sock')}`;
    const probed: string[] = [];
    const stack = createStack({
      connectionEnv: {
        env: { DOCKER_HOST: missing, XDG_RUNTIME_DIR: scratch },
        home: scratch,
        platform: 'linux',
        exists: (p) => {
          probed.push(p);
          return true; // pretend every other socket exists: they must still not be tried
        },
        readFile: () => '{}',
      },
    });
    try {
      const status = await stack.call('engine.reconnect', {});
      expect(status).toMatchObject({ state: 'unreachable' });
      expect(status.tried).toEqual([
        { endpoint: missing, source: 'DOCKER_HOST', error: expect.stringMatching(/ENOENT/) },
      ]);
    } finally {
      stack.close();
    }
  });

  test('a bad address → ENGINE_UNREACHABLE saying what is wrong', async () => {
    const stack = createStack({ setting: 'bogus-address' });
    try {
      const err = await stack.fail('images.list', {});
      expect(err.code).toBe('ENGINE_UNREACHABLE');
      expect(err.message).toMatch(/Unsupported engine address "bogus-address"/);
    } finally {
      stack.close();
    }
  });
});

describe('engine.events', () => {
  let stack: Stack;
  beforeAll(() => {
    stack = createStack();
  });
  afterAll(() => stack.close());

  test('the first frame is the resync marker; a CLI-created container arrives as a create event within 1 s', async () => {
    const events = stack.subscribe('engine.events', {});
    const first = await events.waitFor(() => true);
    expect(first).toMatchObject({ type: 'berth', action: 'resync', id: '' });
    expect(isResync(events.payloads[0] as EngineEvent)).toBe(true);

    const name = tracker.container(uniqueName('ev'));
    const { stdout } = await docker(['create', '--name', name, TEST_IMAGE, 'sleep', '300']);
    const id = stdout.trim();
    const created = Date.now();
    const ev = await events.waitFor((e) => e.type === 'container' && e.action === 'create' && e.id === id, {
      timeoutMs: 1000,
    });
    expect(Date.now() - created).toBeLessThan(1000);
    expect(ev.name).toBe(name);
    expect(ev.attributes.image).toBe(TEST_IMAGE);
    expect(ev.timeNano).toBeGreaterThan(0);

    await docker(['rm', name]);
    await events.waitFor((e) => e.type === 'container' && e.action === 'destroy' && e.id === id, { timeoutMs: 2000 });
    events.unsubscribe();
  });

  test('a subscriber joining a running stream gets its own resync marker first', async () => {
    const late = stack.subscribe('engine.events', {});
    const first = await late.waitFor(() => true);
    expect(isResync(first)).toBe(true);
    late.unsubscribe();
  });
});

describe('events supervision through a proxy that drops connections', () => {
  let proxy: SocketProxy;
  let stack: Stack;
  beforeAll(async () => {
    proxy = await startSocketProxy(engineSocketPath());
    stack = createStack({ setting: proxy.url });
  });
  afterAll(async () => {
    stack?.close();
    await proxy?.close();
  });

  test('cutting every connection makes the supervisor reconnect, resync, and keep delivering events', async () => {
    const events = stack.subscribe('engine.events', {});
    await events.waitFor(isResync);
    expect((await stack.call('engine.status', {})).state).toBe('connected');
    await waitFor(() => proxy.active > 0, { message: 'events connection through the proxy' });

    // Before the cut: events flow.
    const before = tracker.container(uniqueName('sup-a'));
    const idBefore = (await docker(['create', '--name', before, TEST_IMAGE, 'sleep', '300'])).stdout.trim();
    await events.waitFor((e) => e.action === 'create' && e.id === idBefore, { timeoutMs: 2000 });

    const mark = events.payloads.length;
    proxy.cutAll();
    const resync = await events.waitFor(isResync, { from: mark, timeoutMs: 10_000 });
    expect(resync.type).toBe('berth');

    // After the reconnect: CLI changes still arrive.
    const after = tracker.container(uniqueName('sup-b'));
    const idAfter = (await docker(['create', '--name', after, TEST_IMAGE, 'sleep', '300'])).stdout.trim();
    const ev = await events.waitFor((e) => e.action === 'create' && e.id === idAfter, { timeoutMs: 2000 });
    expect(ev.name).toBe(after);
    expect((await stack.call('engine.status', {})).state).toBe('connected');

    // A second cut works the same way (the loop keeps supervising).
    const mark2 = events.payloads.length;
    proxy.cutAll();
    await events.waitFor(isResync, { from: mark2, timeoutMs: 10_000 });
    await docker(['start', after]);
    await events.waitFor((e) => e.action === 'start' && e.id === idAfter, { from: mark2, timeoutMs: 2000 });
    events.unsubscribe();
  });

  test('while the engine is down, status leaves "connected" and comes back after it returns', async () => {
    const watch = stack.subscribe('engine.watch', {});
    await watch.waitFor((s) => s.state === 'connected');
    const mark = watch.payloads.length;
    proxy.pause();
    proxy.cutAll();
    const down = await watch.waitFor((s) => s.state !== 'connected', { from: mark, timeoutMs: 10_000 });
    expect(['connecting', 'unreachable']).toContain(down.state);
    const err = await stack.fail('containers.list', {});
    expect(err.code).toBe('ENGINE_UNREACHABLE');
    proxy.resume();
    const reconnected = await stack.call('engine.reconnect', {});
    expect(reconnected.state).toBe('connected');
    await watch.waitFor((s) => s.state === 'connected', { from: mark + 1, timeoutMs: 10_000 });
    watch.unsubscribe();
  });
});
