import { describe, expect, test } from 'vitest';
import type { ContainerStats } from '../../../shared/models';
import {
  appendSample,
  emptyHistory,
  formatMemory,
  formatPercent,
  formatRate,
  rate,
} from '../../../renderer/presentation/stats';

function sample(read: number, over: Partial<ContainerStats> = {}): ContainerStats {
  return {
    id: 'a',
    name: 'a',
    read,
    cpuPercent: 10,
    onlineCpus: 2,
    memoryUsage: 1024,
    memoryLimit: 0,
    memoryPercent: 0,
    netRx: 0,
    netTx: 0,
    blockRead: 0,
    blockWrite: 0,
    pids: 1,
    ...over,
  };
}

describe('rate', () => {
  test('bytes per second between two samples', () => {
    expect(rate(sample(1000, { netRx: 100 }), sample(3000, { netRx: 4100 }), 'netRx')).toBe(2000);
  });
  test('null without a previous sample, without elapsed time, or after a counter reset', () => {
    expect(rate(undefined, sample(1000), 'netTx')).toBeNull();
    expect(rate(sample(1000), sample(1000), 'netTx')).toBeNull();
    expect(rate(sample(1000, { blockRead: 50 }), sample(2000, { blockRead: 10 }), 'blockRead')).toBeNull();
  });
});

describe('formatters', () => {
  test('percent', () => {
    expect(formatPercent(12.345)).toBe('12.3%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(153.7)).toBe('154%');
    expect(formatPercent(null)).toBe('—');
  });
  test('rate', () => {
    expect(formatRate(2048)).toBe('2 KiB/s');
    expect(formatRate(null)).toBe('—');
  });
  test('memory', () => {
    expect(formatMemory({ memoryUsage: 1024 * 1024, memoryLimit: 1024 * 1024 * 1024 })).toBe('1 MiB / 1 GiB');
    expect(formatMemory({ memoryUsage: 1024, memoryLimit: 0 })).toBe('1 KiB');
  });
});

describe('history', () => {
  test('appends with rates and keeps only the window', () => {
    const h = emptyHistory();
    let prev: ContainerStats | undefined;
    for (let i = 0; i < 10; i++) {
      const cur = sample(i * 1000, { netRx: i * 500 });
      appendSample(h, prev, cur, 5000);
      prev = cur;
    }
    expect(h.t).toEqual([4, 5, 6, 7, 8, 9]);
    expect(h.rx).toEqual([500, 500, 500, 500, 500, 500]);
    expect(h.cpu.length).toBe(6);
    expect(h.write.length).toBe(6);
  });
  test('first point has no rate; out-of-order samples are ignored', () => {
    const h = emptyHistory();
    appendSample(h, undefined, sample(2000));
    appendSample(h, undefined, sample(1000));
    expect(h.t).toEqual([2]);
    expect(h.rx).toEqual([null]);
  });
});
