/**
 * Two ways an engine goes wrong without simply dying, on this test's OWN private dockerd
 * (scripts/engine.sh with its own BERTH_ENGINE_DIR; the shared test engine is never stopped):
 *
 *  1. It hangs for 30 s (SIGSTOP: the socket still accepts, nothing answers). The UI says it is slow
 *     ("The engine is not answering (12 s)…"), never freezes (navigation and the kept list answer at
 *     once), and when the engine answers again (SIGCONT) the banner goes and every view resyncs,
 *     including a container created while it hung.
 *  2. Its socket file is deleted under Berth (established connections live on, new ones fail), then the
 *     engine is restarted and re-creates it: the banner says the connection is lost, Berth reconnects
 *     and the list resyncs.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { createTracker, docker, TEST_IMAGE, uniqueName } from '../helpers/engine';
import { startBerthWeb, waitForViewsReady, type BerthWeb } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

const run = promisify(execFile);
const ENGINE_DIR = '/tmp/berth-engine-podman-slow';
const ENGINE_SH = join(process.cwd(), 'scripts', 'engine.sh');
const HANG_MS = 30_000;

const savedHost = process.env.DOCKER_HOST;
const tracker = createTracker();
let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;
let stopped: number | undefined;

async function engineStart(): Promise<void> {
  const { stdout } = await run('bash', [ENGINE_SH, 'start'], { env: { ...process.env, BERTH_ENGINE_DIR: ENGINE_DIR } });
  const host = /export DOCKER_HOST=(\S+)/.exec(stdout)?.[1];
  if (!host) throw new Error(`engine.sh start printed no DOCKER_HOST: ${stdout}`);
  process.env.DOCKER_HOST = host;
}

const dockerdPid = (): number => Number(readFileSync(join(ENGINE_DIR, 'dockerd.pid'), 'utf8').trim());
const grid = (): Locator => page.getByRole('grid', { name: 'Containers' });
const row = (name: string): Locator => grid().getByRole('row', { name: new RegExp(name) });
const nav = (label: string): Locator =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: new RegExp(`^${label}`) });
const slowBanner = (): Locator => page.getByRole('status').filter({ hasText: 'The engine is not answering' });
const lostBanner = (): Locator => page.getByRole('status').filter({ hasText: 'Engine connection lost' });

/** Seconds shown in the slow banner. */
async function bannerSeconds(): Promise<number> {
  const m = /not answering \((\d+) s\)/.exec(await slowBanner().innerText());
  return Number(m?.[1] ?? NaN);
}

/** How long the page takes to answer a click on the sidebar and show the kept Containers list. */
async function clickToList(): Promise<number> {
  const t0 = Date.now();
  await nav('Containers').click();
  await grid().waitFor({ state: 'visible', timeout: 5000 });
  return Date.now() - t0;
}

beforeAll(async () => {
  await engineStart();
  web = await startBerthWeb({ env: { DOCKER_HOST: process.env.DOCKER_HOST } });
  browser = await launchChromium({ viewport: { width: 1300, height: 760 }, colorScheme: 'dark' });
  page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
});

afterAll(async () => {
  if (stopped) process.kill(stopped, 'SIGCONT');
  await browser?.close();
  await web?.stop();
  await tracker.cleanup().catch(() => undefined);
  await run('bash', [ENGINE_SH, 'stop'], { env: { ...process.env, BERTH_ENGINE_DIR: ENGINE_DIR } }).catch(
    () => undefined,
  );
  if (savedHost === undefined) delete process.env.DOCKER_HOST;
  else process.env.DOCKER_HOST = savedHost;
});

test('an engine that hangs for 30 s: the UI says so, stays usable, and resyncs', { timeout: 180_000 }, async () => {
  const before = tracker.container(uniqueName('slow-before'));
  await docker(['create', '--network', 'none', '--name', before, TEST_IMAGE, 'sleep', '600']);
  await page.goto(web.url);
  await row(before).waitFor({ timeout: 20_000 });
  await waitForViewsReady(page);

  // ---- the engine hangs ----
  const pid = dockerdPid();
  process.kill(pid, 'SIGSTOP');
  stopped = pid;
  const hungAt = Date.now();
  // The user opens Images: its list waits on the hung engine.
  await nav('Images').click();
  await slowBanner().waitFor({ timeout: 8000 });
  console.log(`slow banner after ${Date.now() - hungAt} ms: ${await slowBanner().innerText()}`);
  // A container created meanwhile (the CLI waits too): Berth must show it once the engine answers.
  const during = tracker.container(uniqueName('slow-during'));
  const creating = docker(['create', '--network', 'none', '--name', during, TEST_IMAGE, 'sleep', '600']);

  // Never frozen: the sidebar and the kept list answer at once, with the rows they had.
  const clicks: number[] = [];
  while (Date.now() - hungAt < 12_500) {
    clicks.push(await clickToList());
    await row(before).waitFor({ timeout: 1000 });
    await nav('Images').click();
    await page.waitForTimeout(700);
  }
  await nav('Containers').click();
  console.log(`while hanging: sidebar → list in ${clicks.join(', ')} ms`);
  expect(Math.max(...clicks)).toBeLessThan(1500);
  // The banner counts the seconds on its own.
  await expect.poll(bannerSeconds, { timeout: 3000 }).toBeGreaterThanOrEqual(12);
  await page.screenshot({ path: join(SHOTS, 'slow-engine-banner-dark.png') });
  await page.getByRole('button', { name: 'Toggle theme' }).click();
  await page.screenshot({ path: join(SHOTS, 'slow-engine-banner-light.png') });
  await page.getByRole('button', { name: 'Toggle theme' }).click();
  await expect(bannerSeconds()).resolves.toBeGreaterThanOrEqual(12);

  // ---- it answers again ----
  await page.waitForTimeout(Math.max(0, HANG_MS - (Date.now() - hungAt)));
  process.kill(pid, 'SIGCONT');
  stopped = undefined;
  const resumedAt = Date.now();
  await creating;
  await row(during).waitFor({ timeout: 5000 });
  await slowBanner().waitFor({ state: 'detached', timeout: 5000 });
  const resynced = Date.now() - resumedAt;
  console.log(`after SIGCONT: banner gone and list resynced in ${resynced} ms`);
  expect(resynced).toBeLessThan(5000);
  await expect(lostBanner().count()).resolves.toBe(0);
  // The Images view, whose list timed out while the engine hung, lists again.
  await nav('Images').click();
  await page
    .getByRole('grid', { name: 'Images' })
    .getByRole('row', { name: /busybox/ })
    .first()
    .waitFor({ timeout: 5000 });
});

test('the socket file deleted, then re-created by an engine restart: banner, reconnect, resync', async () => {
  if (!page.url().startsWith(web.origin)) await page.goto(web.url);
  await nav('Containers').click();
  const before = tracker.container(uniqueName('sock-before'));
  await docker(['create', '--network', 'none', '--name', before, TEST_IMAGE, 'sleep', '600']);
  await row(before).waitFor({ timeout: 5000 });

  const sock = (process.env.DOCKER_HOST ?? '').replace(/^unix:\/\//, '');
  rmSync(sock);
  // Berth's pooled (keep-alive) connections and its events stream live on: it still works for now (a
  // request that needs a NEW connection would fail with ENOENT and count as the engine lost).
  await row(before).getByRole('button', { name: 'Start', exact: true }).click();
  await row(before).getByText('Running').waitFor({ timeout: 5000 });
  // engine.sh sees a dockerd whose socket does not answer, stops it and starts one (new socket).
  const restarting = engineStart();
  await lostBanner()
    .waitFor({ timeout: 20_000 })
    .catch(async (e: Error) => {
      await page.screenshot({ path: join(SHOTS, 'socket-deleted-fail.png') });
      throw new Error(`${e.message}\nserver: ${web.stderr().slice(-1500)}`);
    });
  console.log(`socket deleted, engine restarting: ${await lostBanner().innerText()}`);
  await expect.poll(() => page.locator('main[data-stale="true"]').count()).toBe(1);
  await row(before).waitFor();
  await restarting;
  const answeredAt = Date.now();
  const after = tracker.container(uniqueName('sock-after'));
  await docker(['create', '--network', 'none', '--name', after, TEST_IMAGE, 'sleep', '600']);
  await row(after).waitFor({ timeout: 5000 });
  const resynced = Date.now() - answeredAt;
  console.log(`socket re-created: list resynced ${resynced} ms after the engine answered`);
  expect(resynced).toBeLessThan(2000);
  await lostBanner().waitFor({ state: 'detached', timeout: 2000 });
  await expect.poll(() => page.locator('main[data-stale="true"]').count()).toBe(0);
}, 120_000);
