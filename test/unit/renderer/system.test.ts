import { describe, expect, test } from 'vitest';
import type { PruneItem, SystemInfo, SystemPrunePreview } from '../../../shared/contracts/system';
import {
  applyPruneFrame,
  diskUseRows,
  diskUseTotals,
  engineInfoGroups,
  exactBytes,
  formatApiVersion,
  formatContainerCounts,
  formatPruneTotals,
  formatReclaim,
  formatRuntimes,
  formatSwarm,
  groupPreview,
  pruneKey,
  pruneSelection,
  reclaimPercent,
  selectedTotals,
  skipReason,
  startRun,
} from '../../../renderer/presentation/system';

const info: SystemInfo = {
  name: 'host-1',
  version: '28.2.2',
  apiVersion: '1.50',
  minApiVersion: '1.24',
  os: 'Debian GNU/Linux 13',
  osType: 'linux',
  kernelVersion: '6.1.0',
  architecture: 'x86_64',
  cpus: 2,
  memoryBytes: 4 * 1024 ** 3,
  storageDriver: 'overlay2',
  rootDir: '/var/lib/docker',
  cgroupDriver: 'systemd',
  cgroupVersion: '2',
  defaultRuntime: 'runc',
  runtimes: ['runc', 'io.containerd.runc.v2'],
  securityOptions: ['seccomp', 'cgroupns'],
  securityOptionsRaw: ['name=seccomp,profile=builtin', 'name=cgroupns'],
  insecureRegistries: ['127.0.0.0/8'],
  registryMirrors: [],
  swarm: { state: 'inactive', nodeId: '', isManager: false },
  containers: { total: 5, running: 2, paused: 0, stopped: 3 },
  images: 1234,
  warnings: [],
  networkDrivers: ['bridge'],
  volumeDrivers: ['local'],
};

describe('engine info', () => {
  test('groups every fact the page shows', () => {
    const groups = engineInfoGroups(info);
    expect(groups.map((g) => g.title)).toEqual(['Engine', 'Host', 'Isolation', 'Objects', 'Registries']);
    const field = (label: string) => groups.flatMap((g) => g.fields).find((f) => f.label === label)?.value;
    expect(field('API')).toBe('1.50 (min 1.24)');
    expect(field('Memory')).toBe('4 GiB');
    expect(field('Cgroup version')).toBe('v2');
    expect(field('Runtimes')).toEqual(['runc (default)', 'io.containerd.runc.v2']);
    expect(field('Images')).toBe('1,234');
    expect(field('Registry mirrors')).toEqual([]);
    expect(field('Node ID')).toBeUndefined();
    const swarm = engineInfoGroups({ ...info, swarm: { state: 'active', nodeId: 'abc', isManager: true } });
    expect(swarm.flatMap((g) => g.fields).find((f) => f.label === 'Node ID')?.value).toBe('abc');
  });

  test('small formatters', () => {
    expect(formatApiVersion('1.50', '')).toBe('1.50');
    expect(formatApiVersion('', '')).toBe('—');
    expect(formatSwarm({ state: 'active', nodeId: 'x', isManager: false })).toBe('active · worker');
    expect(formatSwarm({ state: '', nodeId: '', isManager: false })).toBe('—');
    expect(formatContainerCounts({ total: 0, running: 0, paused: 0, stopped: 0 })).toBe('0');
    expect(formatContainerCounts({ total: 4, running: 1, paused: 1, stopped: 2 })).toBe(
      '4 · 1 running · 1 paused · 2 stopped',
    );
    expect(formatRuntimes(['b', 'a'], '')).toEqual(['a', 'b']);
    expect(exactBytes(1234567)).toBe('1,234,567 bytes');
  });
});

describe('disk use', () => {
  const du = {
    images: { total: 3, active: 1, size: 1000, reclaimable: 999 },
    containers: { total: 2, active: 1, size: 0, reclaimable: 0 },
    volumes: { total: 1, active: 0, size: 2048, reclaimable: 2048 },
    buildCache: { total: 0, active: 0, size: 0, reclaimable: 0 },
  };
  test('rows in the CLI order with truncated percentages', () => {
    const rows = diskUseRows(du);
    expect(rows.map((r) => r.label)).toEqual(['Images', 'Containers', 'Local Volumes', 'Build Cache']);
    expect(rows[0]).toMatchObject({ total: 3, active: 1, share: 0.999, reclaimText: '999 B (99%)' });
    expect(rows[1]?.reclaimText).toBe('0 B');
    expect(rows[2]?.reclaimText).toBe('2 KiB (100%)');
    expect(reclaimPercent({ size: 3, reclaimable: 5 })).toBe(100);
    expect(diskUseTotals(du)).toEqual({ size: 3048, reclaimable: 3047 });
  });
});

describe('system prune', () => {
  const items: PruneItem[] = [
    { kind: 'volume', id: 'v1', label: 'v1', reclaim: 0, sizeUnknown: true },
    { kind: 'container', id: 'c1', label: 'web', reclaim: 100, sizeUnknown: false },
    { kind: 'image', id: 'sha256:i1', label: 'a:1', reclaim: 1000, sizeUnknown: false },
    { kind: 'image', id: 'sha256:i2', label: 'b:1', reclaim: 0, sizeUnknown: false },
    { kind: 'container', id: 'c2', label: 'db', reclaim: 50, sizeUnknown: false },
  ];
  const preview: SystemPrunePreview = {
    kinds: { containers: true, networks: false, images: 'all', buildCache: false, volumes: 'all' },
    items,
    reclaim: 1150 + 500, // 500 of shared parent layers
  };
  const all = new Set(items.map(pruneKey));

  test('groups by kind in removal order with ticked totals', () => {
    const sel = new Set(['container:c1', 'volume:v1']);
    const groups = groupPreview(items, sel);
    expect(groups.map((g) => [g.kind, g.items.length, g.selected, g.reclaim, g.unknown])).toEqual([
      ['container', 2, 1, 100, 0],
      ['image', 2, 0, 0, 0],
      ['volume', 1, 1, 0, 1],
    ]);
  });

  test('totals count shared layers only when every image goes', () => {
    expect(selectedTotals(preview, all)).toEqual({ count: 5, reclaim: 1650, unknown: 1 });
    const noI2 = new Set([...all].filter((k) => k !== 'image:sha256:i2'));
    expect(selectedTotals(preview, noI2)).toEqual({ count: 4, reclaim: 1150, unknown: 1 });
    expect(formatPruneTotals({ count: 2, reclaim: 2048, unknown: 0 })).toBe('2 objects (2 KiB)');
    expect(formatPruneTotals({ count: 1, reclaim: 0, unknown: 1 })).toBe('1 object (0 B + 1 size unknown)');
    expect(formatReclaim(items[0]!)).toBe('size unknown');
    expect(formatReclaim(items[1]!)).toBe('100 B');
  });

  test('selection carries only the ticked ids', () => {
    expect(pruneSelection(items, new Set(['container:c2', 'image:sha256:i1']))).toEqual({
      containers: ['c2'],
      networks: [],
      images: ['sha256:i1'],
      buildCache: [],
      volumes: [],
    });
  });

  test('frames fold into progress and a result', () => {
    const label = (_k: string, id: string) => (id === 'c1' ? 'web' : id);
    let run = startRun(2);
    run = applyPruneFrame(
      run,
      { type: 'removed', kind: 'container', id: 'c1', reclaim: 100, index: 0, total: 2 },
      label,
    );
    expect(run).toMatchObject({ index: 1, removed: 1, reclaimed: 100, current: 'Removed container web' });
    run = applyPruneFrame(
      run,
      { type: 'skipped', kind: 'container', id: 'c2', code: 'CONFLICT', message: 'is running', index: 1, total: 2 },
      label,
    );
    expect(run.skipped).toEqual([
      { kind: 'container', id: 'c2', label: 'c2', code: 'CONFLICT', message: 'is running' },
    ]);
    run = applyPruneFrame(run, { type: 'done', removed: 1, skipped: 1, reclaimed: 100 }, label);
    expect(run).toMatchObject({ finished: true, index: 2, removed: 1, reclaimed: 100 });
    expect(skipReason('CONFLICT')).toContain('kept');
    expect(skipReason('NOT_FOUND')).toBe('Already gone');
  });
});
