import { formatMs, median } from '../lib/stats';
import type { Measure } from '../types';
import { openApp, runLogContainer, waitExited } from './logs-common';

const LINES = 1_000_000;
const RATIO_TARGET = 1.5;
/** An open is ~0.1 s: enough samples for a steady median, after a few opens that warm the page's JIT. */
const MIN_SAMPLES = 15;
const WARMUPS = 3;

interface OpenSample {
  /** In-page Date.now() when the hash changed to the Logs tab. */
  startAt: number;
  /** When a row with the last line was first in the DOM, and the next frame after it. */
  readyAt: number;
  paintedAt: number;
}

/**
 * A container that printed 1,000,000 lines: time from opening its Logs tab (in-app navigation) to the
 * last line painted, vs `docker logs --tail 1000` wall time (process start to exit) on the same engine.
 */
export const logsOpenMeasure: Measure = {
  name: 'logs-open',
  description: '1,000,000-line log: open the Logs tab → last line painted vs `docker logs --tail 1000`',
  async run(ctx) {
    ctx.log(`logs-open: printing ${LINES.toLocaleString('en-US')} lines…`);
    const { id, name } = await runLogContainer(ctx, 'logs-1m', `seq 1 ${LINES}`);
    await waitExited(ctx, id, 180_000);

    await ctx.cli(['logs', '--tail', '1000', name]); // warm-up
    const samplesWanted = Math.max(ctx.options.repeats, MIN_SAMPLES);
    const cli: number[] = [];
    for (let i = 0; i < samplesWanted; i++) {
      const r = await ctx.cli(['logs', '--tail', '1000', name]);
      if (!r.stdout.trimEnd().endsWith(String(LINES))) throw new Error('docker logs did not print the last line');
      cli.push(r.ms);
    }
    const page = await openApp(ctx);
    const samples: OpenSample[] = [];
    try {
      for (let i = 0; i < WARMUPS + samplesWanted && !ctx.signal.aborted; i++) {
        const s = await page.evaluate(
          ({ id, last }) =>
            new Promise<OpenSample>((resolve, reject) => {
              const startAt = Date.now();
              const timer = setTimeout(() => {
                obs.disconnect();
                reject(new Error('the last line did not appear within 60 s'));
              }, 60_000);
              const check = (): boolean => {
                const rows = document.querySelectorAll('[role=log] .log-row .log-text');
                const lastRow = rows[rows.length - 1];
                return lastRow?.textContent === last;
              };
              const obs = new MutationObserver(() => {
                if (!check()) return;
                const readyAt = Date.now();
                obs.disconnect();
                clearTimeout(timer);
                requestAnimationFrame(() => resolve({ startAt, readyAt, paintedAt: Date.now() }));
              });
              obs.observe(document.body, { childList: true, subtree: true, characterData: true });
              window.location.hash = `#/containers/${id}/logs`;
            }),
          { id, last: String(LINES) },
        );
        // Leave the tab (closes the stream) before the next round.
        await page.evaluate(() => {
          window.location.hash = '#/containers';
        });
        await page.getByRole('grid', { name: 'Containers' }).waitFor();
        if (i < WARMUPS) ctx.log(`logs-open warm-up ${i + 1}: ${formatMs(s.paintedAt - s.startAt)}`);
        else samples.push(s);
      }
    } finally {
      await page.close();
    }
    const berth = samples.map((s) => s.paintedAt - s.startAt);
    const m = median(berth);
    const c = median(cli);
    const ratio = m / c;
    return {
      rows: [
        {
          measure: `1M-line log: open Logs tab → last line painted (median of ${berth.length})`,
          berth: formatMs(m),
          cli: formatMs(c),
          target: `${ratio.toFixed(2)}× CLI (≤ ${RATIO_TARGET}×)`,
          pass: ratio <= RATIO_TARGET,
        },
      ],
      samples: { berthMs: berth, cliMs: cli, berthSamples: samples },
      notes: [
        `Berth: in-app navigation to #/containers/<id>/logs (tail 1,000 + render) in a page warmed by ${WARMUPS} opens; ` +
          `CLI: \`docker logs --tail 1000\` process wall time after a warm-up run; ${samplesWanted} samples each; ` +
          `Berth range ${formatMs(Math.min(...berth))}–${formatMs(Math.max(...berth))}`,
      ],
    };
  },
};
