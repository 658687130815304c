import { performance } from 'node:perf_hooks';
import { runDocker } from '../lib/cli';
import { formatMs, median } from '../lib/stats';
import { connectWire } from '../lib/web';
import type { Measure } from '../types';

const RATIO_TARGET = 2;

/**
 * Switch engine → Containers list ready, over the web-mode WebSocket (no UI): `engines.switch` to the
 * target engine, then `containers.list {all:true}` on it, vs `docker -H <target> ps -a`. The target
 * is Podman (BERTH_BENCH_PODMAN_HOST, else BERTH_TEST_PODMAN_HOST), added as a unix-socket engine;
 * each sample first switches back to the bench engine (not timed).
 */
export const engineSwitchMeasure: Measure = {
  name: 'engine-switch',
  description: 'engines.switch + containers.list over the WebSocket vs `docker -H <target> ps -a`',
  async run(ctx) {
    const target = process.env.BERTH_BENCH_PODMAN_HOST || process.env.BERTH_TEST_PODMAN_HOST;
    if (!target?.startsWith('unix://')) {
      return {
        rows: [
          {
            measure: 'switch engine → list (no Podman socket given)',
            berth: '—',
            cli: '—',
            target: 'skipped',
            pass: null,
          },
        ],
        samples: {},
      };
    }
    const cliOnce = async (): Promise<number> => (await runDocker(target, ['ps', '-a'])).ms;
    await cliOnce();
    const cliMs: number[] = [];
    for (let i = 0; i < ctx.options.repeats; i++) cliMs.push(await cliOnce());

    const web = await ctx.web();
    const client = await connectWire(web);
    const samplesMs: number[] = [];
    let count = 0;
    try {
      const unwrap = async (channel: string, args: unknown): Promise<unknown> => {
        const env = await client.invoke(channel, args);
        if (!env.ok) throw new Error(`${channel} failed: ${env.error.code}: ${env.error.message}`);
        return env.data;
      };
      const added = (await unwrap('engines.add', {
        kind: 'unix',
        name: 'Bench target',
        path: target.slice('unix://'.length),
      })) as { id: string };
      const once = async (): Promise<number> => {
        await unwrap('engines.switch', { id: 'default' });
        const t0 = performance.now();
        await unwrap('engines.switch', { id: added.id });
        const list = await unwrap('containers.list', { all: true });
        const ms = performance.now() - t0;
        count = Array.isArray(list) ? list.length : -1;
        return ms;
      };
      const warmupMs = await once();
      for (let i = 0; i < ctx.options.repeats; i++) samplesMs.push(await once());
      await unwrap('engines.switch', { id: 'default' });
      await unwrap('engines.remove', { id: added.id });
      const m = median(samplesMs);
      const c = median(cliMs);
      const ratio = m / c;
      return {
        rows: [
          {
            measure: `switch engine → containers list ready (${count} containers on the target, median of ${samplesMs.length})`,
            berth: formatMs(m),
            cli: formatMs(c),
            target: `≤ ${RATIO_TARGET}× CLI (${ratio.toFixed(2)}×)`,
            pass: ratio <= RATIO_TARGET,
          },
        ],
        samples: { berthMs: samplesMs, berthWarmupMs: warmupMs, cliMs, count },
      };
    } finally {
      client.close();
    }
  },
};
