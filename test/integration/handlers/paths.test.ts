import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Contract } from '../../../shared/contract';
import type { ArgsIn, StreamChannels } from '../../../shared/contract-kit';
import { emptyRunSpec } from '../../../shared/run-spec';
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
import { requireRegistries, tempDockerConfig, type TestRegistries } from '../../helpers/registry';
import { createStack, type Stack } from './harness';

/**
 * Names and ids reach engine API paths only when the engine would accept them, and encoded: every
 * channel family through the real handlers on the private engine, behind a socket proxy that records
 * each request line the engine receives. Injections answer INVALID_ARGUMENT with nothing sent; odd but
 * legitimate names arrive escaped and work.
 */

const tracker = createTracker();
let proxy: SocketProxy;
let stack: Stack;
let reg: TestRegistries;
let config: ReturnType<typeof tempDockerConfig>;
let dir: string;
const savedDockerConfig = process.env.DOCKER_CONFIG;

/** A running container the stream and exec cases use (by its `/name`, as the engine lists it). */
let running: string;

beforeAll(async () => {
  requireEngine();
  reg = requireRegistries();
  config = tempDockerConfig();
  process.env.DOCKER_CONFIG = config.dir;
  dir = mkdtempSync(join(tmpdir(), 'berth-paths-'));
  proxy = await startSocketProxy(engineSocketPath());
  stack = createStack({ setting: proxy.url });
  running = tracker.container(uniqueName('paths-run'));
  await docker(['run', '-d', '--name', running, TEST_IMAGE, 'sh', '-c', 'echo ready; sleep 300']);
  await stack.call('containers.list', {}); // connected: the version and /events requests are behind us
});

afterAll(async () => {
  stack?.close();
  await proxy?.close();
  await tracker.cleanup();
  if (savedDockerConfig === undefined) delete process.env.DOCKER_CONFIG;
  else process.env.DOCKER_CONFIG = savedDockerConfig;
  config?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(() => proxy.clearRequests());

/** Request lines since the last clear, without the API version prefix: `GET /containers/x/json`. */
function sent(): string[] {
  return proxy.requests.map((r) => r.replace(/^(\S+) \/v[\d.]+\//, '$1 /'));
}

/** Clears the record, then runs `call`: what the engine received during it. */
async function during(call: () => Promise<unknown>): Promise<string[]> {
  proxy.clearRequests();
  await call();
  return sent();
}

/** The error a stream ends with. */
async function streamError<K extends StreamChannels<Contract>>(
  channel: K,
  args: ArgsIn<Contract[K]>,
): Promise<{ code: string; message: string }> {
  const sub = stack.subscribe(channel, args);
  try {
    const end = await waitFor(() => sub.frames.find((f) => f.kind !== 'data'), {
      timeoutMs: 30_000,
      message: `${channel} ended`,
    });
    if (end.kind !== 'error') throw new Error(`${channel} did not fail: ${JSON.stringify(end)}`);
    return end.error as { code: string; message: string };
  } finally {
    sub.unsubscribe();
  }
}

const INJECTED_ID = 'abc/archive?path=/etc/shadow&';

/** Expects INVALID_ARGUMENT and no request at all reaching the engine. */
async function refusedUnsent(run: () => Promise<{ code: string }>): Promise<void> {
  proxy.clearRequests();
  const err = await run();
  expect(err.code).toBe('INVALID_ARGUMENT');
  expect(sent()).toEqual([]);
}

describe('containers', () => {
  test('the issue’s inspect injection is INVALID_ARGUMENT and never sent; every container invoke refuses it', async () => {
    await refusedUnsent(() => stack.fail('containers.inspect', { id: INJECTED_ID }));
    for (const id of [INJECTED_ID, 'a#b', 'a%2Fb', '..', '../x', 'a\nb']) {
      await refusedUnsent(() => stack.fail('containers.inspect', { id }));
      await refusedUnsent(() => stack.fail('containers.stop', { id }));
      await refusedUnsent(() => stack.fail('containers.kill', { id }));
      await refusedUnsent(() => stack.fail('containers.remove', { id, force: true }));
      await refusedUnsent(() => stack.fail('containers.top', { id }));
      await refusedUnsent(() => stack.fail('containers.changes', { id }));
      await refusedUnsent(() => stack.fail('containers.list', { ids: [id] }));
      await refusedUnsent(() => stack.fail('containers.stats', { ids: [id] }));
    }
  });

  test('a name with the leading "/" the engine lists reaches the engine as the bare name and works', async () => {
    const lines = await during(async () => {
      const info = await stack.call('containers.inspect', { id: `/${running}` });
      expect(info.detail.name).toBe(running);
    });
    expect(lines).toEqual([`GET /containers/${running}/json`]);
    const top = await during(() => stack.call('containers.top', { id: `/${running}` }));
    expect(top).toEqual([`GET /containers/${running}/top`]);
  });
});

describe('volumes', () => {
  test('the issue’s forced-removal injection is INVALID_ARGUMENT and never sent; the volume stays', async () => {
    const vol = tracker.volume(uniqueName('paths-vol'));
    await docker(['volume', 'create', vol]);
    await refusedUnsent(() => stack.fail('volumes.remove', { name: `${vol}?force=true&` }));
    await refusedUnsent(() => stack.fail('volumes.inspect', { name: `${vol}/../x` }));
    expect((await docker(['volume', 'inspect', vol], { allowFail: true })).code).toBe(0);
  });

  test('a name with "." "_" "-" is sent as is and removed', async () => {
    const vol = tracker.volume(`${uniqueName('paths-vol')}.a_b-c`);
    await docker(['volume', 'create', vol]);
    expect(await during(() => stack.call('volumes.remove', { name: vol }))).toEqual([`DELETE /volumes/${vol}`]);
    expect((await docker(['volume', 'inspect', vol], { allowFail: true })).code).not.toBe(0);
  });
});

describe('networks', () => {
  test('a name the engine takes with space ? # % & + : ü reaches it escaped: inspect and remove work', async () => {
    const name = tracker.network(`${uniqueName('paths-net')} a?b#c%d&e+f:ü`);
    await docker(['network', 'create', name]);
    const encoded = encodeURIComponent(name);
    expect(encoded).toContain('%3F');
    const lines = await during(async () => {
      const { raw } = await stack.call('networks.inspect', { id: name });
      expect(raw).toMatchObject({ Name: name });
    });
    expect(lines).toEqual([`GET /networks/${encoded}`]);
    expect(await during(() => stack.call('networks.remove', { id: name }))).toEqual([`DELETE /networks/${encoded}`]);
    expect((await docker(['network', 'inspect', name], { allowFail: true })).code).not.toBe(0);
  });

  test('"..", control characters and over-long names are INVALID_ARGUMENT and never sent', async () => {
    for (const id of ['..', 'a/../b', 'a\u0000b', 'x'.repeat(1025)]) {
      await refusedUnsent(() => stack.fail('networks.inspect', { id }));
      await refusedUnsent(() => stack.fail('networks.remove', { id }));
    }
  });
});

describe('images, tag and push', () => {
  test('a registry reference with ":" and "/" is tagged, inspected, pushed and removed, sent as is (":" and "/" are legal in paths)', async () => {
    const repo = `${reg.open}/${uniqueName('paths')}/b`;
    const ref = tracker.image(`${repo}:t1`);

    const tag = await during(() => stack.call('images.tag', { source: TEST_IMAGE, tags: [ref] }));
    expect(tag).toContain(`POST /images/busybox:latest/tag?repo=${encodeURIComponent(repo)}&tag=t1`);

    const inspect = await during(() => stack.call('images.inspect', { id: ref }));
    expect(inspect).toEqual([`GET /images/${ref}/json`]);

    proxy.clearRequests();
    const sub = stack.subscribe('images.push', { ref });
    try {
      await sub.waitFor((p) => p.kind === 'done', { timeoutMs: 60_000 });
    } finally {
      sub.unsubscribe();
    }
    expect(sent()).toContain(`POST /images/${repo}/push?tag=t1`);

    const history = await during(() => stack.call('images.history', { id: ref }));
    expect(history).toEqual([`GET /images/${ref}/history`]);
    await stack.call('images.remove', { id: ref });
    expect((await docker(['image', 'inspect', ref], { allowFail: true })).code).not.toBe(0);
  });

  test('injected image names and tags are INVALID_ARGUMENT and never sent', async () => {
    const injected = [`${TEST_IMAGE}/../../containers/x`, 'busybox?force=1', 'busybox#x', 'busy%2Fbox', 'busy\nbox'];
    for (const id of [...injected, 'busybox\n']) {
      await refusedUnsent(() => stack.fail('images.inspect', { id }));
      await refusedUnsent(() => stack.fail('images.remove', { id, force: true }));
      await refusedUnsent(() => stack.fail('images.history', { id }));
      await refusedUnsent(() => stack.fail('images.tag', { source: id, tags: ['berth-t-x:1'] }));
      await refusedUnsent(() => stack.fail('images.prune', { ids: [id] }));
    }
    // Pull, push and tag targets go through the reference parser, which trims (the handlers send its parts).
    for (const ref of injected) {
      await refusedUnsent(() => stack.fail('images.tag', { source: TEST_IMAGE, tags: [ref] }));
      await refusedUnsent(() => streamError('images.push', { ref }));
      await refusedUnsent(() => streamError('images.pull', { ref }));
    }
  });
});

describe('exec, logs and stats streams', () => {
  test('injected ids end the stream with INVALID_ARGUMENT and are never sent', async () => {
    await refusedUnsent(() => streamError('exec.open', { id: INJECTED_ID, cols: 80, rows: 24 }));
    await refusedUnsent(() => streamError('containers.attach', { id: INJECTED_ID, cols: 80, rows: 24 }));
    await refusedUnsent(() => streamError('containers.logs', { id: INJECTED_ID }));
    await refusedUnsent(() => streamError('containers.statsWatch', { id: `${running}?stream=1` }));
  });

  test('logs, stats and exec by "/name" reach /containers/<name>/…', async () => {
    const logs = stack.subscribe('containers.logs', { id: `/${running}`, follow: false });
    try {
      await logs.waitFor((l) => l.text === 'ready');
    } finally {
      logs.unsubscribe();
    }
    expect(sent()).toContainEqual(expect.stringMatching(new RegExp(`^GET /containers/${running}/logs\\?`)));

    const stats = await during(() => stack.call('containers.stats', { ids: [`/${running}`] }));
    expect(stats.some((l) => l.startsWith(`GET /containers/${running}/stats?`))).toBe(true);

    proxy.clearRequests();
    const exec = stack.subscribe('exec.open', { id: `/${running}`, cmd: ['echo', 'hi'], cols: 80, rows: 24 });
    try {
      await exec.waitFor((f) => f.type === 'exit');
    } finally {
      exec.unsubscribe();
    }
    expect(sent()).toContain(`POST /containers/${running}/exec`);
  });
});

describe('archive: save, export, commit', () => {
  test('injected ids are INVALID_ARGUMENT, nothing sent and no file written', async () => {
    const path = join(dir, 'out.tar');
    await refusedUnsent(() => streamError('containers.export', { id: INJECTED_ID, path }));
    await refusedUnsent(() => streamError('images.save', { images: [TEST_IMAGE, 'busybox?x'], path }));
    await refusedUnsent(() => stack.fail('containers.commit', { id: INJECTED_ID }));
    await refusedUnsent(() => streamError('images.import', { path, ref: 'a?b' }));
    expect(() => statSync(path)).toThrow();
  });

  test('export by "/name" reaches /containers/<name>/export', async () => {
    const path = join(dir, `${uniqueName('fs')}.tar`);
    proxy.clearRequests();
    const sub = stack.subscribe('containers.export', { id: `/${running}`, path });
    try {
      await sub.waitFor((f) => f.type === 'done', { timeoutMs: 60_000 });
    } finally {
      sub.unsubscribe();
    }
    expect(sent()).toContain(`GET /containers/${running}/export`);
    expect(statSync(path).size).toBeGreaterThan(0);
  });
});

describe('build and run', () => {
  test('an injected build tag is INVALID_ARGUMENT and never sent', async () => {
    await refusedUnsent(() => streamError('images.build', { context: dir, tags: ['app?x=1'] }));
    await refusedUnsent(() => streamError('images.build', { context: dir, tags: ['app/../../x'] }));
  });

  test('an injected run image, network or volumes-from is INVALID_ARGUMENT at its field and never sent', async () => {
    for (const spec of [
      { ...emptyRunSpec(`${TEST_IMAGE}/../../containers/x`) },
      { ...emptyRunSpec(TEST_IMAGE), network: '../x' },
      { ...emptyRunSpec(TEST_IMAGE), volumesFrom: [INJECTED_ID] },
      { ...emptyRunSpec(TEST_IMAGE), name: INJECTED_ID },
    ]) {
      proxy.clearRequests();
      const err = await stack.fail('containers.create', { spec, start: false });
      expect(err.code).toBe('INVALID_ARGUMENT');
      expect(Object.keys((err.details as { fields: object }).fields)).toHaveLength(1);
      expect(sent()).toEqual([]);
    }
  });

  test('a missing network with ? and # in its name is looked up escaped and named at its field', async () => {
    const network = `${uniqueName('paths-ghost')} a?b#c`;
    proxy.clearRequests();
    // The engine checks the network when starting; the handler then removes the container again.
    const err = await stack.fail('containers.create', { spec: { ...emptyRunSpec(TEST_IMAGE), network }, start: true });
    expect(err.code).toBe('NOT_FOUND');
    expect((err.details as { fields: Record<string, string> }).fields.network).toContain(network);
    expect(sent()).toContain(`GET /networks/${encodeURIComponent(network)}`);
  });
});

describe('registry credentials', () => {
  test('logout of "constructor" is NOT_FOUND (it was INTERNAL), with nothing sent', async () => {
    proxy.clearRequests();
    const err = await stack.fail('registry.logout', { registry: 'constructor' });
    expect(err.code).toBe('NOT_FOUND');
    expect(sent()).toEqual([]);
  });
});
