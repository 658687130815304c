import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEST_IMAGE, createTracker, docker, dockerJson, requireEngine, uniqueName } from '../../helpers/engine';
import { createStack, type Stack } from './harness';

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

const volumeExists = async (name: string): Promise<boolean> =>
  (await docker(['volume', 'inspect', name], { allowFail: true })).code === 0;

describe('volumes', () => {
  test('list: a named volume with labels and usedBy; an anonymous volume is flagged', async () => {
    const vol = tracker.volume(uniqueName('vol'));
    await docker(['volume', 'create', '--label', 'berth.test=volumes', vol]);
    const user = tracker.container(uniqueName('vol-user'));
    const userId = (
      await docker(['create', '--name', user, '-v', `${vol}:/data`, '-v', '/anon', TEST_IMAGE, 'sleep', '300'])
    ).stdout.trim();
    const [info] = await dockerJson<Array<{ Mounts: Array<{ Name?: string; Destination: string }> }>>([
      'inspect',
      user,
    ]);
    const anon = tracker.volume(info?.Mounts.find((m) => m.Destination === '/anon')?.Name ?? '');

    const list = await stack.call('volumes.list', {});
    const named = list.find((v) => v.name === vol);
    expect(named).toMatchObject({
      driver: 'local',
      scope: 'local',
      anonymous: false,
      labels: { 'berth.test': 'volumes' },
      usedBy: [{ id: userId, name: user, state: 'created' }],
    });
    expect(named?.mountpoint).toContain(vol);
    expect(named?.created).toMatch(/^\d{4}-\d\d-\d\dT/);
    const anonymous = list.find((v) => v.name === anon);
    expect(anonymous).toMatchObject({ anonymous: true, usedBy: [{ id: userId, name: user, state: 'created' }] });
  });

  test('inspect returns the engine document; unknown → NOT_FOUND', async () => {
    const vol = tracker.volume(uniqueName('vol-inspect'));
    await docker(['volume', 'create', vol]);
    const { raw } = await stack.call('volumes.inspect', { name: vol });
    expect(raw).toMatchObject({ Name: vol, Driver: 'local' });
    const err = await stack.fail('volumes.inspect', { name: uniqueName('ghost') });
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toMatch(/no such volume/i);
  });

  test('remove of a volume in use → CONFLICT with the engine reason; unused → gone', async () => {
    const vol = tracker.volume(uniqueName('vol-busy'));
    await docker(['volume', 'create', vol]);
    const user = tracker.container(uniqueName('vol-busy-user'));
    const userId = (
      await docker(['create', '--name', user, '-v', `${vol}:/data`, TEST_IMAGE, 'sleep', '300'])
    ).stdout.trim();

    const err = await stack.fail('volumes.remove', { name: vol });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/volume is in use/);
    expect(err.message).toContain(userId);
    expect(await volumeExists(vol)).toBe(true);

    await docker(['rm', user]);
    await stack.call('volumes.remove', { name: vol });
    expect(await volumeExists(vol)).toBe(false);
    tracker.untrack('volume', vol);

    const gone = await stack.fail('volumes.remove', { name: vol });
    expect(gone.code).toBe('NOT_FOUND');
  });
});
