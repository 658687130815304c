import type Docker from 'dockerode';
import type { Page } from 'playwright-core';
import { BENCH_LABEL } from '../lib/fixtures';
import { formatMs, max, median, min } from '../lib/stats';
import type { BenchContext, Measure } from '../types';
import { openApp } from './logs-common';

/** Every bench network is `berth-bench-net-<pid>-…` and labelled berth.bench=1: found and removed by both, never anything else. */
const NAME_PREFIX = 'berth-bench-net-';
const RATIO_TARGET = 1.5;
const ROW_TIMEOUT_MS = 20_000;
const NETWORKS_GRID = 'Networks';

async function benchNetworks(engine: Docker): Promise<Docker.NetworkInspectInfo[]> {
  const list = await engine.listNetworks({ filters: { label: [`${BENCH_LABEL}=1`] } });
  return list.filter((n) => n.Name.startsWith(NAME_PREFIX));
}

async function removeBenchNetworks(engine: Docker): Promise<number> {
  const list = await benchNetworks(engine);
  for (const n of list) await engine.getNetwork(n.Id).remove();
  return list.length;
}

/** A warm app on the Networks page, its other views' code fetched (a network change aborts requests in flight). */
async function openNetworksPage(ctx: BenchContext): Promise<Page> {
  const page = await openApp(ctx);
  await page.getByRole('link', { name: /^Networks/ }).click();
  await page.getByRole('grid', { name: NETWORKS_GRID }).getByRole('row', { name: 'bridge', exact: true }).waitFor();
  await page.waitForFunction(() => document.documentElement.dataset.viewsReady === 'true', undefined, {
    timeout: 60_000,
  });
  return page;
}

interface UiSample {
  /** Date.now() in the page: the click on Create, the dialog gone (reply received), the row in the table, painted. */
  clickAt: number;
  closedAt: number;
  rowAt: number;
  paintedAt: number;
}

/**
 * Opens the Create network dialog, types the name and the bench label (not timed), then clicks Create in
 * the page itself and stamps, with a MutationObserver, when the dialog closes and when the new network's
 * row is in the Networks table; done in the frame after that.
 */
async function createThroughDialog(page: Page, name: string): Promise<UiSample> {
  await page.getByRole('button', { name: 'Create network' }).click();
  const dlg = page.getByRole('dialog', { name: 'Create network' });
  await dlg.getByLabel('Name', { exact: true }).fill(name);
  await dlg.getByRole('button', { name: 'Add label' }).click();
  await dlg.getByLabel('Label 1 name').fill(BENCH_LABEL);
  await dlg.getByLabel('Label 1 value').fill('1');
  return page.evaluate(
    ({ name, grid, timeoutMs }) =>
      new Promise<UiSample>((resolve, reject) => {
        const dialog = document.querySelector('dialog[open]');
        const create = [...(dialog?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === 'Create');
        if (!dialog || !create) return reject(new Error('no Create button in an open dialog'));
        const rowSel = `[role=grid][aria-label="${grid}"] tr[aria-label="${name}"]`;
        let closedAt = 0;
        const timer = setTimeout(() => {
          obs.disconnect();
          reject(new Error(`no row for ${name} within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        const obs = new MutationObserver(() => {
          if (!closedAt && !dialog.isConnected) closedAt = Date.now();
          if (!document.querySelector(rowSel)) return;
          const rowAt = Date.now();
          obs.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve({ clickAt, closedAt: closedAt || rowAt, rowAt, paintedAt: Date.now() }));
        });
        obs.observe(document, { subtree: true, childList: true, attributes: true });
        const clickAt = Date.now();
        create.click();
      }),
    { name, grid: NETWORKS_GRID, timeoutMs: ROW_TIMEOUT_MS },
  );
}

/**
 * Create network through the UI (click Create in the dialog → the new row painted in the Networks table,
 * live through engine events) vs `docker network create` on the same engine in the same run; alternating,
 * each after a warm-up, median of the repeats.
 */
export const networkCreateMeasure: Measure = {
  name: 'network-create',
  description: 'Create network: click Create → row visible in the Networks table vs `docker network create`',
  async run(ctx) {
    const leftovers = await removeBenchNetworks(ctx.engine);
    if (leftovers) ctx.log(`removed ${leftovers} leftover bench networks`);
    const page = await openNetworksPage(ctx);
    const ui: UiSample[] = [];
    const cliMs: number[] = [];
    try {
      for (let i = 0; i <= ctx.options.repeats && !ctx.signal.aborted; i++) {
        const cliName = `${NAME_PREFIX}${process.pid}-cli-${i}`;
        const cli = await ctx.cli(['network', 'create', '--label', `${BENCH_LABEL}=1`, cliName]);
        const s = await createThroughDialog(page, `${NAME_PREFIX}${process.pid}-ui-${i}`);
        const took = s.paintedAt - s.clickAt;
        if (i === 0) {
          ctx.log(`warm-up: Berth ${formatMs(took)}, CLI ${formatMs(cli.ms)}`);
          continue;
        }
        ctx.log(
          `create ${i}: Berth ${formatMs(took)} (reply ${formatMs(s.closedAt - s.clickAt)}, row ${formatMs(s.rowAt - s.clickAt)}), CLI ${formatMs(cli.ms)}`,
        );
        ui.push(s);
        cliMs.push(cli.ms);
      }
    } finally {
      await page.close();
      const removed = await removeBenchNetworks(ctx.engine);
      ctx.log(`removed ${removed} bench networks`);
    }
    const uiMs = ui.map((s) => s.paintedAt - s.clickAt);
    const replyMs = ui.map((s) => s.closedAt - s.clickAt);
    const berth = median(uiMs);
    const cli = median(cliMs);
    const ratio = berth / cli;
    return {
      rows: [
        {
          measure: `Create network: click Create → row painted in the Networks table (median of ${uiMs.length})`,
          berth: formatMs(berth),
          cli: formatMs(cli),
          target: `${ratio.toFixed(2)}× CLI (≤ ${RATIO_TARGET}×)`,
          pass: ratio <= RATIO_TARGET,
        },
        {
          measure: 'Create network: click Create → dialog closed (networks.create replied)',
          berth: formatMs(median(replyMs)),
          cli: '—',
          target: 'informational',
          pass: null,
        },
      ],
      samples: { berthMs: uiMs, berthReplyMs: replyMs, cliMs },
      notes: [
        `Berth range ${formatMs(min(uiMs))}–${formatMs(max(uiMs))}; CLI range ${formatMs(min(cliMs))}–${formatMs(max(cliMs))}. ` +
          'The row comes from the live list, re-listed as soon as networks.create replied (CLI-made networks come by engine events).',
      ],
    };
  },
};
