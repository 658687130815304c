import { performance } from 'node:perf_hooks';
import { connectWire } from '../lib/web';
import { formatMs, median } from '../lib/stats';
import type { Measure } from '../types';
import { timeDockerPs } from './cli-ps';

/**
 * Engine side of the list: `containers.list {all:true}` through the real web server's WebSocket
 * (parse + map + serialize + transport), no browser. The floor under the page-load figure.
 */
export const listApiMeasure: Measure = {
  name: 'list-api',
  description: 'containers.list over the web-mode WebSocket (no UI) vs `docker ps -a`',
  async run(ctx) {
    const fixtures = await ctx.fixtures();
    const ps = await timeDockerPs(ctx);
    const web = await ctx.web();
    const client = await connectWire(web);
    const samplesMs: number[] = [];
    let count = 0;
    try {
      const once = async (): Promise<number> => {
        const t0 = performance.now();
        const env = await client.invoke('containers.list', { all: true });
        const ms = performance.now() - t0;
        if (!env.ok) throw new Error(`containers.list failed: ${env.error.code}: ${env.error.message}`);
        count = Array.isArray(env.data) ? env.data.length : -1;
        return ms;
      };
      const warmupMs = await once();
      for (let i = 0; i < ctx.options.repeats; i++) samplesMs.push(await once());
      if (count < fixtures.names.length) {
        throw new Error(`containers.list returned ${count} containers, expected at least ${fixtures.names.length}`);
      }
      const m = median(samplesMs);
      const ratio = m / ps.medianMs;
      return {
        rows: [
          {
            measure: `containers.list over WebSocket, ${count} containers (median of ${samplesMs.length})`,
            berth: formatMs(m),
            cli: formatMs(ps.medianMs),
            target: `${ratio.toFixed(2)}× CLI (info)`,
            pass: null,
          },
        ],
        samples: { berthMs: samplesMs, berthWarmupMs: warmupMs, cliMs: ps.samplesMs, cliWarmupMs: ps.warmupMs, count },
      };
    } finally {
      client.close();
    }
  },
};
