import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDockerToFile } from '../lib/cli';
import { BENCH_IMAGE, BENCH_LABEL, BENCH_NAME_PREFIX } from '../lib/fixtures';
import { formatMiB, sampleRss, type RssReading } from '../lib/rss';
import { formatMs, median } from '../lib/stats';
import { GiB, mibPerSecond, roundOrder, timedStream } from '../lib/transfer';
import { connectWire } from '../lib/web';
import type { Measure } from '../types';

/**
 * Backing up a 1 GiB volume to a .tar on disk: volumes.backup over the web-mode WebSocket (a
 * created-never-started helper container, the archive API, the server writing the file) vs the usual
 * `docker run --rm -v VOL:/v busybox tar c /v > file`, alternating in the same run. Target ≤ 1.2×.
 */

const TARGET = 1.2;
const SIZE = GiB;
const VOLUME = `${BENCH_NAME_PREFIX}volume`;

export const volumeBackupMeasure: Measure = {
  name: 'volume-backup',
  description: 'backup of a 1 GiB volume (volumes.backup over WebSocket) vs `docker run --rm -v … tar c /v > file`',
  async run(ctx) {
    const host = await mkdtemp(join(tmpdir(), 'berth-bench-backup-'));
    // Three rounds: the CLI's `docker run … tar c` streams through the attach API at ~16 MiB/s (a minute per round).
    const rounds = 3;
    try {
      ctx.log(`creating volume ${VOLUME} holding 1 GiB of random bytes (setup, not measured)…`);
      await ctx.cli(['volume', 'rm', '-f', VOLUME], { allowFail: true });
      await ctx.cli(['volume', 'create', '--label', `${BENCH_LABEL}=1`, VOLUME]);
      await ctx.cli(
        ['run', '--rm', '-v', `${VOLUME}:/v`, BENCH_IMAGE, 'sh', '-c', `head -c ${SIZE} /dev/urandom > /v/big`],
        { timeoutMs: 300_000 },
      );
      const web = await ctx.web();
      const client = await connectWire(web);
      const runs = { berth: [] as number[], cli: [] as number[] };
      const readings: RssReading[] = [];
      try {
        for (let r = 0; r < rounds; r++) {
          ctx.signal.throwIfAborted();
          for (const who of roundOrder(r)) {
            const dest = join(host, `${who}.tar`);
            if (who === 'berth') {
              const stop = sampleRss(web.pid);
              try {
                const args = { name: VOLUME, dest, overwrite: true };
                runs.berth.push((await timedStream(client, 'volumes.backup', args)).ms);
              } finally {
                readings.push(stop());
              }
            } else {
              const args = ['run', '--rm', '-v', `${VOLUME}:/v`, BENCH_IMAGE, 'tar', 'c', '/v'];
              runs.cli.push((await runDockerToFile(ctx.dockerHost, args, dest)).ms);
            }
            const size = (await stat(dest)).size;
            if (size < SIZE) throw new Error(`${who} backup is ${size} bytes, less than the volume's 1 GiB`);
            await rm(dest, { force: true });
          }
        }
      } finally {
        client.close();
      }
      const b = median(runs.berth);
      const c = median(runs.cli);
      const ratio = b / c;
      const start = Math.min(...readings.map((x) => x.startBytes));
      const peak = Math.max(...readings.map((x) => x.peakBytes));
      return {
        rows: [
          {
            measure: `back up a 1 GiB volume to .tar (median of ${runs.berth.length}; Berth ${mibPerSecond(SIZE, b)})`,
            berth: formatMs(b),
            cli: formatMs(c),
            target: `${ratio.toFixed(2)}× (≤ ${TARGET}×)`,
            pass: ratio <= TARGET,
          },
          {
            measure: 'web server RSS during the Berth backups (sampled every 50 ms)',
            berth: `peak ${formatMiB(peak)}`,
            cli: '—',
            target: `start ${formatMiB(start)}, +${formatMiB(peak - start)} (info)`,
            pass: null,
          },
        ],
        samples: { berthMs: runs.berth, cliMs: runs.cli, sizeBytes: SIZE, rss: readings },
        notes: [
          'Berth: volumes.backup over the web-mode WebSocket, subscribe → end frame (helper created, archive read, file renamed, helper removed).',
          'CLI: `docker run --rm -v VOL:/v busybox tar c /v > file` wall time (start to exit, container start and removal included).',
        ],
      };
    } finally {
      await ctx.cli(['volume', 'rm', '-f', VOLUME], { allowFail: true });
      await rm(host, { recursive: true, force: true });
    }
  },
};
