import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  TEST_IMAGE,
  createTracker,
  docker,
  dockerJson,
  requireEngine,
  uniqueName,
  waitFor,
} from '../../helpers/engine';
import { createStack, type Stack } from './harness';

interface InspectState {
  Id: string;
  State: { Status: string; Running: boolean; Paused: boolean; ExitCode: number; StartedAt: string };
  RestartCount: number;
  Mounts: Array<{ Type: string; Name?: string; Destination: string }>;
}

const tracker = createTracker();
let stack: Stack;

beforeAll(() => {
  requireEngine();
  stack = createStack();
});
afterAll(async () => {
  stack?.close();
  await tracker.cleanup();
});

async function inspect(nameOrId: string): Promise<InspectState> {
  const [info] = await dockerJson<InspectState[]>(['container', 'inspect', nameOrId]);
  if (!info) throw new Error(`no inspect output for ${nameOrId}`);
  return info;
}

async function exists(nameOrId: string): Promise<boolean> {
  return (await docker(['container', 'inspect', nameOrId], { allowFail: true })).code === 0;
}

/** A running container that answers SIGTERM at once (busybox sleep as PID 1 ignores it). */
async function runSleeper(prefix: string, extra: string[] = []): Promise<{ name: string; id: string }> {
  const name = tracker.container(uniqueName(prefix));
  const { stdout } = await docker([
    'run',
    '-d',
    '--name',
    name,
    ...extra,
    TEST_IMAGE,
    'sh',
    '-c',
    'trap "exit 0" TERM; sleep 300 & wait',
  ]);
  return { name, id: stdout.trim() };
}

describe('containers.list / containers.inspect', () => {
  let name: string;
  let id: string;
  let volume: string;

  beforeAll(async () => {
    volume = tracker.volume(uniqueName('data'));
    await docker(['volume', 'create', volume]);
    name = tracker.container(uniqueName('web'));
    const { stdout } = await docker([
      'create',
      '--name',
      name,
      '--memory',
      '64m',
      '--cpus',
      '0.5',
      '--restart',
      'on-failure:3',
      '-p',
      '127.0.0.1::80',
      '-e',
      'A=b',
      '-e',
      'URL=http://x/?a=1&b=2',
      '-v',
      `${volume}:/data`,
      '--label',
      'com.docker.compose.project=x',
      '--label',
      'com.docker.compose.service=web',
      TEST_IMAGE,
      'httpd',
      '-f',
      '-p',
      '80',
    ]);
    id = stdout.trim();
  });

  test('inspect of a created (never started) container: cmd, env, mounts, configured ports, restart policy, limits', async () => {
    const { detail, raw } = await stack.call('containers.inspect', { id: name });
    expect(detail).toMatchObject({ id, name, image: TEST_IMAGE, state: 'created' });
    expect(detail.cmd).toEqual(['httpd', '-f', '-p', '80']);
    expect(detail.entrypoint).toEqual([]);
    expect(detail.env).toEqual(
      expect.arrayContaining([
        { key: 'A', value: 'b' },
        { key: 'URL', value: 'http://x/?a=1&b=2' },
      ]),
    );
    expect(detail.mounts).toEqual([
      { type: 'volume', name: volume, source: expect.any(String), destination: '/data', readOnly: false },
    ]);
    expect(detail.ports).toEqual([{ ip: '127.0.0.1', privatePort: 80, protocol: 'tcp' }]);
    expect(detail.restartPolicy).toEqual({ name: 'on-failure', maximumRetryCount: 3 });
    expect(detail.limits.memory).toBe(64 * 1024 * 1024);
    expect(detail.limits.nanoCpus).toBe(500_000_000);
    expect(detail.composeProject).toBe('x');
    expect(detail.composeService).toBe('web');
    expect(detail.startedAt).toBeUndefined();
    expect((raw as { Id: string }).Id).toBe(id);
  });

  test('list: the container is present with state, compose labels and networks; ports once running', async () => {
    let [summary] = (await stack.call('containers.list', { all: true })).filter((c) => c.id === id);
    expect(summary).toMatchObject({
      id,
      name,
      image: TEST_IMAGE,
      state: 'created',
      composeProject: 'x',
      composeService: 'web',
    });
    expect(summary?.labels['com.docker.compose.project']).toBe('x');
    expect(summary?.networks.map((n) => n.name)).toEqual(['bridge']);

    await docker(['start', name]);
    [summary] = await stack.call('containers.list', { all: true, ids: [id] });
    expect(summary?.state).toBe('running');
    expect(summary?.status).toMatch(/^Up /);
    const port = summary?.ports.find((p) => p.privatePort === 80);
    expect(port).toMatchObject({ ip: '127.0.0.1', protocol: 'tcp' });
    expect(port?.publicPort).toBeGreaterThan(0);
    const bridge = summary?.networks.find((n) => n.name === 'bridge');
    expect(bridge?.ipAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(bridge?.networkId).toMatch(/^[0-9a-f]{64}$/);
    expect(summary?.mounts).toEqual([expect.objectContaining({ type: 'volume', name: volume, destination: '/data' })]);

    // The live binding is what `docker port` reports.
    const { stdout } = await docker(['port', name, '80/tcp']);
    expect(stdout.trim()).toBe(`127.0.0.1:${port?.publicPort}`);
    const { detail } = await stack.call('containers.inspect', { id });
    expect(detail.ports).toEqual([{ ip: '127.0.0.1', privatePort: 80, publicPort: port?.publicPort, protocol: 'tcp' }]);
    expect(detail.startedAt).toBeTruthy();
  });

  test('list with all=false hides stopped containers; the ids filter returns only those ids', async () => {
    const other = tracker.container(uniqueName('other'));
    const otherId = (await docker(['create', '--name', other, TEST_IMAGE, 'sleep', '300'])).stdout.trim();
    const both = await stack.call('containers.list', { ids: [id, otherId] });
    expect(both.map((c) => c.id).sort()).toEqual([id, otherId].sort());
    const one = await stack.call('containers.list', { ids: [otherId] });
    expect(one.map((c) => c.id)).toEqual([otherId]);
    const running = await stack.call('containers.list', { all: false, ids: [id, otherId] });
    expect(running.map((c) => c.id)).toEqual([id]);
  });

  test('invalid arguments are refused before the engine is asked', async () => {
    const err = await stack.fail('containers.list', { ids: [''] });
    expect(err.code).toBe('INVALID_ARGUMENT');
    const err2 = await stack.fail('containers.kill', { id, signal: 'KILL; rm -rf /' });
    expect(err2.code).toBe('INVALID_ARGUMENT');
    expect((await inspect(id)).State.Running).toBe(true);
  });
});

describe('container lifecycle', () => {
  test('start / stop / restart / pause / unpause / kill change the engine state', async () => {
    const name = tracker.container(uniqueName('life'));
    const id = (
      await docker(['create', '--name', name, TEST_IMAGE, 'sh', '-c', 'trap "exit 0" TERM; sleep 300 & wait'])
    ).stdout.trim();

    await stack.call('containers.start', { id });
    expect((await inspect(id)).State.Status).toBe('running');

    // Starting a running container is not an error (the engine answers 304).
    await expect(stack.call('containers.start', { id })).resolves.toBeUndefined();

    await stack.call('containers.pause', { id });
    expect((await inspect(id)).State).toMatchObject({ Status: 'paused', Paused: true });
    await stack.call('containers.unpause', { id });
    expect((await inspect(id)).State).toMatchObject({ Status: 'running', Paused: false });

    const startedBefore = (await inspect(id)).State.StartedAt;
    await stack.call('containers.restart', { id, timeoutSec: 5 });
    const afterRestart = await inspect(id);
    expect(afterRestart.State.Status).toBe('running');
    expect(afterRestart.State.StartedAt).not.toBe(startedBefore);

    await stack.call('containers.stop', { id, timeoutSec: 5 });
    expect((await inspect(id)).State.Status).toBe('exited');
    // Stopping a stopped container is not an error either.
    await expect(stack.call('containers.stop', { id })).resolves.toBeUndefined();

    await stack.call('containers.start', { id });
    await stack.call('containers.kill', { id, signal: 'KILL' });
    await waitFor(async () => (await inspect(id)).State.Status === 'exited', { timeoutMs: 10_000 });
    expect((await inspect(id)).State.ExitCode).toBe(137);
  });

  test('engine refusals surface with the engine reason: pause / kill of a stopped container', async () => {
    const name = tracker.container(uniqueName('stopped'));
    const id = (await docker(['create', '--name', name, TEST_IMAGE, 'sleep', '300'])).stdout.trim();
    const pause = await stack.fail('containers.pause', { id });
    expect(pause.code).toBe('CONFLICT');
    expect(pause.message).toMatch(/is not running/);
    const kill = await stack.fail('containers.kill', { id });
    expect(kill.code).toBe('CONFLICT');
    expect(kill.message).toMatch(/is not running/);
    const unpause = await stack.fail('containers.unpause', { id });
    expect(unpause.message).toMatch(/is not paused/);
    expect(unpause.message).not.toMatch(/HTTP code/);
  });

  test('remove of a running container without force → CONFLICT with the engine message; with force → gone', async () => {
    const { name, id } = await runSleeper('rm');
    const err = await stack.fail('containers.remove', { id });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/cannot remove a running container/i);
    expect(err.message).not.toMatch(/HTTP code/);
    expect(err.details).toEqual({ statusCode: 409 });
    expect(await exists(name)).toBe(true);

    await stack.call('containers.remove', { id, force: true });
    expect(await exists(name)).toBe(false);
    tracker.untrack('container', name);
  });

  test('remove with volumes:true removes its anonymous volume; without it the volume stays', async () => {
    const volumesNow = async (): Promise<string[]> =>
      (await docker(['volume', 'ls', '-q'])).stdout.split('\n').filter(Boolean);

    const make = async (prefix: string): Promise<{ name: string; anon: string }> => {
      const name = tracker.container(uniqueName(prefix));
      await docker(['create', '--name', name, '-v', '/scratch', TEST_IMAGE, 'sleep', '300']);
      const anon = (await inspect(name)).Mounts.find((m) => m.Destination === '/scratch')?.Name ?? '';
      expect(anon).toMatch(/^[0-9a-f]{64}$/);
      tracker.volume(anon);
      return { name, anon };
    };

    const withVolumes = await make('anon-v');
    expect(await volumesNow()).toContain(withVolumes.anon);
    await stack.call('containers.remove', { id: withVolumes.name, volumes: true });
    expect(await exists(withVolumes.name)).toBe(false);
    expect(await volumesNow()).not.toContain(withVolumes.anon);

    const without = await make('anon-keep');
    await stack.call('containers.remove', { id: without.name });
    expect(await exists(without.name)).toBe(false);
    expect(await volumesNow()).toContain(without.anon);
  });

  test('unknown id → NOT_FOUND on every action', async () => {
    const ghost = uniqueName('ghost');
    for (const [channel, args] of [
      ['containers.inspect', { id: ghost }],
      ['containers.start', { id: ghost }],
      ['containers.stop', { id: ghost }],
      ['containers.restart', { id: ghost }],
      ['containers.pause', { id: ghost }],
      ['containers.kill', { id: ghost }],
      ['containers.remove', { id: ghost, force: true }],
    ] as const) {
      const err = await stack.fail(channel, args);
      expect(err.code, channel).toBe('NOT_FOUND');
      expect(err.message, channel).toMatch(/No such container/i);
    }
  });
});
