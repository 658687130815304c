import type { Locator, Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from './chromium';
import { afterAll, beforeAll } from 'vitest';
import { docker, requireEngine, waitFor, type Tracker } from './engine';
import { startBerthWeb, type BerthWeb, waitForViewsReady } from './web';

/**
 * UI steps the network e2e tests share: open Berth, create a network through the Networks page, run a
 * container from the Run dialog, open a network's page.
 */

export async function gotoSection(page: Page, name: 'Containers' | 'Networks'): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: new RegExp(`^${name}`) })
    .click();
  await page.getByRole('grid', { name }).waitFor({ timeout: 20_000 });
}

/**
 * Creates a user-defined bridge through the Create network dialog ("Create network" button, dialog
 * "Create network", field "Name", button "Create") and waits for its row. No CLI fallback: a test using
 * this fails when the UI cannot create the network.
 */
export async function createNetworkViaUi(page: Page, name: string): Promise<void> {
  await gotoSection(page, 'Networks');
  await page.getByRole('button', { name: 'Create network' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create network' });
  await dialog.waitFor();
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await waitFor(async () => (await dialog.count()) === 0, { timeoutMs: 20_000, message: 'create dialog closes' });
  await page
    .getByRole('grid', { name: 'Networks' })
    .getByRole('row', { name, exact: true })
    .waitFor({ timeout: 20_000 });
}

/** Runs `busybox sleep 3600` from the Run dialog on `network` with `aliases`; resolves with its id. */
export async function runFromDialog(
  page: Page,
  opts: { name: string; image: string; network?: string; aliases?: string },
): Promise<string> {
  await gotoSection(page, 'Containers');
  await page.getByRole('button', { name: 'Run container' }).click();
  const d = page.getByRole('dialog', { name: 'Run a container' });
  await d.waitFor();
  await d.getByLabel('Image', { exact: true }).fill(opts.image);
  await d.getByLabel('Name', { exact: true }).fill(opts.name);
  await d.getByLabel('Command', { exact: true }).fill('sleep 3600');
  if (opts.network) {
    const network = d.getByRole('combobox', { name: 'Network', exact: true });
    const net = opts.network;
    await waitFor(async () => (await network.locator('option').allTextContents()).includes(net), {
      timeoutMs: 20_000,
      message: `Run dialog offers network ${net}`,
    });
    await network.selectOption(net);
  }
  if (opts.aliases) await d.getByLabel('Network aliases', { exact: true }).fill(opts.aliases);
  await d.getByRole('button', { name: 'Run', exact: true }).click();
  const id = await waitFor(
    async () => {
      const { stdout } = await docker(['ps', '-q', '--no-trunc', '--filter', `name=^/${opts.name}$`]);
      return stdout.trim();
    },
    { timeoutMs: 30_000, message: `container ${opts.name} runs` },
  );
  await waitFor(async () => (await d.count()) === 0, { timeoutMs: 20_000, message: 'run dialog closes' });
  return id;
}

/** Opens a network's page from the Networks table (Enter on its row). */
export async function openNetworkPage(page: Page, name: string): Promise<Locator> {
  await gotoSection(page, 'Networks');
  const row = page.getByRole('grid', { name: 'Networks' }).getByRole('row', { name, exact: true });
  await row.waitFor({ timeout: 20_000 });
  await row.click();
  await page.keyboard.press('Enter');
  const region = page.getByRole('region', { name: `Network ${name}` });
  await region.waitFor({ timeout: 20_000 });
  return region;
}

export interface OpenedBerth {
  web: BerthWeb;
  browser: LaunchedChromium;
  page: Page;
  close(): Promise<void>;
}

/**
 * Starts web mode, opens it in Chromium on the Containers view and waits until the other views' code
 * is in (creating a network changes the host's interfaces, and Chromium then aborts requests in flight).
 * `terminalDom`: xterm's DOM renderer, so a test can read the terminal's screen as text; `env`: the
 * server's extra environment (e.g. DOCKER_HOST at another engine).
 */
export async function openBerth(opts: { terminalDom?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<OpenedBerth> {
  const web = await startBerthWeb({ env: opts.env });
  const browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
  if (opts.terminalDom)
    await browser.context.addInitScript(() => window.localStorage.setItem('berth.terminal.renderer', 'dom'));
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(web.url);
  await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 20_000 });
  await waitForViewsReady(page);
  return {
    web,
    browser,
    page,
    close: async () => {
      await browser.close();
      await web.stop();
    },
  };
}

/**
 * Registers the file's beforeAll/afterAll: Berth opened as openBerth does (`page` is there once the
 * hooks ran), and `tracker`'s resources removed at the end.
 */
export function berthForFile(tracker: Tracker, opts: { terminalDom?: boolean } = {}): { readonly page: Page } {
  let berth: OpenedBerth | undefined;
  beforeAll(async () => {
    requireEngine();
    berth = await openBerth(opts);
  });
  afterAll(async () => {
    await berth?.close();
    await tracker.cleanup();
  });
  return {
    get page(): Page {
      if (!berth) throw new Error('Berth is not open yet (use the page inside a test)');
      return berth.page;
    },
  };
}
