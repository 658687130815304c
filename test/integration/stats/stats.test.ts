import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ContainerStats } from '../../../shared/models';
import { TEST_IMAGE, createTracker, docker, requireEngine, uniqueName, waitFor } from '../../helpers/engine';
import { createStack, type Stack } from '../handlers/harness';

/**
 * Stats, top and diff through the real dispatcher + Engine + handlers, compared with what the docker
 * CLI reports for the same containers.
 */

const tracker = createTracker();
let stack: Stack;
let busy: string;
let busyId: string;
let idle: string;
let stopped: string;

const UNITS: Record<string, number> = {
  B: 1,
  KIB: 1024,
  MIB: 1024 ** 2,
  GIB: 1024 ** 3,
  TIB: 1024 ** 4,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
};

/** "540KiB" → 552960 (the CLI's binary units). */
function parseCliBytes(text: string): number {
  const m = /^([\d.]+)\s*([A-Za-z]+)$/.exec(text.trim());
  if (!m) throw new Error(`cannot parse ${text}`);
  const unit = UNITS[(m[2] ?? '').toUpperCase()];
  if (unit === undefined) throw new Error(`unknown unit in ${text}`);
  return Number(m[1]) * unit;
}

async function cliStats(name: string): Promise<{ cpu: number; mem: number; limit: number; pids: number }> {
  const { stdout } = await docker(['stats', '--no-stream', '--format', '{{.CPUPerc}}|{{.MemUsage}}|{{.PIDs}}', name]);
  const [cpu, mem, pids] = stdout.trim().split('|');
  const [used, limit] = (mem ?? '').split('/');
  return {
    cpu: Number.parseFloat(cpu ?? ''),
    mem: parseCliBytes(used ?? ''),
    limit: parseCliBytes(limit ?? ''),
    pids: Number(pids),
  };
}

async function berthSample(id: string): Promise<ContainerStats> {
  // The first one-shot sample only seeds the CPU baseline; the next one has a CPU %.
  await stack.call('containers.stats', { ids: [id] });
  await new Promise((r) => setTimeout(r, 1000));
  const [s] = await stack.call('containers.stats', { ids: [id] });
  if (!s) throw new Error(`no stats for ${id}`);
  return s;
}

beforeAll(async () => {
  requireEngine();
  stack = createStack();
  busy = tracker.container(uniqueName('stats-busy'));
  idle = tracker.container(uniqueName('stats-idle'));
  stopped = tracker.container(uniqueName('stats-stopped'));
  busyId = (
    await docker(['run', '-d', '--name', busy, '--cpus', '0.5', TEST_IMAGE, 'sh', '-c', 'while :; do :; done'])
  ).stdout.trim();
  await docker(['run', '-d', '--name', idle, '--memory', '64m', TEST_IMAGE, 'sleep', '600']);
  await docker(['create', '--name', stopped, TEST_IMAGE, 'sleep', '600']);
  // Let the busy loop reach its quota before measuring.
  await new Promise((r) => setTimeout(r, 1500));
});

afterAll(async () => {
  stack?.close();
  await tracker.cleanup();
});

describe('containers.stats', () => {
  test('CPU % of a busy container matches docker stats (--cpus 0.5 → ~50 %)', async () => {
    const [berth, cli] = await Promise.all([berthSample(busyId), cliStats(busy)]);
    expect(berth.id).toBe(busyId);
    expect(berth.name).toBe(busy);
    expect(berth.cpuPercent).not.toBeNull();
    expect(cli.cpu).toBeGreaterThan(35);
    expect(Math.abs((berth.cpuPercent ?? 0) - cli.cpu)).toBeLessThan(12);
    expect(berth.cpuPercent).toBeGreaterThan(38);
    expect(berth.cpuPercent).toBeLessThan(62);
    expect(berth.pids).toBe(cli.pids);
  });

  test('memory usage and limit match docker stats', async () => {
    const [berth, cli] = await Promise.all([berthSample(idle), cliStats(idle)]);
    expect(berth.memoryLimit).toBe(64 * 1024 * 1024);
    expect(Math.abs(berth.memoryLimit - cli.limit)).toBeLessThan(1024);
    // The CLI rounds to 3 significant digits; allow that plus a little drift between the two reads.
    expect(Math.abs(berth.memoryUsage - cli.mem)).toBeLessThan(Math.max(64 * 1024, cli.mem * 0.05));
    expect(berth.memoryPercent).toBeCloseTo((berth.memoryUsage / berth.memoryLimit) * 100, 6);
    expect(berth.cpuPercent).not.toBeNull();
    expect(berth.cpuPercent).toBeLessThan(5);
  });

  test('network counters come from the container interfaces', async () => {
    const [s] = await stack.call('containers.stats', { ids: [idle] });
    expect(s).toBeDefined();
    // Docker's bridge network delivers a few packets (router solicitations) soon after start; at least
    // the counters must be non-negative numbers and never decrease.
    await new Promise((r) => setTimeout(r, 300));
    const [s2] = await stack.call('containers.stats', { ids: [idle] });
    expect(s2!.netRx).toBeGreaterThanOrEqual(s!.netRx);
    expect(s2!.blockRead).toBeGreaterThanOrEqual(0);
  });

  test('stopped and unknown containers are left out; running ones in the same call are answered', async () => {
    const res = await stack.call('containers.stats', { ids: [stopped, 'berth-no-such-container', busy, idle] });
    expect(res.map((s) => s.name).sort()).toEqual([busy, idle].sort());
    expect(await stack.call('containers.stats', { ids: [stopped] })).toEqual([]);
  });

  test('more than 100 ids is refused before the engine is asked', async () => {
    const err = await stack.fail('containers.stats', { ids: Array.from({ length: 101 }, (_, i) => `x${i}`) });
    expect(err.code).toBe('INVALID_ARGUMENT');
  });
});

describe('containers.statsWatch', () => {
  test('emits about one sample per second with CPU % from the second sample on', async () => {
    const sub = stack.subscribe('containers.statsWatch', { id: busy });
    try {
      const started = Date.now();
      await sub.waitFor((_p) => sub.payloads.length >= 3, { timeoutMs: 8000 });
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThan(1500);
      const withCpu = sub.payloads.filter((p) => p.cpuPercent !== null);
      expect(withCpu.length).toBeGreaterThanOrEqual(1);
      expect(withCpu.at(-1)!.cpuPercent).toBeGreaterThan(30);
      const reads = sub.payloads.map((p) => p.read);
      for (let i = 1; i < reads.length; i++) expect(reads[i]! - reads[i - 1]!).toBeGreaterThan(700);
    } finally {
      sub.unsubscribe();
    }
    expect(stack.session.activeStreams).toBe(0);
  });

  test('a stopped container ends the stream with a clear CONFLICT', async () => {
    const sub = stack.subscribe('containers.statsWatch', { id: stopped });
    await waitFor(() => sub.frames.some((f) => f.kind === 'error'), { timeoutMs: 5000 });
    const frame = sub.frames.find((f) => f.kind === 'error');
    expect(frame && frame.kind === 'error' && frame.error.code).toBe('CONFLICT');
    expect(frame && frame.kind === 'error' && frame.error.message).toMatch(/not running/);
    sub.unsubscribe();
  });

  test('an unknown container is NOT_FOUND', async () => {
    const sub = stack.subscribe('containers.statsWatch', { id: 'berth-no-such-container' });
    await waitFor(() => sub.frames.some((f) => f.kind === 'error'), { timeoutMs: 5000 });
    const frame = sub.frames.find((f) => f.kind === 'error');
    expect(frame && frame.kind === 'error' && frame.error.code).toBe('NOT_FOUND');
    sub.unsubscribe();
  });
});

describe('containers.top', () => {
  test('lists the busy loop', async () => {
    const top = await stack.call('containers.top', { id: busy });
    expect(top.titles).toContain('PID');
    const cmd = top.titles.indexOf('CMD');
    expect(top.processes.some((p) => (p[cmd] ?? '').includes('while :'))).toBe(true);
  });
  test('psArgs are passed to ps', async () => {
    const top = await stack.call('containers.top', { id: busy, psArgs: '-o pid,comm' });
    expect(top.titles).toEqual(['PID', 'COMMAND']);
    expect(top.processes.length).toBeGreaterThan(0);
  });
  test('psArgs with shell characters are refused', async () => {
    expect((await stack.fail('containers.top', { id: busy, psArgs: 'aux; rm -rf /' })).code).toBe('INVALID_ARGUMENT');
  });
  test('a stopped container gives the engine reason', async () => {
    const err = await stack.fail('containers.top', { id: stopped });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/is not running/);
  });
});

describe('containers.changes', () => {
  test('lists an added file and a deleted one', async () => {
    await docker(['exec', idle, 'sh', '-c', 'touch /newfile && rm /bin/cat']);
    const changes = await stack.call('containers.changes', { id: idle });
    expect(changes).toContainEqual({ path: '/newfile', kind: 'added' });
    expect(changes).toContainEqual({ path: '/bin/cat', kind: 'deleted' });
    expect(changes).toContainEqual({ path: '/bin', kind: 'changed' });
  });
  test('a container without changes gives an empty list', async () => {
    expect(await stack.call('containers.changes', { id: stopped })).toEqual([]);
  });
  test('unknown container is NOT_FOUND', async () => {
    expect((await stack.fail('containers.changes', { id: 'berth-no-such-container' })).code).toBe('NOT_FOUND');
  });
});
