import Dockerode from 'dockerode';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ArgsIn } from '../../../shared/contract-kit';
import type { Contract } from '../../../shared/contract';
import type { RestorePlan, VolumeCopyFrame } from '../../../shared/contracts/volume-backup';
import type { ErrorShape } from '../../../shared/errors';
import { OWNER_LABEL } from '../../../electron/engine/files/volume-helper';
import { TEST_IMAGE, docker, engineSocketPath, uniqueName } from '../../helpers/engine';
import { PODMAN_HOST, podman } from '../../helpers/podman';
import { createStack, type Stack } from '../handlers/harness';
import { useTransferSuite } from '../transfer-suite';

/**
 * Volume backup, restore and clone through the real handlers on the shared engine, checked with
 * `docker run --rm -v … busybox` and `docker volume inspect`.
 */

const suite = useTransferSuite('berth-vbackup-');
const { tracker } = suite;

type Channel = 'volumes.backup' | 'volumes.restore' | 'volumes.clone';
type Done = Extract<VolumeCopyFrame, { type: 'done' }>;

/** Runs a stream to its end: the done frame, or the error. */
async function run<K extends Channel>(
  s: Stack,
  channel: K,
  args: ArgsIn<Contract[K]>,
  timeoutMs = 60_000,
): Promise<{ done?: Done; error?: ErrorShape; frames: VolumeCopyFrame[] }> {
  const sub = s.subscribe(channel, args);
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const end = sub.frames.find((f) => f.kind !== 'data');
    if (end) {
      const frames = sub.payloads as VolumeCopyFrame[];
      const done = frames.find((f): f is Done => f.type === 'done');
      return end.kind === 'error' ? { error: end.error, frames } : done ? { done, frames } : { frames };
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  sub.unsubscribe();
  throw new Error(`${channel} did not end within ${timeoutMs} ms`);
}

/** Fills a volume: nested files, a non-UTF-8 name, a symlink, an empty folder, a 0600 file of 1000:1000. */
const FILL = [
  'mkdir -p /v/dir/sub /v/empty',
  'echo hello > /v/dir/sub/a.txt',
  'head -c 100000 /dev/urandom > /v/dir/blob',
  'echo odd > "/v/$(printf \'bad\\377name\')"',
  'ln -s dir/sub/a.txt /v/link',
  'echo secret > /v/private && chown 1000:1000 /v/private && chmod 0600 /v/private',
  'chmod 0750 /v/dir',
].join(' && ');

/** What a container sees: every entry's path, mode, owner, type, size, link target, and file hashes. */
const DESCRIBE =
  'cd /v && find . | sort | while read -r f; do ' +
  'stat -c "%n|%a|%u:%g|%F|%s" "$f"; [ -L "$f" ] && readlink "$f"; done; ' +
  'find . -type f -exec md5sum {} + | sort';

async function describeVolume(name: string, cli = docker): Promise<string> {
  return (await cli(['run', '--rm', '--network', 'none', '-v', `${name}:/v:ro`, TEST_IMAGE, 'sh', '-c', DESCRIBE]))
    .stdout;
}

async function filledVolume(prefix: string, labels: string[] = []): Promise<string> {
  const name = tracker.volume(uniqueName(prefix));
  await docker(['volume', 'create', ...labels, name]);
  await docker(['run', '--rm', '--network', 'none', '-v', `${name}:/v`, TEST_IMAGE, 'sh', '-c', FILL]);
  return name;
}

async function volumeExists(name: string): Promise<boolean> {
  return (await docker(['volume', 'inspect', name], { allowFail: true })).code === 0;
}

async function myHelpers(api: Dockerode): Promise<string[]> {
  const list = await api.listContainers({
    all: true,
    filters: { label: [`${OWNER_LABEL}=${hostname()}/${process.pid}`] },
  });
  return list.map((c) => c.Id);
}

function leftovers(): string[] {
  return readdirSync(suite.dir).filter((f) => f.endsWith('.berth-part'));
}

describe('volume backup and restore', () => {
  test('round trip: back up, remove, restore; a container sees the same files, modes and contents', async () => {
    const vol = await filledVolume('rt');
    const before = await describeVolume(vol);
    expect(before).toContain('bad');
    expect(before).toContain('./private|600|1000:1000|regular file|7');
    expect(before).toContain('./empty|755|0:0|directory');
    expect(before).toContain('dir/sub/a.txt');
    const dest = join(suite.dir, 'rt.tar');
    const backup = await run(suite.stack, 'volumes.backup', { name: vol, dest });
    expect(backup.error).toBeUndefined();
    // ./dir ./dir/sub ./dir/sub/a.txt ./dir/blob ./bad?name ./link ./private ./empty
    expect(backup.done).toMatchObject({ type: 'done', volume: vol, path: dest, files: 8 });
    expect(backup.done?.bytes).toBe(statSync(dest).size);
    expect(leftovers()).toEqual([]);
    const listed = (await docker(['run', '--rm', '-v', `${suite.dir}:/h:ro`, TEST_IMAGE, 'tar', 'tf', '/h/rt.tar']))
      .stdout;
    expect(listed).toMatch(/^(\.\/)?dir\/sub\/a\.txt$/m);

    await docker(['volume', 'rm', vol]);
    const plan = await suite.stack.call('volumes.restorePlan', { source: dest });
    expect(plan).toMatchObject({ gzip: false, entries: 8, targetEntries: 0, overwrites: [] });
    expect(plan.topLevel).toEqual(expect.arrayContaining(['dir', 'empty', 'link', 'private']));
    expect(plan.bytes).toBe(6 + 100000 + 4 + 7);
    const restore = await run(suite.stack, 'volumes.restore', {
      source: dest,
      into: { kind: 'new', volume: { name: vol } },
    });
    expect(restore.error).toBeUndefined();
    expect(restore.done).toMatchObject({ volume: vol, files: 8, bytes: statSync(dest).size });
    expect(await describeVolume(vol)).toBe(before);
  });

  test('tar.gz round trip (gzip by extension), restored into a new volume', async () => {
    const vol = await filledVolume('gz');
    const dest = join(suite.dir, 'gz.tar.gz');
    const backup = await run(suite.stack, 'volumes.backup', { name: vol, dest });
    expect(backup.done?.files).toBe(8);
    expect([...readFileSync(dest).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const plan: RestorePlan = await suite.stack.call('volumes.restorePlan', { source: dest });
    expect(plan.gzip).toBe(true);
    expect(plan.entries).toBe(8);
    const copy = tracker.volume(uniqueName('gz-copy'));
    const restore = await run(suite.stack, 'volumes.restore', {
      source: dest,
      into: { kind: 'new', volume: { name: copy } },
    });
    expect(restore.error).toBeUndefined();
    expect(await describeVolume(copy)).toBe(await describeVolume(vol));
  });

  test('a corrupt archive (truncated, random bytes, bad gzip) is refused and leaves no volume', async () => {
    const vol = await filledVolume('bad');
    const good = join(suite.dir, 'good.tar');
    await run(suite.stack, 'volumes.backup', { name: vol, dest: good });
    const truncated = join(suite.dir, 'truncated.tar');
    writeFileSync(truncated, readFileSync(good).subarray(0, 60_000));
    const random = join(suite.dir, 'random.tar');
    writeFileSync(random, randomBytes(10_000));
    const badGzip = join(suite.dir, 'bad.tar.gz');
    writeFileSync(badGzip, Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), randomBytes(4000)]));
    const empty = join(suite.dir, 'empty.tar');
    writeFileSync(empty, '');
    truncateSync(empty, 0);
    const cases: Array<[string, RegExp]> = [
      [truncated, /Not a valid tar archive: it ends in the middle of .*truncated/],
      [random, /Not a valid tar archive: bad header checksum/],
      [badGzip, /Not a valid gzip file/],
      [empty, /Not a valid tar archive: the file is empty/],
    ];
    for (const [source, message] of cases) {
      const planErr = await suite.stack.fail('volumes.restorePlan', { source });
      expect(planErr.code).toBe('INVALID_ARGUMENT');
      expect(planErr.message).toMatch(message);
      const name = tracker.volume(uniqueName('bad-into'));
      const r = await run(suite.stack, 'volumes.restore', { source, into: { kind: 'new', volume: { name } } });
      expect(r.error?.code).toBe('INVALID_ARGUMENT');
      expect(r.error?.message).toMatch(message);
      expect(await volumeExists(name)).toBe(false);
    }
    const missing = await suite.stack.fail('volumes.restorePlan', { source: join(suite.dir, 'nope.tar') });
    expect(missing.code).toBe('NOT_FOUND');
  });

  test('a non-empty target needs replace, and says what would be overwritten', async () => {
    const vol = await filledVolume('ne');
    const dest = join(suite.dir, 'ne.tar');
    await run(suite.stack, 'volumes.backup', { name: vol, dest });
    const target = tracker.volume(uniqueName('ne-target'));
    await docker(['volume', 'create', target]);
    await docker([
      'run',
      '--rm',
      '-v',
      `${target}:/v`,
      TEST_IMAGE,
      'sh',
      '-c',
      'echo old > /v/private; echo keep > /v/keep',
    ]);
    const plan = await suite.stack.call('volumes.restorePlan', { source: dest, name: target });
    expect(plan).toMatchObject({ targetEntries: 2, overwrites: ['private'] });
    const refused = await run(suite.stack, 'volumes.restore', {
      source: dest,
      into: { kind: 'existing', name: target },
    });
    expect(refused.error?.code).toBe('CONFLICT');
    expect(refused.error?.message).toMatch(/not empty.*private/);
    expect(refused.error?.details).toMatchObject({ overwrites: ['private'], targetEntries: 2 });
    const unchanged = await docker(['run', '--rm', '-v', `${target}:/v`, TEST_IMAGE, 'cat', '/v/private']);
    expect(unchanged.stdout).toBe('old\n');
    const replaced = await run(suite.stack, 'volumes.restore', {
      source: dest,
      into: { kind: 'existing', name: target },
      replace: true,
    });
    expect(replaced.error).toBeUndefined();
    const after = await docker(['run', '--rm', '-v', `${target}:/v`, TEST_IMAGE, 'cat', '/v/private', '/v/keep']);
    expect(after.stdout).toBe('secret\nkeep\n');
    // An empty existing volume needs no replace.
    const empty = tracker.volume(uniqueName('ne-empty'));
    await docker(['volume', 'create', empty]);
    const into = await run(suite.stack, 'volumes.restore', { source: dest, into: { kind: 'existing', name: empty } });
    expect(into.done?.files).toBe(8);
    const unknown = await run(suite.stack, 'volumes.restore', {
      source: dest,
      into: { kind: 'existing', name: uniqueName('nope') },
    });
    expect(unknown.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/^No volume named/) });
  });

  test('backup: dest exists → CONFLICT (file untouched); unknown volume → NOT_FOUND', async () => {
    const vol = await filledVolume('dx');
    const dest = join(suite.dir, 'exists.tar');
    writeFileSync(dest, 'mine');
    const r = await run(suite.stack, 'volumes.backup', { name: vol, dest });
    expect(r.error?.code).toBe('CONFLICT');
    expect(readFileSync(dest, 'utf8')).toBe('mine');
    const over = await run(suite.stack, 'volumes.backup', { name: vol, dest, overwrite: true });
    expect(over.done?.files).toBe(8);
    const missing = uniqueName('nope');
    const nf = await run(suite.stack, 'volumes.backup', { name: missing, dest: join(suite.dir, 'nf.tar') });
    expect(nf.error).toMatchObject({ code: 'NOT_FOUND', message: `No volume named ${missing}` });
    expect(existsSync(join(suite.dir, 'nf.tar'))).toBe(false);
    expect(await volumeExists(missing)).toBe(false);
  });

  test('cancel mid-backup leaves no file and no helper', async () => {
    const vol = tracker.volume(uniqueName('cancel'));
    await docker(['volume', 'create', vol]);
    await docker(['run', '--rm', '-v', `${vol}:/v`, TEST_IMAGE, 'sh', '-c', 'head -c 150000000 /dev/zero > /v/big']);
    const dest = join(suite.dir, 'cancel.tar.gz');
    const sub = suite.stack.subscribe('volumes.backup', { name: vol, dest, gzip: true });
    await sub.waitFor((f) => f.type === 'progress' && f.bytes > 0, { timeoutMs: 30_000 });
    sub.unsubscribe();
    const api = new Dockerode({ socketPath: engineSocketPath() });
    const start = Date.now();
    while (Date.now() - start < 10_000 && ((await myHelpers(api)).length > 0 || leftovers().length > 0)) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(existsSync(dest)).toBe(false);
    expect(leftovers()).toEqual([]);
    expect(await myHelpers(api)).toEqual([]);
  });
});

describe('volume clone', () => {
  test('copies contents and labels into a new volume', async () => {
    const vol = await filledVolume('src', ['--label', 'team=a', '--label', 'tier=db']);
    const copy = tracker.volume(uniqueName('clone'));
    const r = await run(suite.stack, 'volumes.clone', { name: vol, newName: copy });
    expect(r.error).toBeUndefined();
    expect(r.done).toMatchObject({ volume: copy, files: 8 });
    expect(await describeVolume(copy)).toBe(await describeVolume(vol));
    const [info] = JSON.parse((await docker(['volume', 'inspect', copy])).stdout) as Array<{
      Labels: Record<string, string>;
      Driver: string;
    }>;
    expect(info?.Labels).toEqual({ team: 'a', tier: 'db' });
    expect(info?.Driver).toBe('local');
    const again = await run(suite.stack, 'volumes.clone', { name: vol, newName: copy });
    expect(again.error?.code).toBe('CONFLICT');
  });

  test('copies driver options (tmpfs)', async () => {
    const vol = tracker.volume(uniqueName('opts'));
    await docker(['volume', 'create', '--opt', 'type=tmpfs', '--opt', 'device=tmpfs', '--opt', 'o=size=8m', vol]);
    const copy = tracker.volume(uniqueName('opts-clone'));
    const r = await run(suite.stack, 'volumes.clone', { name: vol, newName: copy });
    expect(r.error).toBeUndefined();
    const [info] = JSON.parse((await docker(['volume', 'inspect', copy])).stdout) as Array<{
      Options: Record<string, string>;
    }>;
    expect(info?.Options).toEqual({ type: 'tmpfs', device: 'tmpfs', o: 'size=8m' });
  });

  test('a volume binding a host folder is refused unless its options are left behind', async () => {
    const hostDir = mkdtempSync(join(suite.dir, 'bind-'));
    writeFileSync(join(hostDir, 'f'), 'bound');
    const vol = tracker.volume(uniqueName('bind'));
    await docker(['volume', 'create', '--opt', 'type=none', '--opt', 'o=bind', '--opt', `device=${hostDir}`, vol]);
    const copy = tracker.volume(uniqueName('bind-clone'));
    const r = await run(suite.stack, 'volumes.clone', { name: vol, newName: copy });
    expect(r.error?.code).toBe('INVALID_ARGUMENT');
    expect(r.error?.message).toMatch(/would share that folder/);
    expect(await volumeExists(copy)).toBe(false);
    const plain = await run(suite.stack, 'volumes.clone', { name: vol, newName: copy, copyOptions: false });
    expect(plain.error).toBeUndefined();
    const [info] = JSON.parse((await docker(['volume', 'inspect', copy])).stdout) as Array<{
      Options: Record<string, string> | null;
    }>;
    expect(info?.Options ?? {}).toEqual({});
    const seen = await docker(['run', '--rm', '-v', `${copy}:/v`, TEST_IMAGE, 'cat', '/v/f']);
    expect(seen.stdout).toBe('bound');
  });

  test('every helper container is gone afterwards', async () => {
    expect(await myHelpers(new Dockerode({ socketPath: engineSocketPath() }))).toEqual([]);
  });
});

describe.skipIf(!PODMAN_HOST)('on Podman', () => {
  test('one round trip: backup, remove, restore', async () => {
    const pm = createStack({ setting: PODMAN_HOST ?? '' });
    const vol = uniqueName('pm-rt');
    const cli = async (args: string[]): Promise<{ stdout: string }> => podman(args);
    try {
      await podman(['volume', 'create', vol]);
      await podman(['run', '--rm', '-v', `${vol}:/v`, TEST_IMAGE, 'sh', '-c', FILL]);
      const before = await describeVolume(vol, cli as typeof docker);
      const dest = join(suite.dir, 'pm.tar');
      const backup = await run(pm, 'volumes.backup', { name: vol, dest });
      expect(backup.error).toBeUndefined();
      expect(backup.done?.files).toBe(8);
      await podman(['volume', 'rm', vol]);
      const restore = await run(pm, 'volumes.restore', { source: dest, into: { kind: 'new', volume: { name: vol } } });
      expect(restore.error).toBeUndefined();
      // Podman 4.3's PUT archive extracts as root:root (ownership in the tar is not kept): known gap,
      // so owners are left out of this comparison; names, modes, types, sizes, links, contents match.
      const noOwner = (t: string): string => t.replace(/\|\d+:\d+\|/g, '|');
      expect(noOwner(await describeVolume(vol, cli as typeof docker))).toBe(noOwner(before));
      const pmApi = new Dockerode({ socketPath: (PODMAN_HOST ?? '').replace(/^unix:\/\//, '') });
      expect(await myHelpers(pmApi)).toEqual([]);
    } finally {
      pm.close();
      await podman(['volume', 'rm', '--force', vol], { allowFail: true });
    }
  });
});
