import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEST_IMAGE, createTracker, docker, dockerJson, requireEngine, uniqueName } from '../../helpers/engine';
import { leftAnonymousVolume } from '../../helpers/volumes';
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

describe('volume prune', () => {
  test('preview: anonymous only by default, named too with all; mounted volumes never listed', async () => {
    const anon = await leftAnonymousVolume(tracker);
    const named = tracker.volume(uniqueName('vol-prune-named'));
    await docker(['volume', 'create', '--label', 'berth.test=prune', named]);
    const busy = tracker.volume(uniqueName('vol-prune-busy'));
    await docker(['volume', 'create', busy]);
    // A created, never started container still holds its volume.
    const holder = tracker.container(uniqueName('vol-prune-holder'));
    await docker(['create', '--name', holder, '-v', `${busy}:/data`, TEST_IMAGE, 'true']);

    const anonOnly = await stack.call('volumes.prunePreview', { all: false });
    const names = anonOnly.map((v) => v.name);
    expect(names).toContain(anon);
    expect(names).not.toContain(named);
    expect(names).not.toContain(busy);
    expect(anonOnly.every((v) => v.anonymous)).toBe(true);
    expect(anonOnly.find((v) => v.name === anon)).toMatchObject({ driver: 'local', anonymous: true });

    const all = await stack.call('volumes.prunePreview', { all: true });
    expect(all.map((v) => v.name)).toEqual(expect.arrayContaining([anon, named]));
    expect(all.map((v) => v.name)).not.toContain(busy);
    const n = all.find((v) => v.name === named);
    expect(n).toMatchObject({ anonymous: false, labels: { 'berth.test': 'prune' } });
    expect(n?.created).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(n).not.toHaveProperty('size');
  });

  test('sizes: the bytes written into a volume, as docker system df -v says', async () => {
    const vol = tracker.volume(uniqueName('vol-size'));
    await docker(['volume', 'create', vol]);
    await docker([
      'run',
      '--rm',
      '-v',
      `${vol}:/data`,
      TEST_IMAGE,
      'sh',
      '-c',
      'head -c 300000 /dev/zero > /data/blob',
    ]);
    const [sized] = await stack.call('volumes.sizes', { names: [vol] });
    expect(sized?.name).toBe(vol);
    expect(sized?.size).toBe(300_000);
    const df = await dockerJson<{ Volumes: Array<{ Name: string; Size: string }> }>([
      'system',
      'df',
      '-v',
      '--format',
      '{{json .}}',
    ]);
    const cli = df.Volumes.find((v) => v.Name === vol);
    expect(cli?.Size).toBe('300kB');
    // An unknown name is left out, not an error.
    expect(await stack.call('volumes.sizes', { names: [uniqueName('ghost')] })).toEqual([]);
  });

  test('prune removes exactly the names given; one mounted since the preview stays with CONFLICT', async () => {
    const a = tracker.volume(uniqueName('vol-prune-a'));
    const b = tracker.volume(uniqueName('vol-prune-b'));
    const keep = tracker.volume(uniqueName('vol-prune-keep'));
    const late = tracker.volume(uniqueName('vol-prune-late'));
    for (const v of [a, b, keep, late]) await docker(['volume', 'create', v]);
    await docker(['run', '--rm', '-v', `${a}:/data`, TEST_IMAGE, 'sh', '-c', 'head -c 20000 /dev/zero > /data/f']);
    const preview = (await stack.call('volumes.prunePreview', { all: true })).map((v) => v.name);
    expect(preview).toEqual(expect.arrayContaining([a, b, keep, late]));

    const holder = tracker.container(uniqueName('vol-prune-late-user'));
    await docker(['create', '--name', holder, '-v', `${late}:/data`, TEST_IMAGE, 'true']);
    const ghost = uniqueName('vol-ghost');
    const res = await stack.call('volumes.prune', { names: [a, b, late, ghost], measure: true });

    expect(res.removed.map((r) => r.name).sort()).toEqual([a, b].sort());
    expect(res.removed.find((r) => r.name === a)?.size).toBeGreaterThanOrEqual(20_000);
    expect(res.failed).toEqual(
      expect.arrayContaining([
        { name: late, code: 'CONFLICT', message: `Now used by ${holder}; it stays` },
        { name: ghost, code: 'NOT_FOUND', message: 'The volume is already gone' },
      ]),
    );
    expect(await volumeExists(a)).toBe(false);
    expect(await volumeExists(b)).toBe(false);
    expect(await volumeExists(late)).toBe(true);
    expect(await volumeExists(keep)).toBe(true);
    tracker.untrack('volume', a);
    tracker.untrack('volume', b);
  });

  test('prune without names is refused before the engine', async () => {
    const err = await stack.fail('volumes.prune', { names: [] });
    expect(err.code).toBe('INVALID_ARGUMENT');
  });
});
