import { performance } from 'node:perf_hooks';
import { runDocker } from '../lib/cli';
import { formatMs, median } from '../lib/stats';
import { connectWire } from '../lib/web';
import type { BenchContext, Measure, ResultRow } from '../types';

const RATIO_TARGET = 2;

type Wire = Awaited<ReturnType<typeof connectWire>>;

/**
 * Switch engine → Containers list ready, over the web-mode WebSocket (no UI): `engines.switch` to the
 * target engine, then `containers.list {all:true}` on it, vs `docker -H <target> ps -a`. Each sample
 * first switches back to the default engine (not timed). The hub keeps an engine it left connected
 * but idle, so repeated switches reuse it; the first switch (a new connection) is printed beside. Two
 * targets:
 *  - the bench engine itself with its bench containers (1,000 by default), added as a second
 *    unix-socket engine: a switch builds a new connection (probe, version negotiation, events), so
 *    this is a switch to a populated engine;
 *  - Podman (BERTH_BENCH_PODMAN_HOST, else BERTH_TEST_PODMAN_HOST) when a socket is given.
 */
export const engineSwitchMeasure: Measure = {
  name: 'engine-switch',
  description: 'engines.switch + containers.list over the WebSocket vs `docker -H <target> ps -a`',
  async run(ctx) {
    const fixtures = await ctx.fixtures();
    const web = await ctx.web();
    const client = await connectWire(web);
    const rows: ResultRow[] = [];
    const samples: Record<string, unknown> = {};
    try {
      const populated = await measureSwitch(ctx, client, ctx.dockerHost, 'Bench engine again');
      rows.push(row(populated, `a populated dockerd, ${fixtures.names.length} bench containers`));
      samples.populated = populated;
      const podman = process.env.BERTH_BENCH_PODMAN_HOST || process.env.BERTH_TEST_PODMAN_HOST;
      if (podman?.startsWith('unix://')) {
        const p = await measureSwitch(ctx, client, podman, 'Bench Podman');
        rows.push(row(p, 'Podman'));
        samples.podman = p;
      } else {
        rows.push({
          measure: 'switch engine → list (Podman: no socket given)',
          berth: '—',
          cli: '—',
          target: 'skipped',
          pass: null,
        });
      }
    } finally {
      client.close();
    }
    return { rows, samples };
  },
};

interface SwitchSamples {
  berthMs: number[];
  berthWarmupMs: number;
  cliMs: number[];
  count: number;
}

function row(s: SwitchSamples, what: string): ResultRow {
  const m = median(s.berthMs);
  const c = median(s.cliMs);
  const ratio = m / c;
  return {
    measure:
      `switch engine → containers list ready (${what}; ${s.count} containers listed, median of ` +
      `${s.berthMs.length}; first switch, new connection: ${formatMs(s.berthWarmupMs)})`,
    berth: formatMs(m),
    cli: formatMs(c),
    target: `≤ ${RATIO_TARGET}× CLI (${ratio.toFixed(2)}×)`,
    pass: ratio <= RATIO_TARGET,
  };
}

async function measureSwitch(ctx: BenchContext, client: Wire, target: string, name: string): Promise<SwitchSamples> {
  const unwrap = async (channel: string, args: unknown): Promise<unknown> => {
    const env = await client.invoke(channel, args);
    if (!env.ok) throw new Error(`${channel} failed: ${env.error.code}: ${env.error.message}`);
    return env.data;
  };
  const cliOnce = async (): Promise<number> => (await runDocker(target, ['ps', '-a'])).ms;
  const added = (await unwrap('engines.add', { kind: 'unix', name, path: target.slice('unix://'.length) })) as {
    id: string;
  };
  let count = 0;
  const once = async (): Promise<number> => {
    await unwrap('engines.switch', { id: 'default' });
    const t0 = performance.now();
    await unwrap('engines.switch', { id: added.id });
    const list = await unwrap('containers.list', { all: true });
    const ms = performance.now() - t0;
    count = Array.isArray(list) ? list.length : -1;
    return ms;
  };
  try {
    await cliOnce();
    const berthWarmupMs = await once();
    // Alternate: both sides see the same machine load.
    const berthMs: number[] = [];
    const cliMs: number[] = [];
    for (let i = 0; i < ctx.options.repeats && !ctx.signal.aborted; i++) {
      berthMs.push(await once());
      cliMs.push(await cliOnce());
    }
    return { berthMs, berthWarmupMs, cliMs, count };
  } finally {
    await unwrap('engines.switch', { id: 'default' });
    await unwrap('engines.remove', { id: added.id });
  }
}
