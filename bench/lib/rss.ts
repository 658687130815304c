import { readFileSync } from 'node:fs';

/** Resident memory of a process, sampled from /proc/<pid>/status (Linux). */

/** VmRSS of `pid` in bytes, or NaN when it cannot be read. */
export function rssBytes(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export interface RssReading {
  /** RSS when sampling started. */
  startBytes: number;
  /** Highest RSS seen while sampling. */
  peakBytes: number;
  samples: number;
}

/** Samples `pid`'s RSS every `everyMs` until the returned function is called. */
export function sampleRss(pid: number, everyMs = 50): () => RssReading {
  const startBytes = rssBytes(pid);
  let peakBytes = startBytes;
  let samples = 1;
  const timer = setInterval(() => {
    const now = rssBytes(pid);
    if (now > peakBytes) peakBytes = now;
    samples++;
  }, everyMs);
  return () => {
    clearInterval(timer);
    const now = rssBytes(pid);
    if (now > peakBytes) peakBytes = now;
    return { startBytes, peakBytes, samples: samples + 1 };
  };
}

export function formatMiB(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(0)} MiB` : 'n/a';
}
