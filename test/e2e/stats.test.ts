/**
 * Stats slice in web mode, in Chromium, against the private engine: the Stats tab of a busy
 * container, Processes (docker top), Changes (docker diff) and the list's CPU / Memory columns.
 * Containers are made here with the docker CLI under unique names and removed after.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { createTracker, docker, requireEngine, TEST_IMAGE, uniqueName, waitFor } from '../helpers/engine';
import { startBerthWeb, type BerthWeb } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

const VIEWPORT = { width: 1400, height: 860 };
const tracker = createTracker();
const RUN = uniqueName('stats');

let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;
let busy: string;
let busyId: string;
let idle: string;
let idleId: string;
let stopped: string;
let stoppedId: string;

const grid = (label: string): Locator => page.getByRole('grid', { name: label });

async function open(hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

async function setTheme(theme: 'dark' | 'light'): Promise<void> {
  const current = await page.evaluate(() => document.documentElement.dataset.theme);
  if (current !== theme) await page.getByRole('button', { name: 'Toggle theme' }).click();
  await waitFor(async () => (await page.evaluate(() => document.documentElement.dataset.theme)) === theme);
}

/** Text of the cell in `column` of the row named `rowName` in the Containers grid. */
async function cellText(rowName: string, column: string): Promise<string> {
  const headers = await grid('Containers').getByRole('columnheader').allTextContents();
  const at = headers.findIndex((h) => h.trim() === column);
  if (at < 0) throw new Error(`no ${column} column in ${JSON.stringify(headers)}`);
  const row = grid('Containers').getByRole('row', { name: rowName, exact: true });
  return (await row.getByRole('gridcell').nth(at).textContent()) ?? '';
}

beforeAll(async () => {
  requireEngine();
  await mkdir(SHOTS, { recursive: true });
  busy = tracker.container(`${RUN}-busy`);
  idle = tracker.container(`${RUN}-idle`);
  stopped = tracker.container(`${RUN}-stopped`);
  busyId = (
    await docker(['run', '-d', '--name', busy, '--cpus', '0.5', TEST_IMAGE, 'sh', '-c', 'while :; do :; done'])
  ).stdout.trim();
  idleId = (await docker(['run', '-d', '--name', idle, '--memory', '64m', TEST_IMAGE, 'sleep', '600'])).stdout.trim();
  stoppedId = (await docker(['create', '--name', stopped, TEST_IMAGE, 'sleep', '600'])).stdout.trim();
  await docker(['exec', idle, 'sh', '-c', 'touch /newfile && rm /bin/cat']);
  web = await startBerthWeb();
  browser = await launchChromium({ viewport: VIEWPORT });
  page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(web.url);
  await grid('Containers').waitFor({ timeout: 20_000 });
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await tracker.cleanup();
});

describe('containers list', () => {
  test('CPU and Memory columns show live values for running rows on screen, "—" for stopped ones', async () => {
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill(RUN);
    await grid('Containers').getByRole('row', { name: busy, exact: true }).waitFor({ timeout: 10_000 });
    const cpu = await waitFor(
      async () => {
        const m = /([\d.]+)%/.exec(await cellText(busy, 'CPU'));
        return m && Number(m[1]) > 20 ? Number(m[1]) : undefined;
      },
      { timeoutMs: 10_000, message: 'CPU % of the busy row' },
    );
    expect(cpu).toBeLessThan(80);
    await waitFor(async () => /\d+(\.\d+)? (B|KiB|MiB)/.test(await cellText(idle, 'Memory')), { timeoutMs: 10_000 });
    expect((await cellText(stopped, 'CPU')).trim()).toBe('—');
    expect((await cellText(stopped, 'Memory')).trim()).toBe('—');
    await setTheme('dark');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SHOTS, 'stats-list-dark.png') });
  });

  test('the list kept behind another view asks for no stats; back on it, filter and live columns are as they were', async () => {
    // Every containers.stats request the page sends, timed.
    const statsSent: number[] = [];
    const onFrame = (f: { payload: string | Buffer }): void => {
      if (String(f.payload).includes('"channel":"containers.stats"')) statsSent.push(Date.now());
    };
    const sockets = new Set<{ on(ev: 'framesent', cb: typeof onFrame): void }>();
    // The app's socket is already open: reload so the new one is seen from its first frame.
    page.on('websocket', (ws) => {
      sockets.add(ws);
      ws.on('framesent', onFrame);
    });
    await page.reload();
    await grid('Containers').waitFor({ timeout: 20_000 });
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill(RUN);
    await waitFor(async () => statsSent.length >= 2, { timeoutMs: 10_000, message: 'list stats requests' });
    expect(sockets.size).toBe(1);

    // Another view: the hidden list must not keep polling.
    await page.getByRole('link', { name: /^Images/ }).click();
    await grid('Images').waitFor({ timeout: 10_000 });
    const leftAt = Date.now();
    await new Promise((r) => setTimeout(r, 3500));
    expect(statsSent.filter((t) => t > leftAt + 200)).toEqual([]);
    // Hidden means hidden: the kept table is out of the accessibility tree.
    expect(await grid('Containers').count()).toBe(0);

    await page.getByRole('link', { name: /^Containers/ }).click();
    await grid('Containers').getByRole('row', { name: busy, exact: true }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('searchbox', { name: 'Filter containers' }).inputValue()).toBe(RUN);
    const backAt = Date.now();
    await waitFor(async () => statsSent.some((t) => t > backAt), { timeoutMs: 5000, message: 'stats after return' });
    expect(/\d/.test(await cellText(busy, 'CPU'))).toBe(true);
  });
});

describe('container detail', () => {
  test('Stats tab of a busy container: CPU above 20 % and live charts', async () => {
    await open(`#/containers/${busyId}/stats`);
    const cpuCard = page.getByRole('group', { name: 'CPU' });
    const cpu = await waitFor(
      async () => {
        const m = /([\d.]+)%/.exec((await cpuCard.textContent()) ?? '');
        return m && Number(m[1]) > 20 ? Number(m[1]) : undefined;
      },
      { timeoutMs: 10_000, message: 'CPU card above 20 %' },
    );
    expect(cpu).toBeLessThan(80);
    for (const name of ['CPU usage', 'Memory usage', 'Network traffic', 'Disk reads and writes']) {
      const chart = page.getByRole('img', { name: new RegExp(`^${name}`) });
      await chart.waitFor();
      expect(await chart.locator('canvas').count()).toBe(1);
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      expect(box?.height).toBeGreaterThan(100);
    }
    await expect(page.getByRole('group', { name: 'Memory' }).textContent()).resolves.toMatch(/\d/);
    await expect(page.getByRole('group', { name: 'PIDs' }).textContent()).resolves.toMatch(/1/);
    // A few seconds of history for the screenshots, in both themes.
    await page.waitForTimeout(4000);
    await setTheme('dark');
    await page.screenshot({ path: join(SHOTS, 'stats-panel-dark.png') });
    await setTheme('light');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, 'stats-panel-light.png') });
    await setTheme('dark');
  });

  test('Stats tab of a stopped container says it is not running', async () => {
    await open(`#/containers/${stoppedId}/stats`);
    await page
      .getByRole('region', { name: 'Stats' })
      .getByText('Not running', { exact: true })
      .waitFor({ timeout: 10_000 });
    expect(await page.locator('.live-chart canvas').count()).toBe(0);
  });

  test('Processes tab lists the busy loop', async () => {
    await open(`#/containers/${busyId}/processes`);
    await grid('Processes')
      .getByRole('row', { name: /while :/ })
      .waitFor({ timeout: 10_000 });
    await expect(page.getByText(/^1 process$/).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await grid('Processes')
      .getByRole('row', { name: /while :/ })
      .waitFor();
    await page.screenshot({ path: join(SHOTS, 'stats-processes-dark.png') });
  });

  test('Changes tab lists the added and the deleted file, with kind filter and counts', async () => {
    await open(`#/containers/${idleId}/changes`);
    const changes = grid('Changes');
    await changes.getByRole('row', { name: '/newfile added' }).waitFor({ timeout: 10_000 });
    await changes.getByRole('row', { name: '/bin/cat deleted' }).waitFor();
    await changes.getByRole('row', { name: '/bin changed' }).waitFor();
    const kinds = page.getByRole('radiogroup', { name: 'Kind' });
    await expect(kinds.getByRole('radio', { name: /Added/ }).textContent()).resolves.toMatch(/1/);
    await kinds.getByRole('radio', { name: /Deleted/ }).click();
    await waitFor(async () => (await changes.getByRole('row').count()) === 2); // header + /bin/cat
    await changes.getByRole('row', { name: '/bin/cat deleted' }).waitFor();
    await kinds.getByRole('radio', { name: /All/ }).click();
    await page.getByRole('searchbox', { name: 'Filter paths' }).fill('newf');
    await waitFor(async () => (await changes.getByRole('row').count()) === 2);
    await page.getByRole('searchbox', { name: 'Filter paths' }).fill('');
    await page.screenshot({ path: join(SHOTS, 'stats-changes-dark.png') });
    await setTheme('light');
    await page.screenshot({ path: join(SHOTS, 'stats-changes-light.png') });
    await setTheme('dark');
  });
});
