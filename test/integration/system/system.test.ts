import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DiskUsage, SystemPruneFrame } from '../../../shared/contracts/system';
import { cliDfRow } from '../../helpers/cli-size';
import {
  TEST_IMAGE,
  createTracker,
  docker,
  dockerJson,
  dockerJsonLines,
  requireEngine,
  uniqueName,
} from '../../helpers/engine';
import { createStack, type Stack } from '../handlers/harness';

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

const exists = async (kind: 'container' | 'image' | 'volume' | 'network', id: string): Promise<boolean> =>
  (await docker([kind, 'inspect', id], { allowFail: true })).code === 0;

interface CliDfRow {
  Type: string;
  TotalCount: string;
  Active: string;
  Size: string;
  Reclaimable: string;
}

/** Berth's figures in the CLI's text, keyed by the CLI's row names. */
function asCli(du: DiskUsage): Record<string, Omit<CliDfRow, 'Type'>> {
  return {
    Images: cliDfRow(du.images, true),
    Containers: cliDfRow(du.containers, true),
    'Local Volumes': cliDfRow(du.volumes, true),
    'Build Cache': cliDfRow(du.buildCache, false),
  };
}

async function cliDf(): Promise<Record<string, Omit<CliDfRow, 'Type'>>> {
  const rows = await dockerJsonLines<CliDfRow>(['system', 'df', '--format', '{{json .}}']);
  return Object.fromEntries(rows.map(({ Type, ...rest }) => [Type, rest]));
}

describe('system.info', () => {
  test('matches docker info and docker version', async () => {
    const info = await stack.call('system.info', {});
    const cli = await dockerJson<{
      ServerVersion: string;
      KernelVersion: string;
      Architecture: string;
      NCPU: number;
      MemTotal: number;
      Driver: string;
      CgroupDriver: string;
      CgroupVersion: string;
      OperatingSystem: string;
      Runtimes: Record<string, unknown>;
      DefaultRuntime: string;
      Swarm: { LocalNodeState: string };
      SecurityOptions: string[];
      RegistryConfig: { InsecureRegistryCIDRs: string[] };
      Plugins: { Network: string[]; Volume: string[] };
    }>(['info', '--format', '{{json .}}']);
    const version = await dockerJson<{ ApiVersion: string; Version: string }>([
      'version',
      '--format',
      '{{json .Server}}',
    ]);
    expect(info).toMatchObject({
      version: cli.ServerVersion,
      apiVersion: version.ApiVersion,
      kernelVersion: cli.KernelVersion,
      architecture: cli.Architecture,
      cpus: cli.NCPU,
      memoryBytes: cli.MemTotal,
      storageDriver: cli.Driver,
      cgroupDriver: cli.CgroupDriver,
      cgroupVersion: cli.CgroupVersion,
      os: cli.OperatingSystem,
      defaultRuntime: cli.DefaultRuntime,
      runtimes: Object.keys(cli.Runtimes).sort(),
      securityOptionsRaw: cli.SecurityOptions,
      swarm: { state: cli.Swarm.LocalNodeState },
      networkDrivers: cli.Plugins.Network,
      volumeDrivers: cli.Plugins.Volume,
    });
    expect(info.version).toBe(version.Version);
    expect(info.insecureRegistries).toEqual(expect.arrayContaining(cli.RegistryConfig.InsecureRegistryCIDRs));
    expect(info.cpus).toBeGreaterThan(0);
  });
});

describe('system.df', () => {
  test('the same figures as docker system df', async () => {
    // Something in each row that this test owns: a stopped container that wrote 300 kB, and an
    // unused volume holding 200 kB.
    const vol = tracker.volume(uniqueName('df-vol'));
    const ctr = tracker.container(uniqueName('df-ctr'));
    await docker([
      'run',
      '--name',
      ctr,
      '-v',
      `${vol}:/data`,
      TEST_IMAGE,
      'sh',
      '-c',
      'dd if=/dev/zero of=/data/f bs=1k count=200 2>/dev/null; dd if=/dev/zero of=/f bs=1k count=300 2>/dev/null',
    ]);
    // And a running container that writes too: active rows, and a used image (not reclaimable).
    const running = tracker.container(uniqueName('df-running'));
    await docker([
      'run',
      '-d',
      '--name',
      running,
      TEST_IMAGE,
      'sh',
      '-c',
      'dd if=/dev/zero of=/g bs=1k count=100; sleep 300',
    ]);
    // Other engineers share this engine: figures may move between the two reads, so compare a few
    // times and require one pair read back to back to agree exactly.
    let last: { berth: unknown; cli: unknown } = { berth: undefined, cli: undefined };
    for (let attempt = 0; attempt < 4; attempt++) {
      const before = asCli(await stack.call('system.df', {}));
      const cli = await cliDf();
      last = { berth: before, cli };
      if (JSON.stringify(before) === JSON.stringify(cli)) break;
    }
    expect(last.berth).toEqual(last.cli);
    const du = await stack.call('system.df', {});
    expect(du.containers.reclaimable).toBeGreaterThanOrEqual(300 * 1024);
    expect(du.volumes.size).toBeGreaterThanOrEqual(200 * 1024);
  });
});

describe('system prune', () => {
  test('preview lists what goes; prune removes only the confirmed objects, and what changed since stays', async () => {
    // Stopped containers (one will be started before the prune), an unused network, an anonymous
    // volume left by a removed container, two dangling images (one gets a user before the prune).
    const gone = tracker.container(uniqueName('prune-gone'));
    const goneId = (await docker(['create', '--name', gone, TEST_IMAGE, 'sleep', '300'])).stdout.trim();
    const later = tracker.container(uniqueName('prune-later'));
    const laterId = (await docker(['create', '--name', later, TEST_IMAGE, 'sleep', '300'])).stdout.trim();
    const net = tracker.network(uniqueName('prune-net'));
    const netId = (await docker(['network', 'create', net])).stdout.trim();
    const netLater = tracker.network(uniqueName('prune-net-later'));
    const netLaterId = (await docker(['network', 'create', netLater])).stdout.trim();
    const volNamed = tracker.volume(uniqueName('prune-vol-named'));
    await docker(['volume', 'create', volNamed]);
    const holder = uniqueName('prune-holder');
    await docker(['run', '--name', holder, '-v', '/anon', TEST_IMAGE, 'sh', '-c', 'echo hi > /anon/f']);
    const [holderInfo] = await dockerJson<Array<{ Mounts: Array<{ Name?: string; Destination: string }> }>>([
      'inspect',
      holder,
    ]);
    const anon = tracker.volume(holderInfo?.Mounts.find((m) => m.Destination === '/anon')?.Name ?? '');
    const base = uniqueName('prune-base');
    tracker.container(base);
    await docker(['run', '--name', base, TEST_IMAGE, 'sh', '-c', `echo ${base} > /marker`]);
    const dangling = tracker.image((await docker(['commit', base])).stdout.trim());
    await docker(['run', '--name', `${base}-2`, TEST_IMAGE, 'sh', '-c', `echo ${base}-2 > /marker`]);
    tracker.container(`${base}-2`);
    const danglingUsed = tracker.image((await docker(['commit', `${base}-2`])).stdout.trim());
    await docker(['rm', holder]); // leaves the anonymous volume behind, unused

    const preview = await stack.call('system.prunePreview', {
      containers: true,
      networks: true,
      images: 'dangling',
      volumes: 'anonymous',
    });
    const listed = (kind: string, id: string) => preview.items.find((i) => i.kind === kind && i.id === id);
    expect(listed('container', goneId)).toMatchObject({ label: gone });
    expect(listed('container', laterId)).toBeDefined();
    expect(listed('network', netId)).toMatchObject({ label: net, reclaim: 0 });
    expect(listed('volume', anon)).toMatchObject({ sizeUnknown: false });
    expect(listed('volume', anon)?.reclaim).toBeGreaterThan(0);
    expect(listed('image', dangling)?.reclaim).toBeGreaterThan(0);
    expect(listed('image', danglingUsed)).toBeDefined();
    expect(preview.items.some((i) => i.kind === 'buildCache')).toBe(false); // not asked for
    expect(listed('network', netLaterId)).toBeDefined();
    expect(listed('volume', volNamed)).toBeUndefined(); // a named volume is not anonymous
    const allVolumes = await stack.call('system.prunePreview', { volumes: 'all' });
    expect(
      allVolumes.items
        .filter((i) => i.id === volNamed || i.id === anon)
        .map((i) => i.id)
        .sort(),
    ).toEqual([anon, volNamed].sort());
    expect(allVolumes.items.every((i) => i.kind === 'volume')).toBe(true);
    expect(preview.reclaim).toBeGreaterThanOrEqual(preview.items.reduce((s, i) => s + i.reclaim, 0));

    // Between preview and confirm: one container starts, one dangling image gets a new container.
    await docker(['start', later]);
    const netUser = tracker.container(uniqueName('prune-net-user'));
    await docker(['create', '--name', netUser, '--network', netLater, '-v', `${volNamed}:/d`, TEST_IMAGE, 'true']);
    const newUser = tracker.container(uniqueName('prune-new-user'));
    await docker(['create', '--name', newUser, danglingUsed, 'true']);

    const sub = stack.subscribe('system.prune', {
      containers: [goneId, laterId, goneId], // a repeated id counts once
      networks: [netId, netLaterId],
      images: [dangling, danglingUsed],
      volumes: [anon, volNamed],
    });
    const done = (await sub.waitFor((f) => f.type === 'done', { timeoutMs: 60_000 })) as Extract<
      SystemPruneFrame,
      { type: 'done' }
    >;
    sub.unsubscribe();
    const frames = sub.payloads.filter((f) => f.type !== 'done') as Array<Exclude<SystemPruneFrame, { type: 'done' }>>;
    const outcome = Object.fromEntries(frames.map((f) => [f.id, f.type === 'removed' ? 'removed' : f.code]));
    expect(outcome).toEqual({
      [goneId]: 'removed',
      [laterId]: 'CONFLICT',
      [netId]: 'removed',
      [dangling]: 'removed',
      [danglingUsed]: 'CONFLICT',
      [netLaterId]: 'CONFLICT',
      [anon]: 'removed',
      [volNamed]: 'CONFLICT',
    });
    expect(frames.map((f) => f.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // docker system prune's order: containers, networks, images, volumes.
    expect(frames.map((f) => f.kind)).toEqual([
      'container',
      'container',
      'network',
      'network',
      'image',
      'image',
      'volume',
      'volume',
    ]);
    expect(frames.every((f) => f.total === 8)).toBe(true);
    expect(done).toMatchObject({ removed: 4, skipped: 4 });
    const removedBytes = frames.reduce((s, f) => s + (f.type === 'removed' ? f.reclaim : 0), 0);
    expect(done.reclaimed).toBeGreaterThanOrEqual(removedBytes);
    expect(done.reclaimed).toBeGreaterThan(0);

    // The CLI agrees: what was confirmed is gone, what changed since the preview is intact.
    expect(await exists('container', gone)).toBe(false);
    expect(await exists('network', netId)).toBe(false);
    expect(await exists('volume', anon)).toBe(false);
    expect(await exists('image', dangling)).toBe(false);
    expect(await exists('image', danglingUsed)).toBe(true);
    expect(await exists('network', netLaterId)).toBe(true);
    expect(await exists('volume', volNamed)).toBe(true);
    const state = await dockerJson<{ Running: boolean }>(['inspect', '--format', '{{json .State}}', later]);
    expect(state.Running).toBe(true);
  });

  test('unsubscribing stops the prune: the objects not reached yet stay, and no done frame', async () => {
    const names = Array.from({ length: 24 }, (_, i) => tracker.container(uniqueName(`prune-cancel-${i}`)));
    const ids: string[] = [];
    for (const name of names) ids.push((await docker(['create', '--name', name, TEST_IMAGE, 'true'])).stdout.trim());
    const sub = stack.subscribe('system.prune', { containers: ids });
    await sub.waitFor((f) => f.type === 'removed', { timeoutMs: 30_000 });
    sub.unsubscribe();
    await new Promise((r) => setTimeout(r, 1500)); // let a prune that did not stop run on
    const left = (await Promise.all(names.map((n) => exists('container', n)))).filter(Boolean).length;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(names.length);
    expect(sub.payloads.some((f) => f.type === 'done')).toBe(false);
  });

  test('prune refuses an empty selection before touching the engine', async () => {
    const sub = stack.subscribe('system.prune', {});
    await expect(sub.waitFor(() => true, { timeoutMs: 5_000 })).rejects.toThrow(/INVALID_ARGUMENT|at least one/);
    sub.unsubscribe();
  });
});

describe('volumes.create', () => {
  test('a tmpfs-backed local volume with labels, as docker volume inspect shows it', async () => {
    const name = tracker.volume(uniqueName('tmpfs'));
    const vol = await stack.call('volumes.create', {
      name,
      driverOpts: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' },
      labels: { 'berth.test': 'create' },
    });
    expect(vol).toMatchObject({ name, driver: 'local', labels: { 'berth.test': 'create' }, anonymous: false });
    const [cli] = await dockerJson<
      Array<{ Driver: string; Options: Record<string, string>; Labels: Record<string, string> }>
    >(['volume', 'inspect', name]);
    expect(cli).toMatchObject({
      Driver: 'local',
      Options: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' },
      Labels: { 'berth.test': 'create' },
    });
    // It really is a 1 MB tmpfs: writing 2 MB into it fails.
    const user = tracker.container(uniqueName('tmpfs-user'));
    const res = await docker(
      ['run', '--name', user, '-v', `${name}:/d`, TEST_IMAGE, 'sh', '-c', 'dd if=/dev/zero of=/d/f bs=1k count=2048'],
      { allowFail: true },
    );
    expect(res.code).not.toBe(0);
    expect(res.stderr + res.stdout).toMatch(/space/i);

    const again = await stack.fail('volumes.create', { name });
    expect(again.code).toBe('CONFLICT');
  });

  test('an option the local driver refuses: the engine reason, and no volume is left', async () => {
    const name = tracker.volume(uniqueName('bad-opt'));
    const err = await stack.fail('volumes.create', { name, driverOpts: { 'berth-bogus': 'x' } });
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toMatch(/invalid option.*berth-bogus/);
    expect(await exists('volume', name)).toBe(false);
  });

  test('no name: the engine generates one; a bad name is refused before the engine', async () => {
    const vol = await stack.call('volumes.create', {});
    tracker.volume(vol.name);
    expect(vol.name).toMatch(/^[0-9a-f]{64}$/);
    expect(await exists('volume', vol.name)).toBe(true);
    const bad = await stack.fail('volumes.create', { name: 'has space' });
    expect(bad.code).toBe('INVALID_ARGUMENT');
  });
});
