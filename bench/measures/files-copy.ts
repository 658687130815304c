import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_IMAGE, BENCH_LABEL, BENCH_NAME_PREFIX } from '../lib/fixtures';
import { formatMiB, sampleRss, type RssReading } from '../lib/rss';
import { formatMs, median } from '../lib/stats';
import { GiB, mibPerSecond, roundOrder, timedStream } from '../lib/transfer';
import { connectWire } from '../lib/web';
import type { Measure, MeasureResult, ResultRow } from '../types';

/**
 * `docker cp` both ways with a 1 GiB file: files.download and files.upload over the real web-mode
 * WebSocket (the server writes and reads the host file, as in the app) vs `docker cp` on the same
 * engine, alternating in the same run. Targets: Berth ≤ 1.2× the CLI. The web server's RSS is sampled
 * every 50 ms during Berth's copies: it must stay flat (streamed, never buffered).
 */

const TARGET = 1.2;
/** RSS growth above the starting figure that still counts as flat. */
const FLAT_BYTES = 100 * 1024 * 1024;
const SIZE = GiB;
const NAME = `${BENCH_NAME_PREFIX}files-copy`;

export const filesCopyMeasure: Measure = {
  name: 'files-copy',
  description: 'download and upload of a 1 GiB file (files.download/upload over WebSocket) vs `docker cp`',
  async run(ctx) {
    const host = await mkdtemp(join(tmpdir(), 'berth-bench-cp-'));
    const rounds = Math.max(3, Math.min(ctx.options.repeats, 5));
    try {
      ctx.log(`creating ${NAME} with a 1 GiB file of random bytes (setup, not measured)…`);
      await ctx.cli(['rm', '-f', NAME], { allowFail: true });
      await ctx.cli(['run', '-d', '--name', NAME, '--label', `${BENCH_LABEL}=1`, BENCH_IMAGE, 'sleep', '86400']);
      await ctx.cli(
        ['exec', NAME, 'sh', '-c', `mkdir -p /data /up-berth /up-cli && head -c ${SIZE} /dev/urandom > /data/big`],
        { timeoutMs: 300_000 },
      );
      const client = await connectWire(await ctx.web());
      const pid = (await ctx.web()).pid;
      const target = { kind: 'container', id: NAME };
      const readings: RssReading[] = [];
      const underRss = async <T>(fn: () => Promise<T>): Promise<T> => {
        const stop = sampleRss(pid);
        try {
          return await fn();
        } finally {
          readings.push(stop());
        }
      };
      const down = { berth: [] as number[], cli: [] as number[] };
      const up = { berth: [] as number[], cli: [] as number[] };
      const src = join(host, 'src', 'big');
      try {
        for (let r = 0; r < rounds; r++) {
          ctx.signal.throwIfAborted();
          for (const who of roundOrder(r)) {
            const dest = join(host, `${who}-big`);
            if (who === 'berth') {
              const { ms, done } = await underRss(() =>
                timedStream(client, 'files.download', { target, path: { text: '/data/big' }, dest, overwrite: true }),
              );
              if (done.bytes !== SIZE) throw new Error(`files.download wrote ${String(done.bytes)} bytes`);
              down.berth.push(ms);
            } else {
              down.cli.push((await ctx.cli(['cp', `${NAME}:/data/big`, dest], { timeoutMs: 600_000 })).ms);
            }
            const size = (await stat(dest)).size;
            if (size !== SIZE) throw new Error(`${who} download left ${size} bytes on disk`);
            if (r === 0 && who === 'berth') {
              await mkdir(join(host, 'src'));
              await rename(dest, src);
            } else await rm(dest, { force: true });
          }
          for (const who of roundOrder(r)) {
            const dir = `/up-${who}`;
            await ctx.cli(['exec', NAME, 'rm', '-f', `${dir}/big`]);
            if (who === 'berth') {
              const source = { kind: 'host', paths: [src] };
              const { ms } = await underRss(() =>
                timedStream(client, 'files.upload', { target, dir: { text: dir }, source, overwrite: true }),
              );
              up.berth.push(ms);
            } else {
              up.cli.push((await ctx.cli(['cp', src, `${NAME}:${dir}/`], { timeoutMs: 600_000 })).ms);
            }
            const size = Number((await ctx.cli(['exec', NAME, 'stat', '-c', '%s', `${dir}/big`])).stdout.trim());
            if (size !== SIZE) throw new Error(`${who} upload left ${size} bytes in the container`);
          }
        }
      } finally {
        client.close();
      }
      return copyResult(down, up, readings);
    } finally {
      await ctx.cli(['rm', '-f', NAME], { allowFail: true });
      await rm(host, { recursive: true, force: true });
    }
  },
};

function copyRow(what: string, runs: { berth: number[]; cli: number[] }): ResultRow {
  const b = median(runs.berth);
  const c = median(runs.cli);
  const ratio = b / c;
  return {
    measure: `${what} a 1 GiB file (median of ${runs.berth.length}; Berth ${mibPerSecond(SIZE, b)})`,
    berth: formatMs(b),
    cli: formatMs(c),
    target: `${ratio.toFixed(2)}× (≤ ${TARGET}×)`,
    pass: ratio <= TARGET,
  };
}

function copyResult(
  down: { berth: number[]; cli: number[] },
  up: { berth: number[]; cli: number[] },
  readings: RssReading[],
): MeasureResult {
  const start = Math.min(...readings.map((r) => r.startBytes));
  const peak = Math.max(...readings.map((r) => r.peakBytes));
  return {
    rows: [
      copyRow('download (files.download vs docker cp CONTAINER:path host)', down),
      copyRow('upload (files.upload vs docker cp host CONTAINER:path)', up),
      {
        measure: `web server RSS during the ${readings.length} Berth copies (sampled every 50 ms)`,
        berth: `peak ${formatMiB(peak)}`,
        cli: '—',
        target: `start ${formatMiB(start)}, +${formatMiB(peak - start)} (≤ +${formatMiB(FLAT_BYTES)})`,
        pass: peak - start <= FLAT_BYTES,
      },
    ],
    samples: { downloadMs: down, uploadMs: up, sizeBytes: SIZE, rss: readings },
    notes: [
      'Berth: files.download / files.upload over the web-mode WebSocket, subscribe → end frame; the server reads and writes the host file.',
      'CLI: `docker cp` wall time (process start to exit). Outputs are checked for size and removed between runs.',
    ],
  };
}
