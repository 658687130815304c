import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import type { ServerMessage } from '../../shared/protocol';
import { WS_PROTOCOL, WS_TOKEN_PREFIX } from '../../shared/protocol';
import { formatMs, median } from '../lib/stats';
import type { Measure, WebServerHandle } from '../types';

/**
 * Pulling an image of many small layers from the local registry: `images.pull` over the real
 * web-mode WebSocket (frames acknowledged as the UI does) vs `docker pull`, alternating in the same
 * run, the image removed before every pull. Target: Berth ≤ 1.2× the CLI's wall time.
 */

const LAYERS = 40;
const LAYER_BYTES = 300 * 1024;
const TARGET = 1.2;

/** Subscribes to one stream and resolves when it ends (after a `done` payload), acking every batch. */
function pullOverWire(web: WebServerHandle, ref: string): Promise<{ ms: number; frames: number }> {
  const ws = new WebSocket(`${web.origin.replace(/^http/, 'ws')}/ws`, [WS_PROTOCOL, `${WS_TOKEN_PREFIX}${web.token}`], {
    origin: web.origin,
  });
  return new Promise((resolve, reject) => {
    let t0 = 0;
    let frames = 0;
    let done = false;
    ws.once('error', reject);
    ws.once('open', () => {
      t0 = performance.now();
      ws.send(JSON.stringify({ t: 'subscribe', sub: 's1', channel: 'images.pull', args: { ref } }));
    });
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString('utf8')) as ServerMessage;
      if (msg.t !== 'frame') return;
      if (msg.kind === 'data') {
        frames += msg.payloads.length;
        ws.send(JSON.stringify({ t: 'ack', sub: msg.sub }));
        if (msg.payloads.some((p) => (p as { kind?: string }).kind === 'done')) done = true;
      } else if (msg.kind === 'error') {
        ws.close();
        reject(new Error(`images.pull failed: ${msg.error.code}: ${msg.error.message}`));
      } else {
        const ms = performance.now() - t0;
        ws.close();
        if (done) resolve({ ms, frames });
        else reject(new Error('images.pull ended without a done frame'));
      }
    });
  });
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
      const web = await ctx.web();

      const berthMs: number[] = [];
      const cliMs: number[] = [];
      let frames = 0;
      const rounds = Math.max(3, ctx.options.repeats);
      for (let i = 0; i < rounds && !ctx.signal.aborted; i++) {
        // Alternate who goes first so neither always meets a warmer registry cache.
        const order = i % 2 === 0 ? (['cli', 'berth'] as const) : (['berth', 'cli'] as const);
        for (const who of order) {
          await remove();
          if (who === 'cli') {
            cliMs.push((await ctx.cli(['pull', '-q', ref], { timeoutMs: 600_000 })).ms);
          } else {
            const r = await pullOverWire(web, ref);
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
      await remove();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
