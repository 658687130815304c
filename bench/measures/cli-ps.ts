import type { BenchContext } from '../types';
import { median } from '../lib/stats';

export interface PsTiming {
  samplesMs: number[];
  warmupMs: number;
  medianMs: number;
  /** Containers `docker ps -a -q` reported at the time (all containers on the engine, not only bench ones). */
  engineCount: number;
}

/** `docker ps -a` wall time on the bench engine: 1 warm-up, then the median of `repeats` runs. */
export async function timeDockerPs(ctx: BenchContext): Promise<PsTiming> {
  const warm = await ctx.cli(['ps', '-a']);
  const samplesMs: number[] = [];
  for (let i = 0; i < ctx.options.repeats; i++) samplesMs.push((await ctx.cli(['ps', '-a'])).ms);
  const ids = (await ctx.cli(['ps', '-a', '-q'])).stdout.split('\n').filter(Boolean);
  return { samplesMs, warmupMs: warm.ms, medianMs: median(samplesMs), engineCount: ids.length };
}
