import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ContainerStats } from '../../../shared/models';
import { StatsPoller } from '../../../renderer/features/stats/listStatsPoller';

function sample(id: string): ContainerStats {
  return {
    id,
    name: id,
    read: Date.now(),
    cpuPercent: 1,
    onlineCpus: 1,
    memoryUsage: 1,
    memoryLimit: 0,
    memoryPercent: 0,
    netRx: 0,
    netTx: 0,
    blockRead: 0,
    blockWrite: 0,
    pids: 1,
  };
}

describe('StatsPoller', () => {
  let calls: Array<{ at: number; ids: string[] }>;
  let data: string[][];
  let poller: StatsPoller;

  beforeEach(() => {
    vi.useFakeTimers();
    calls = [];
    data = [];
    poller = new StatsPoller({
      fetch: async (ids) => {
        calls.push({ at: Date.now(), ids });
        return ids.filter((id) => !id.startsWith('stopped')).map(sample);
      },
      onData: (samples) => data.push(samples.map((s) => s.id)),
      intervalMs: 1000,
    });
  });
  afterEach(() => {
    poller.stop();
    vi.useRealTimers();
  });

  test('no ids, no requests', async () => {
    poller.setIds([]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(0);
    expect(poller.active).toBe(false);
  });

  test('one request for all ids at once, then at most once a second', async () => {
    const t0 = Date.now();
    poller.setIds(['a', 'b', 'stopped-c']);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.ids).toEqual(['a', 'b', 'stopped-c']);
    expect(data[0]).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(3500);
    expect(calls.map((c) => c.at - t0)).toEqual([0, 1000, 2000, 3000]);
  });

  test('changing ids (scrolling) does not add requests beyond one per second, and uses the new ids', async () => {
    poller.setIds(['a']);
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 20; i++) {
      poller.setIds([`r${i}`]);
      await vi.advanceTimersByTimeAsync(40);
    }
    // 800 ms of scrolling: still only the first request.
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(250);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.ids).toEqual(['r19']);
  });

  test('hidden page: nothing; visible again: resumes', async () => {
    poller.setIds(['a']);
    await vi.advanceTimersByTimeAsync(0);
    poller.setHidden(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(1);
    expect(poller.active).toBe(false);
    poller.setHidden(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(2);
  });

  test('never two requests in flight; a slow answer delays the next one', async () => {
    let release: (() => void) | undefined;
    const slow = new StatsPoller({
      fetch: (ids) =>
        new Promise((resolve) => {
          calls.push({ at: Date.now(), ids });
          release = () => resolve([]);
        }),
      onData: () => undefined,
      intervalMs: 1000,
    });
    slow.setIds(['a']);
    await vi.advanceTimersByTimeAsync(3000);
    expect(calls).toHaveLength(1);
    release?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(2);
    slow.stop();
  });

  test('errors are reported and polling goes on; stop() ends it', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const flaky = new StatsPoller({
      fetch: async () => {
        n++;
        if (n === 1) throw new Error('engine gone');
        return [];
      },
      onData: () => undefined,
      onError: (e) => errors.push(e),
    });
    flaky.setIds(['a']);
    await vi.advanceTimersByTimeAsync(1500);
    expect(errors).toHaveLength(1);
    expect(n).toBe(2);
    flaky.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(n).toBe(2);
  });

  test('many rows stretch the period to keep about 8 container samples per second (1 s … 3 s)', async () => {
    expect(poller.periodFor(1)).toBe(1000);
    expect(poller.periodFor(8)).toBe(1000);
    expect(poller.periodFor(16)).toBe(2000);
    expect(poller.periodFor(24)).toBe(3000);
    expect(poller.periodFor(100)).toBe(3000);
    const t0 = Date.now();
    poller.setIds(Array.from({ length: 16 }, (_, i) => `c${i}`));
    await vi.advanceTimersByTimeAsync(6500);
    expect(calls.map((c) => c.at - t0)).toEqual([0, 2000, 4000, 6000]);
  });

  test('at most 100 ids per request', async () => {
    poller.setIds(Array.from({ length: 150 }, (_, i) => `c${i}`));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls[0]!.ids).toHaveLength(100);
  });
});
