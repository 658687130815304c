import type { ContainerStats } from '../../shared/models';
import { formatBytes } from './format';

/**
 * Pure stats presentation: rates from two samples, the 5-minute history the charts draw, and
 * formatters. The CPU % and memory math itself follows the docker CLI and happens where the raw
 * engine sample is (electron/engine/stats.ts), because one-shot samples need the previous sample.
 * Unit-tested in test/unit/stats/presentation.test.ts.
 *
 *   rate(prev, cur, 'netRx')   → 1234.5 (bytes/s) or null
 *   formatPercent(12.345)      → '12.3%'
 *   formatRate(2048)           → '2 KiB/s'
 */

export type CounterKey = 'netRx' | 'netTx' | 'blockRead' | 'blockWrite';

/**
 * Per-second rate of a cumulative counter between two samples of the same container. Null without
 * a previous sample, when time did not advance, or when the counter went backwards (restart).
 */
export function rate(prev: ContainerStats | undefined, cur: ContainerStats, key: CounterKey): number | null {
  if (!prev) return null;
  const dt = (cur.read - prev.read) / 1000;
  if (!(dt > 0)) return null;
  const d = cur[key] - prev[key];
  if (d < 0) return null;
  return d / dt;
}

export function formatPercent(p: number | null | undefined, digits = 1): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return `${p.toFixed(p >= 100 ? 0 : digits)}%`;
}

export function formatRate(bytesPerSec: number | null | undefined): string {
  if (bytesPerSec === null || bytesPerSec === undefined || !Number.isFinite(bytesPerSec)) return '—';
  return `${formatBytes(bytesPerSec)}/s`;
}

/** "12.4 MiB / 1.5 GiB" — or just the usage when there is no limit. */
export function formatMemory(s: Pick<ContainerStats, 'memoryUsage' | 'memoryLimit'>): string {
  return s.memoryLimit > 0
    ? `${formatBytes(s.memoryUsage)} / ${formatBytes(s.memoryLimit)}`
    : formatBytes(s.memoryUsage);
}

/** Columnar history for uPlot: x in epoch seconds, then one series per array (null = gap). */
export interface StatsHistory {
  t: number[];
  cpu: (number | null)[];
  mem: number[];
  rx: (number | null)[];
  tx: (number | null)[];
  read: (number | null)[];
  write: (number | null)[];
}

export const HISTORY_WINDOW_MS = 5 * 60 * 1000;

export function emptyHistory(): StatsHistory {
  return { t: [], cpu: [], mem: [], rx: [], tx: [], read: [], write: [] };
}

/**
 * Appends a sample (with rates against `prev`) and drops points older than `windowMs` before the
 * newest. Mutates and returns `h` (charts redraw from the same arrays without copying every second).
 * A sample older than or equal to the last point is ignored.
 */
export function appendSample(
  h: StatsHistory,
  prev: ContainerStats | undefined,
  cur: ContainerStats,
  windowMs = HISTORY_WINDOW_MS,
): StatsHistory {
  const t = cur.read / 1000;
  const last = h.t[h.t.length - 1];
  if (last !== undefined && t <= last) return h;
  h.t.push(t);
  h.cpu.push(cur.cpuPercent);
  h.mem.push(cur.memoryUsage);
  h.rx.push(rate(prev, cur, 'netRx'));
  h.tx.push(rate(prev, cur, 'netTx'));
  h.read.push(rate(prev, cur, 'blockRead'));
  h.write.push(rate(prev, cur, 'blockWrite'));
  const cutoff = t - windowMs / 1000;
  let drop = 0;
  while (drop < h.t.length && (h.t[drop] as number) < cutoff) drop++;
  if (drop > 0) for (const arr of Object.values(h) as unknown[][]) arr.splice(0, drop);
  return h;
}
