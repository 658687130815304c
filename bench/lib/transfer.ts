import { performance } from 'node:perf_hooks';
import type { WireClient } from './web';

/** Helpers shared by the file-copy and volume-backup measures. */

export const GiB = 1024 * 1024 * 1024;

/** One stream over the wire, timed from subscribe to end; returns its last payload (the `done` frame). */
export async function timedStream(
  client: WireClient,
  channel: string,
  args: unknown,
): Promise<{ ms: number; done: Record<string, unknown> }> {
  const t0 = performance.now();
  const payloads = await client.stream(channel, args);
  const ms = performance.now() - t0;
  const done = payloads.at(-1) as Record<string, unknown> | undefined;
  if (done?.type !== 'done') throw new Error(`${channel} ended without a done frame`);
  return { ms, done };
}

/** `berth` then `cli`, swapped every other round, so neither always runs on a warm cache. */
export function roundOrder(round: number): readonly ('berth' | 'cli')[] {
  return round % 2 ? ['cli', 'berth'] : ['berth', 'cli'];
}

export function mibPerSecond(bytes: number, ms: number): string {
  return `${(bytes / 1024 / 1024 / (ms / 1000)).toFixed(0)} MiB/s`;
}
