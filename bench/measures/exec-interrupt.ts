import { formatMs, median } from '../lib/stats';
import type { Measure } from '../types';
import { hasScript, idleContainer, openShellPage, startCliShell } from './exec-common';

const TARGET_MS = 1000;
const ROUNDS = 3;
const QUIET_MS = 500;

/**
 * `yes` flooding the terminal, then Ctrl-C: time from the key to the last screen change (output
 * stopped), vs the same in `docker exec -it` under a pty (key written → last output byte).
 */
export const execInterruptMeasure: Measure = {
  name: 'exec-interrupt',
  description: '`yes` in the terminal, then Ctrl-C: key → output stopped vs `docker exec -it` in a pty',
  async run(ctx) {
    const { id, name } = await idleContainer(ctx, 'exec-interrupt');
    const page = await openShellPage(ctx, id);
    const berth: number[] = [];
    try {
      for (let round = 0; round < ROUNDS && !ctx.signal.aborted; round++) {
        await page.keyboard.type('yes\n');
        await page.waitForTimeout(1500);
        await page.evaluate((quietMs) => {
          const rows = document.querySelector('.term-session:not([hidden]) .xterm-rows');
          if (!rows) throw new Error('no terminal rows');
          const w = window as unknown as { __stop?: Promise<number> };
          w.__stop = new Promise((resolve) => {
            let t0 = 0;
            let last = 0;
            document.addEventListener('keydown', () => (t0 = performance.now()), { capture: true, once: true });
            const obs = new MutationObserver(() => {
              if (t0) last = performance.now();
            });
            obs.observe(rows, { childList: true, subtree: true, characterData: true });
            const poll = setInterval(() => {
              if (!t0) return;
              const now = performance.now();
              if (now - Math.max(last, t0) >= quietMs || now - t0 > 20_000) {
                clearInterval(poll);
                obs.disconnect();
                resolve(Math.max(0, last - t0));
              }
            }, 20);
          });
        }, QUIET_MS);
        await page.keyboard.press('Control+C');
        berth.push(await page.evaluate(() => (window as unknown as { __stop: Promise<number> }).__stop));
        await page.keyboard.type('clear\n');
        await page.waitForTimeout(300);
      }
    } finally {
      await page.close();
    }

    const cli: number[] = [];
    const notes = [
      'Berth: keydown of Ctrl-C in the page → last change of xterm’s DOM (DOM renderer), quiet for 500 ms after. ' +
        'CLI: `docker exec -it … sh` under `script`, \\x03 written → last output byte read.',
    ];
    if (hasScript()) {
      const shell = await startCliShell(ctx, name);
      try {
        for (let round = 0; round < ROUNDS && !ctx.signal.aborted; round++) {
          shell.proc.stdin.write('yes\n');
          await new Promise((r) => setTimeout(r, 1500));
          const t0 = Date.now();
          shell.proc.stdin.write('\x03');
          while (Date.now() - Math.max(shell.lastDataAt(), t0) < QUIET_MS) await new Promise((r) => setTimeout(r, 20));
          cli.push(Math.max(0, shell.lastDataAt() - t0));
        }
      } finally {
        shell.close();
      }
    } else {
      notes.push('CLI side skipped: util-linux `script` is not installed.');
    }
    const m = Math.max(...berth);
    return {
      rows: [
        {
          measure: `\`yes\` + Ctrl-C → output stopped (worst of ${berth.length})`,
          berth: formatMs(m),
          cli: cli.length ? formatMs(Math.max(...cli)) : '—',
          target: `< ${TARGET_MS} ms`,
          pass: m < TARGET_MS,
        },
      ],
      samples: { berthMs: berth, cliMs: cli, berthMedianMs: median(berth) },
      notes,
    };
  },
};
