/**
 * The Containers list grouped by compose project, in web mode, in Chromium, against the private engine.
 * Containers carry compose labels set with `docker run --label` (no compose CLI needed), under unique
 * names, and are removed after.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTracker, docker, requireEngine, TEST_IMAGE, uniqueName, waitFor } from '../helpers/engine';
import { openBerthInBrowser, waitForViewsReady, type BerthInBrowser } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

const VIEWPORT = { width: 1400, height: 860 };
const tracker = createTracker();
const RUN = uniqueName('grp');
const SHOP = `${RUN}-shop`;
const BLOG = `${RUN}-blog`;

let berth: BerthInBrowser | undefined;
let page: Page;

const name = (suffix: string): string => tracker.container(`${RUN}-${suffix}`);

async function run(n: string, project?: string, service?: string): Promise<void> {
  const labels = project
    ? ['--label', `com.docker.compose.project=${project}`, '--label', `com.docker.compose.service=${service}`]
    : [];
  await docker(['run', '-d', '--name', n, '--stop-timeout', '1', ...labels, TEST_IMAGE, 'sleep', '600']);
}

async function stateOf(n: string): Promise<string> {
  return (await docker(['inspect', '-f', '{{.State.Status}}', n])).stdout.trim();
}

const tree = (): Locator => page.getByRole('treegrid', { name: 'Containers' });
const grid = (): Locator => page.getByRole('grid', { name: 'Containers' });
const toggle = (): Locator => page.getByRole('button', { name: 'Group by project' });
const header = (project: string): Locator => tree().getByRole('row', { name: new RegExp(`^${project} — `) });
const row = (n: string): Locator => tree().getByRole('row', { name: n, exact: true });
const rowNames = async (): Promise<string[]> =>
  (
    await tree()
      .getByRole('row')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))
  ).filter(Boolean);

beforeAll(async () => {
  requireEngine();
  await mkdir(SHOTS, { recursive: true });
  await run(name('web-1'), SHOP, 'web');
  await run(name('web-2'), SHOP, 'web');
  await run(name('db-1'), SHOP, 'db');
  await docker(['stop', '-t', '0', `${RUN}-db-1`]);
  await run(name('app-1'), BLOG, 'app');
  await run(name('loose'));
  berth = await openBerthInBrowser({ viewport: VIEWPORT });
  page = berth.page;
  await grid().waitFor({ timeout: 20_000 });
  await waitForViewsReady(page);
  await page.getByRole('searchbox', { name: 'Filter containers' }).fill(RUN);
  // Only this file's five containers are listed (the shared engine has others).
  await waitFor(async () => {
    const names = await grid()
      .locator('tr[aria-label]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    return names.length === 5 && names.every((n) => n?.startsWith(RUN));
  });
});

afterAll(async () => {
  await berth?.close();
  await tracker.cleanup();
});

describe('group by project', () => {
  test('the toggle groups rows under project headers with state counts, "No project" last', async () => {
    expect(await toggle().getAttribute('aria-pressed')).toBe('false');
    await toggle().click();
    expect(await toggle().getAttribute('aria-pressed')).toBe('true');
    await header(SHOP).waitFor();
    await tree().getByRole('button', { name: 'Name' }).click(); // ascending
    await waitFor(async () => (await rowNames())[3] === `${RUN}-db-1`);
    expect(await header(SHOP).getAttribute('aria-label')).toBe(`${SHOP} — 2 running, 1 exited`);
    expect(await header(BLOG).getAttribute('aria-label')).toBe(`${BLOG} — 1 running`);
    expect(await rowNames()).toEqual([
      `${BLOG} — 1 running`,
      `${RUN}-app-1`,
      `${SHOP} — 2 running, 1 exited`,
      `${RUN}-db-1`,
      `${RUN}-web-1`,
      `${RUN}-web-2`,
      'No project — 1 running',
      `${RUN}-loose`,
    ]);
    for (const theme of ['dark', 'light'] as const) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      await page.screenshot({ path: join(SHOTS, `containers-grouped-${theme}.png`) });
    }
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  });

  test('sorting applies inside each group; the filter narrows groups', async () => {
    await tree().getByRole('button', { name: 'Name' }).click(); // descending
    await waitFor(async () => (await rowNames())[3] === `${RUN}-web-2`);
    const names = await rowNames();
    expect(names.slice(2, 6)).toEqual([`${SHOP} — 2 running, 1 exited`, `${RUN}-web-2`, `${RUN}-web-1`, `${RUN}-db-1`]);
    expect(names.at(-2)).toBe('No project — 1 running');

    await page.getByRole('searchbox', { name: 'Filter containers' }).fill(`${RUN}-web`);
    await waitFor(async () => (await rowNames()).length === 3);
    expect(await rowNames()).toEqual([`${SHOP} — 2 running`, `${RUN}-web-2`, `${RUN}-web-1`]);
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill(RUN);
    await header(BLOG).waitFor();
  });

  test('a header collapses and expands by click and by Left/Right; arrows and Left move between rows', async () => {
    await header(SHOP).click();
    expect(await header(SHOP).getAttribute('aria-expanded')).toBe('false');
    await row(`${RUN}-web-1`).waitFor({ state: 'detached' });
    await header(SHOP).click();
    await row(`${RUN}-web-1`).waitFor();

    // Keyboard: Home is the first header; Down twice reaches the shop header.
    await tree().focus();
    await page.keyboard.press('Home');
    expect(await header(BLOG).getAttribute('class')).toContain('is-active');
    await page.keyboard.press('ArrowLeft');
    expect(await header(BLOG).getAttribute('aria-expanded')).toBe('false');
    await row(`${RUN}-app-1`).waitFor({ state: 'detached' });
    await page.keyboard.press('ArrowRight');
    await row(`${RUN}-app-1`).waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await row(`${RUN}-app-1`).getAttribute('class')).toContain('is-active');
    await page.keyboard.press('ArrowLeft'); // from a row to its header
    expect(await header(BLOG).getAttribute('class')).toContain('is-active');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await header(SHOP).getAttribute('class')).toContain('is-active');
  });

  test("a header's checkbox selects its project's containers; the bulk bar stops them", async () => {
    await tree()
      .getByRole('checkbox', { name: `Select ${SHOP}` })
      .click();
    const bar = page.getByRole('toolbar', { name: 'Selection actions' });
    await bar.getByText('3 selected').waitFor();
    expect(await row(`${RUN}-web-2`).getAttribute('aria-selected')).toBe('true');
    expect(await row(`${RUN}-app-1`).getAttribute('aria-selected')).toBe('false');
    await bar.getByRole('button', { name: 'Stop' }).click();
    await waitFor(
      async () => (await stateOf(`${RUN}-web-1`)) === 'exited' && (await stateOf(`${RUN}-web-2`)) === 'exited',
      {
        timeoutMs: 20_000,
      },
    );
    expect(await stateOf(`${RUN}-app-1`)).toBe('running');
    await waitFor(async () => (await header(SHOP).getAttribute('aria-label')) === `${SHOP} — 3 exited`);
    // Space on the active header clears its rows again.
    await tree().focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await bar.waitFor({ state: 'detached' });
  });

  test('the choice is remembered across a reload; turning it off gives the flat grid back', async () => {
    await page.reload();
    await tree().waitFor({ timeout: 20_000 });
    expect(await toggle().getAttribute('aria-pressed')).toBe('true');
    await toggle().click();
    await grid().waitFor();
    expect(await grid().getByRole('row', { name: /— / }).count()).toBe(0);
  });
});
