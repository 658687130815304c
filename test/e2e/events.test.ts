import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTracker, docker, requireEngine, TEST_IMAGE, uniqueName } from '../helpers/engine';
import { type BerthInBrowser, type BerthWeb, openSectionInBrowser } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

/**
 * Events view in web mode on the engine: live rows with actor, image and exit code, the filters, pause
 * and resume, clear, the JSON-lines export, and a "since" replay of events from before the page opened.
 * The engine may be shared: every check narrows the table to this test's own container names first.
 */

const tracker = createTracker();
let web: BerthWeb;
let berth: BerthInBrowser;
let page: Page;

const grid = (): Locator => page.getByRole('grid', { name: 'Events' });
const row = (type: string, action: string, name: string): Locator =>
  grid().getByRole('row', { name: `${type} ${action} ${name}`, exact: true });
const objectFilter = (): Locator => page.getByRole('searchbox', { name: 'Object' });

async function openEvents(): Promise<void> {
  // A fresh page (the token is kept for the tab): nothing seen before, the theme read anew.
  await page.goto(`${web.origin}/#/events`);
  await page.reload();
  await page.getByRole('link', { name: /^Events/ }).waitFor();
  await grid().waitFor();
  await expect.poll(() => page.getByRole('status', { name: 'Stream: Live' }).count()).toBe(1);
}

/** create, start, stop (SIGTERM ignored by sh as PID 1: SIGKILL after 1 s, exit 137) and remove. */
async function lifecycle(name: string): Promise<string> {
  tracker.container(name);
  const { stdout } = await docker(['create', '--name', name, TEST_IMAGE, 'sleep', '300']);
  await docker(['start', name]);
  await docker(['stop', '-t', '1', name]);
  await docker(['rm', name]);
  return stdout.trim();
}

beforeAll(async () => {
  requireEngine();
  berth = await openSectionInBrowser('Events');
  ({ web, page } = berth);
  await grid().waitFor();
  await page.getByRole('status', { name: 'Stream: Live' }).waitFor();
});

afterAll(async () => {
  await berth?.close();
  await tracker.cleanup();
});

describe('events view', () => {
  test('a container lifecycle appears live with its actor, image, signal and exit code', async () => {
    const name = uniqueName('ev-life');
    await objectFilter().fill(name);
    const id = await lifecycle(name);
    for (const action of ['create', 'start', 'kill', 'die', 'stop', 'destroy'])
      await expect.poll(() => row('container', action, name).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const die = row('container', 'die', name);
    expect(await die.textContent()).toContain('exit 137');
    expect(await die.textContent()).toContain(TEST_IMAGE);
    const kills = await row('container', 'kill', name).allTextContents();
    expect(kills.some((t) => t.includes('signal 15'))).toBe(true);
    expect(kills.some((t) => t.includes('signal 9'))).toBe(true);
    // The id filters too (from its start).
    await objectFilter().fill(id.slice(0, 12));
    await expect.poll(() => row('container', 'destroy', name).count()).toBe(1);

    // Filter by action: only the die row stays.
    await page.getByRole('combobox', { name: 'Action' }).selectOption('die');
    await expect.poll(() => grid().getByRole('row').count()).toBe(2); // header + die
    await page.getByRole('combobox', { name: 'Action' }).selectOption('');
    // Free text over the attributes.
    await objectFilter().fill(name);
    await page.getByRole('searchbox', { name: 'Search events' }).fill('exit 137');
    await expect.poll(() => grid().getByRole('row').count()).toBe(2);
    await page.getByRole('searchbox', { name: 'Search events' }).fill('');
    // Type filter: no network events for this container name.
    await page.getByRole('combobox', { name: 'Type' }).selectOption('network');
    await expect.poll(() => row('container', 'create', name).count()).toBe(0);
    await page.getByRole('combobox', { name: 'Type' }).selectOption('');
  });

  test("clicking a container event's actor opens the container", async () => {
    const name = tracker.container(uniqueName('ev-open'));
    await objectFilter().fill(name);
    const { stdout } = await docker(['run', '-d', '--name', name, TEST_IMAGE, 'sleep', '300']);
    const id = stdout.trim();
    const start = row('container', 'start', name);
    await start.waitFor({ timeout: 15_000 });
    await start.getByRole('link', { name }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/containers/${id}`);
    await page.goBack();
    await grid().waitFor();
    await docker(['rm', '-f', name]);
  });

  test('pause holds new events (counted), resume shows them; clear empties the table', async () => {
    const name = uniqueName('ev-pause');
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.getByRole('status', { name: 'Stream: Paused' }).count()).toBe(1);
    await objectFilter().fill(name);
    tracker.container(name);
    await docker(['create', '--name', name, TEST_IMAGE, 'true']);
    await docker(['rm', name]);
    const banner = page.getByRole('status').filter({ hasText: /^Paused: / });
    await expect
      .poll(async () =>
        Number(/Paused: ([\d,]+)/.exec((await banner.textContent()) ?? '')?.[1]?.replace(/,/g, '') ?? 0),
      )
      .toBeGreaterThanOrEqual(2);
    expect(await row('container', 'create', name).count()).toBe(0);
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => row('container', 'create', name).count()).toBe(1);
    expect(await row('container', 'destroy', name).count()).toBe(1);
    expect(await banner.count()).toBe(0);

    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => row('container', 'create', name).count()).toBe(0);
    await objectFilter().fill('');
  });

  test('export saves the rows shown as JSON lines', async () => {
    const name = uniqueName('ev-export');
    await objectFilter().fill(name);
    const id = await lifecycle(name);
    await expect.poll(() => row('container', 'destroy', name).count(), { timeout: 15_000 }).toBe(1);
    const shown = (await grid().getByRole('row').count()) - 1;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^berth-events-\d{8}-\d{6}\.jsonl$/);
    const text = await readFile(await download.path(), 'utf8');
    const lines = text
      .split('\n')
      .filter(Boolean)
      .map(
        (l) =>
          JSON.parse(l) as {
            time: string;
            type: string;
            action: string;
            id: string;
            attributes: Record<string, string>;
          },
      );
    expect(lines).toHaveLength(shown);
    for (const l of lines) {
      expect(l).toMatchObject({ type: 'container', id });
      expect(l.attributes.name).toBe(name);
      expect(Number.isNaN(Date.parse(l.time))).toBe(false);
    }
    const actions = lines.map((l) => l.action);
    expect(actions.slice(0, 2)).toEqual(['create', 'start']);
    expect(actions.at(-1)).toBe('destroy');
    expect(lines.find((l) => l.action === 'die')?.attributes.exitCode).toBe('137');
    await objectFilter().fill('');
  });

  test('since replays past events the live view never saw; a future time is refused', async () => {
    const name = uniqueName('ev-since');
    await lifecycle(name);
    await openEvents();
    await objectFilter().fill(name);
    // Live only: events from before the page opened are not there.
    await page.waitForTimeout(500);
    expect(await row('container', 'create', name).count()).toBe(0);
    await page.getByRole('combobox', { name: 'Since' }).selectOption('5m');
    await expect.poll(() => row('container', 'destroy', name).count(), { timeout: 15_000 }).toBe(1);
    expect(await row('container', 'create', name).count()).toBe(1);
    expect(await page.getByText(/keeps only its last 256 events/).count()).toBe(1);

    await page.getByRole('combobox', { name: 'Since' }).selectOption('custom');
    const future = new Date(Date.now() + 3_600_000);
    const p = (n: number): string => String(n).padStart(2, '0');
    const local = `${future.getFullYear()}-${p(future.getMonth() + 1)}-${p(future.getDate())}T${p(future.getHours())}:${p(future.getMinutes())}:00`;
    await page.getByLabel('Since time').fill(local);
    await expect
      .poll(() =>
        page
          .getByRole('alert')
          .filter({ hasText: /is in the future/ })
          .count(),
      )
      .toBe(1);
    await page.getByRole('combobox', { name: 'Since' }).selectOption('');
    await expect.poll(() => page.getByRole('status', { name: 'Stream: Live' }).count()).toBe(1);
    await objectFilter().fill('');
  });

  test('screenshots in both themes', async () => {
    const name = uniqueName('ev-shot');
    await lifecycle(name);
    for (const theme of ['dark', 'light'] as const) {
      // The theme setting is 'system' in a fresh settings file: the page follows the emulated scheme.
      await page.emulateMedia({ colorScheme: theme });
      await openEvents();
      await page.getByRole('combobox', { name: 'Since' }).selectOption('5m');
      await expect.poll(() => row('container', 'destroy', name).count(), { timeout: 15_000 }).toBe(1);
      await page.screenshot({ path: `${SHOTS}/events-${theme}.png` });
      await objectFilter().fill(name);
      await page.getByRole('button', { name: 'Pause' }).click();
      await page.screenshot({ path: `${SHOTS}/events-filtered-${theme}.png` });
      await page.getByRole('button', { name: 'Resume' }).click();
    }
  });
});
