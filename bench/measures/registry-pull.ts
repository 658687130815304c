import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { formatMs, median } from '../lib/stats';
import { roundOrder } from '../lib/transfer';
import { connectWire, type WireClient } from '../lib/web';
import type { Measure } from '../types';

/**
 * Pulling an image of many small layers from the local registry: `images.pull` over the real
 * web-mode WebSocket (frames acknowledged as the UI does) vs `docker pull`, alternating in the same
 * run, the image removed before every pull. Target: Berth ≤ 1.2× the CLI's wall time.
 */

const LAYERS = 40;
const LAYER_BYTES = 300 * 1024;
const TARGET = 1.2;

/** One pull over the wire: resolves when the stream ends, which must follow a `done` payload. */
async function pullOverWire(client: WireClient, ref: string): Promise<{ ms: number; frames: number }> {
  const t0 = performance.now();
  const payloads = await client.stream('images.pull', { ref });
  const ms = performance.now() - t0;
  if (!payloads.some((p) => (p as { kind?: string }).kind === 'done')) {
    throw new Error('images.pull ended without a done frame');
  }
  return { ms, frames: payloads.length };
}

export const registryPullMeasure: Measure = {
  name: 'registry-pull',
  description: `pull a ${LAYERS}-layer image from the local registry: images.pull over WebSocket vs \`docker pull\``,
  async run(ctx) {
    const registry = process.env.BERTH_BENCH_REGISTRY;
    if (!registry) throw new Error('BERTH_BENCH_REGISTRY is not set (scripts/bench.mjs starts scripts/registry.sh)');
    const ref = `${registry}/berth-bench-layers-${randomBytes(4).toString('hex')}:v1`;
    const dir = await mkdtemp(join(tmpdir(), 'berth-bench-layers-'));
    const remove = () => ctx.cli(['image', 'rm', '-f', ref], { allowFail: true });
    let client: WireClient | undefined;
    try {
      // Setup (not measured): a build context of LAYERS random files, one COPY per layer.
      const lines = ['FROM busybox:latest', 'LABEL berth.bench=1'];
      for (let i = 0; i < LAYERS; i++) {
        await writeFile(join(dir, `f${i}`), randomBytes(LAYER_BYTES));
        lines.push(`COPY f${i} /data/f${i}`);
      }
      await writeFile(join(dir, 'Dockerfile'), `${lines.join('\n')}\n`);
      ctx.log(`building ${ref} (${LAYERS} layers of ${LAYER_BYTES / 1024} KiB) and pushing it…`);
      await ctx.cli(['build', '-q', '-t', ref, dir], { timeoutMs: 600_000 });
      await ctx.cli(['push', '-q', ref], { timeoutMs: 600_000 });
      client = await connectWire(await ctx.web());
      const wire = client;

      const berthMs: number[] = [];
      const cliMs: number[] = [];
      let frames = 0;
      const rounds = Math.max(3, ctx.options.repeats);
      for (let i = 0; i < rounds && !ctx.signal.aborted; i++) {
        // Alternate who goes first so neither always meets a warmer registry cache.
        for (const who of roundOrder(i + 1)) {
          await remove();
          if (who === 'cli') {
            cliMs.push((await ctx.cli(['pull', '-q', ref], { timeoutMs: 600_000 })).ms);
          } else {
            const r = await pullOverWire(wire, ref);
            berthMs.push(r.ms);
            frames = r.frames;
          }
          const check = await ctx.cli(['image', 'inspect', '--format', '{{len .RootFS.Layers}}', ref]);
          if (Number(check.stdout.trim()) < LAYERS) throw new Error(`${who} pull left ${check.stdout.trim()} layers`);
        }
      }
      const b = median(berthMs);
      const c = median(cliMs);
      const ratio = b / c;
      return {
        rows: [
          {
            measure: `pull ${LAYERS}-layer image (${((LAYERS * LAYER_BYTES) / 1024 / 1024).toFixed(1)} MiB) from local registry (median of ${berthMs.length})`,
            berth: formatMs(b),
            cli: formatMs(c),
            target: `${ratio.toFixed(2)}× (≤ ${TARGET}×)`,
            pass: ratio <= TARGET,
          },
        ],
        samples: { berthMs, cliMs, layers: LAYERS, layerBytes: LAYER_BYTES, lastPullFrames: frames },
        notes: [
          'Berth: images.pull over the web-mode WebSocket, subscribe → end frame, every batch acknowledged.',
          'CLI: `docker pull -q` wall time (process start to exit). The image is removed before every pull.',
        ],
      };
    } finally {
      client?.close();
      await remove();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
