import { describe, expect, test } from 'vitest';
import {
  blockTotals,
  cpuPercent,
  CpuTracker,
  isRunningSample,
  memoryPercent,
  memoryUsage,
  networkTotals,
  toContainerStats,
  toFileChanges,
  toProcessList,
  type RawStats,
} from '../../../electron/engine/stats';

describe('cpuPercent (docker CLI formula)', () => {
  test('first sample has no CPU %', () => {
    expect(cpuPercent(undefined, { total: 10, system: 100, onlineCpus: 2 })).toBeNull();
  });
  test('Δcontainer / Δsystem × online CPUs × 100', () => {
    // Half of one CPU on a 2-CPU host: the container used 0.5 s while the host counted 2 s (2 CPUs × 1 s).
    const p = cpuPercent(
      { total: 1_000_000_000, system: 10_000_000_000, onlineCpus: 2 },
      { total: 1_500_000_000, system: 12_000_000_000, onlineCpus: 2 },
    );
    expect(p).toBeCloseTo(50, 6);
  });
  test('idle container: 0', () => {
    expect(cpuPercent({ total: 5, system: 100, onlineCpus: 4 }, { total: 5, system: 200, onlineCpus: 4 })).toBe(0);
  });
  test('no system progress: 0, not a division by zero', () => {
    expect(cpuPercent({ total: 5, system: 100, onlineCpus: 4 }, { total: 9, system: 100, onlineCpus: 4 })).toBe(0);
  });
  test('counter reset (restart) gives null', () => {
    expect(
      cpuPercent({ total: 900, system: 100, onlineCpus: 1 }, { total: 10, system: 200, onlineCpus: 1 }),
    ).toBeNull();
  });
});

describe('CpuTracker', () => {
  test('keeps the previous sample per container', () => {
    const t = new CpuTracker(400, 60_000, () => 0);
    expect(t.next('a', { total: 0, system: 0, onlineCpus: 1 }, 1000)).toBeNull();
    expect(t.next('b', { total: 0, system: 0, onlineCpus: 1 }, 1000)).toBeNull();
    expect(t.next('a', { total: 250, system: 1000, onlineCpus: 1 }, 2000)).toBeCloseTo(25);
    expect(t.next('b', { total: 1000, system: 1000, onlineCpus: 1 }, 2000)).toBeCloseTo(100);
    expect(t.next('a', { total: 750, system: 2000, onlineCpus: 1 }, 3000)).toBeCloseTo(50);
  });
  test('a sample too close to the baseline repeats the last value and keeps the baseline', () => {
    const t = new CpuTracker(400, 60_000, () => 0);
    t.next('a', { total: 0, system: 0, onlineCpus: 1 }, 1000);
    expect(t.next('a', { total: 100, system: 1000, onlineCpus: 1 }, 2000)).toBeCloseTo(10);
    expect(t.next('a', { total: 101, system: 1001, onlineCpus: 1 }, 2050)).toBeCloseTo(10);
    // Next delta is measured from the 2000 ms baseline, not from 2050.
    expect(t.next('a', { total: 600, system: 2000, onlineCpus: 1 }, 3000)).toBeCloseTo(50);
  });
  test('counter reset gives null, then recovers', () => {
    const t = new CpuTracker(400, 60_000, () => 0);
    t.next('a', { total: 5000, system: 5000, onlineCpus: 1 }, 1000);
    expect(t.next('a', { total: 10, system: 6000, onlineCpus: 1 }, 2000)).toBeNull();
    expect(t.next('a', { total: 110, system: 7000, onlineCpus: 1 }, 3000)).toBeCloseTo(10);
  });
  test('evicts containers not sampled for a while', () => {
    let now = 0;
    const t = new CpuTracker(400, 60_000, () => now);
    t.next('a', { total: 0, system: 0, onlineCpus: 1 }, 1000);
    now = 61_000;
    t.next('b', { total: 0, system: 0, onlineCpus: 1 }, 62_000);
    expect(t.size).toBe(1);
    expect(t.next('a', { total: 10, system: 100, onlineCpus: 1 }, 63_000)).toBeNull();
  });
});

describe('memory as the CLI shows it', () => {
  test('cgroup v1: usage − total_inactive_file', () => {
    expect(memoryUsage({ usage: 100_000, limit: 1, stats: { total_inactive_file: 30_000, inactive_file: 1 } })).toBe(
      70_000,
    );
  });
  test('cgroup v2: usage − inactive_file', () => {
    expect(memoryUsage({ usage: 100_000, stats: { inactive_file: 40_000, anon: 5 } })).toBe(60_000);
  });
  test('cache larger than usage: usage as is', () => {
    expect(memoryUsage({ usage: 100, stats: { total_inactive_file: 500 } })).toBe(100);
    expect(memoryUsage({ usage: 100, stats: { inactive_file: 500 } })).toBe(100);
  });
  test('no stats at all', () => {
    expect(memoryUsage(undefined)).toBe(0);
    expect(memoryUsage({ usage: 42 })).toBe(42);
  });
  test('percent of limit; 0 without limit', () => {
    expect(memoryPercent(256, 1024)).toBe(25);
    expect(memoryPercent(256, 0)).toBe(0);
  });
});

describe('network and block I/O totals', () => {
  test('sum over interfaces', () => {
    expect(networkTotals({ eth0: { rx_bytes: 10, tx_bytes: 1 }, eth1: { rx_bytes: 5, tx_bytes: 2 } })).toEqual({
      rx: 15,
      tx: 3,
    });
    expect(networkTotals(undefined)).toEqual({ rx: 0, tx: 0 });
  });
  test('sum io_service_bytes_recursive by op (v1 capitalised, v2 lower case)', () => {
    expect(
      blockTotals({
        io_service_bytes_recursive: [
          { op: 'Read', value: 100 },
          { op: 'Write', value: 7 },
          { op: 'Sync', value: 1000 },
          { op: 'Total', value: 107 },
          { op: 'read', value: 1 },
          { op: 'write', value: 2 },
        ],
      }),
    ).toEqual({ read: 101, write: 9 });
    expect(blockTotals({ io_service_bytes_recursive: null })).toEqual({ read: 0, write: 0 });
  });
});

describe('samples', () => {
  const raw: RawStats = {
    read: '2026-01-02T03:04:05.5Z',
    name: '/web',
    id: 'abc',
    pids_stats: { current: 3 },
    cpu_stats: { cpu_usage: { total_usage: 1, percpu_usage: [1, 0, 0, 0] }, system_cpu_usage: 2 },
    memory_stats: { usage: 2048, limit: 4096, stats: { total_inactive_file: 1024 } },
    networks: { eth0: { rx_bytes: 1, tx_bytes: 2 } },
    blkio_stats: { io_service_bytes_recursive: [{ op: 'Read', value: 3 }] },
  };
  test('maps a raw sample', () => {
    expect(toContainerStats('abc', raw, 12.5)).toEqual({
      id: 'abc',
      name: 'web',
      read: Date.parse('2026-01-02T03:04:05.5Z'),
      cpuPercent: 12.5,
      onlineCpus: 4,
      memoryUsage: 1024,
      memoryLimit: 4096,
      memoryPercent: 25,
      netRx: 1,
      netTx: 2,
      blockRead: 3,
      blockWrite: 0,
      pids: 3,
    });
  });
  test('a stopped container answers with a zero read time', () => {
    expect(isRunningSample(raw)).toBe(true);
    expect(isRunningSample({ read: '0001-01-01T00:00:00Z' })).toBe(false);
    expect(isRunningSample({})).toBe(false);
  });
});

describe('top and diff', () => {
  test('top', () => {
    expect(toProcessList({ Titles: ['PID', 'CMD'], Processes: [['1', 'sleep']] })).toEqual({
      titles: ['PID', 'CMD'],
      processes: [['1', 'sleep']],
    });
    expect(toProcessList(null)).toEqual({ titles: [], processes: [] });
  });
  test('diff kinds', () => {
    expect(
      toFileChanges([
        { Path: '/etc', Kind: 0 },
        { Path: '/new', Kind: 1 },
        { Path: '/gone', Kind: 2 },
        { Path: '/weird', Kind: 7 },
      ]),
    ).toEqual([
      { path: '/etc', kind: 'changed' },
      { path: '/new', kind: 'added' },
      { path: '/gone', kind: 'deleted' },
    ]);
    expect(toFileChanges(null)).toEqual([]);
  });
});
