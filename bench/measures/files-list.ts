import { formatMs, median } from '../lib/stats';
import { BENCH_IMAGE, BENCH_LABEL, BENCH_NAME_PREFIX } from '../lib/fixtures';
import { roundOrder, timedStream } from '../lib/transfer';
import { connectWire, type WireClient } from '../lib/web';
import type { Measure, ResultRow } from '../types';

/**
 * Listing a folder of 50,000 files: files.list over the web-mode WebSocket (every entry parsed,
 * mapped and sent to the client) vs `docker exec CONTAINER ls -la DIR`, alternating in the same run.
 * Running container (exec listing): target ≤ 2×. Then the same folder in the stopped container, which
 * only the archive API can read (no exec): informational, against the same CLI figure.
 */

const FILES = 50_000;
const TARGET = 2;
const NAME = `${BENCH_NAME_PREFIX}files-list`;
const DIR = '/many';

async function listOnce(client: WireClient): Promise<{ ms: number; via: string }> {
  const { ms, done } = await timedStream(client, 'files.list', {
    target: { kind: 'container', id: NAME },
    path: { text: DIR },
  });
  if (done.total !== FILES) throw new Error(`files.list found ${String(done.total)} entries, expected ${FILES}`);
  return { ms, via: String(done.via) };
}

export const filesListMeasure: Measure = {
  name: 'files-list',
  description: `list a folder of ${FILES.toLocaleString('en')} files (files.list over WebSocket) vs \`docker exec ls -la\``,
  async run(ctx) {
    const rounds = Math.max(3, ctx.options.repeats);
    await ctx.cli(['rm', '-f', NAME], { allowFail: true });
    try {
      ctx.log(`creating ${NAME} with ${FILES} files in ${DIR} (setup, not measured)…`);
      await ctx.cli(['run', '-d', '--name', NAME, '--label', `${BENCH_LABEL}=1`, BENCH_IMAGE, 'sleep', '86400']);
      const make = `mkdir ${DIR} && cd ${DIR} && seq 1 ${FILES} | sed 's/^/file-/' | xargs touch`;
      await ctx.cli(['exec', NAME, 'sh', '-c', make], { timeoutMs: 300_000 });
      const client = await connectWire(await ctx.web());
      const exec = { berth: [] as number[], cli: [] as number[] };
      const archive: number[] = [];
      let via = '';
      try {
        await listOnce(client); // warm-up: first exec in the container, first page-cache read
        for (let r = 0; r < rounds; r++) {
          ctx.signal.throwIfAborted();
          for (const who of roundOrder(r)) {
            if (who === 'berth') {
              const one = await listOnce(client);
              exec.berth.push(one.ms);
              via = one.via;
            } else {
              const run = await ctx.cli(['exec', NAME, 'ls', '-la', DIR]);
              const lines = run.stdout.split('\n').filter((l) => l.includes('file-')).length;
              if (lines !== FILES) throw new Error(`ls -la printed ${lines} files, expected ${FILES}`);
              exec.cli.push(run.ms);
            }
          }
        }
        await ctx.cli(['stop', '-t', '0', NAME]);
        await listOnce(client);
        for (let r = 0; r < rounds; r++) {
          const one = await listOnce(client);
          if (one.via !== 'archive') throw new Error(`a stopped container was listed via ${one.via}`);
          archive.push(one.ms);
        }
      } finally {
        client.close();
      }
      const c = median(exec.cli);
      const row = (what: string, samples: number[], pass: boolean | null): ResultRow => {
        const ratio = median(samples) / c;
        return {
          measure: `${what} (median of ${samples.length})`,
          berth: formatMs(median(samples)),
          cli: formatMs(c),
          target: pass === null ? `${ratio.toFixed(2)}× (info)` : `${ratio.toFixed(2)}× (≤ ${TARGET}×)`,
          pass: pass === null ? null : ratio <= TARGET,
        };
      };
      return {
        rows: [
          row(`list ${FILES.toLocaleString('en')} files, running container (via ${via})`, exec.berth, true),
          row(`list ${FILES.toLocaleString('en')} files, stopped container (archive API, headers only)`, archive, null),
        ],
        samples: { execBerthMs: exec.berth, cliMs: exec.cli, archiveBerthMs: archive, files: FILES },
        notes: [
          'Berth: files.list over the web-mode WebSocket, subscribe → end frame, every entry delivered to the client.',
          'CLI: `docker exec CONTAINER ls -la DIR` wall time; the stopped-container row compares with the same CLI figure.',
        ],
      };
    } finally {
      await ctx.cli(['rm', '-f', NAME], { allowFail: true });
    }
  },
};
