/**
 * The Settings page in web mode, in Chromium, on the private engine. Every check reads the settings
 * file itself (BERTH_CONFIG_DIR of the server under test) or the effect in the app: the theme on
 * <html>, an open terminal's font, the tail a new log view asks the server for, a container the
 * engine still runs after a cancelled Stop.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { createTracker, docker, requireEngine, TEST_IMAGE, uniqueName, waitFor } from '../helpers/engine';
import { terminalOf } from '../helpers/terminalUi';
import { startBerthWeb, type BerthWeb } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

const tracker = createTracker();
const scratch = mkdtempSync(join(tmpdir(), 'berth-settings-e2e-'));
const configDir = join(scratch, 'config');
const settingsFile = join(configDir, 'settings.json');

let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;

const readSettings = (): Record<string, unknown> =>
  JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;

async function gotoHash(p: Page, hash: string): Promise<void> {
  await p.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

async function openSettings(p: Page): Promise<void> {
  await gotoHash(p, '#/settings');
  await p.getByRole('region', { name: 'Settings' }).waitFor({ timeout: 15_000 });
}

async function newPage(): Promise<Page> {
  const p = await browser.context.newPage();
  p.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await p.goto(web.url);
  await p.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 20_000 });
  return p;
}

/** Types into a setting's field and leaves it with Enter (which saves, or shows why not). */
async function typeSetting(p: Page, label: string, value: string): Promise<void> {
  const field = p.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Enter');
}

beforeAll(async () => {
  requireEngine();
  mkdirSync(configDir, { recursive: true });
  web = await startBerthWeb({ env: { BERTH_CONFIG_DIR: configDir } });
  browser = await launchChromium({ viewport: { width: 1300, height: 860 } });
  await browser.context.addInitScript(() => window.localStorage.setItem('berth.terminal.renderer', 'dom'));
  page = await newPage();
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await tracker.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

describe('settings', () => {
  test('the sidebar reaches the page by keyboard; every section is there', async () => {
    const link = page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Settings' }).waitFor();
    expect(page.url()).toMatch(/#\/settings$/);
    for (const title of ['Appearance', 'Terminal', 'Logs', 'Compose', 'Confirmations']) {
      await page.getByRole('heading', { name: title, exact: true }).waitFor();
    }
  });

  test('theme: the choice switches html[data-theme] at once and is written to the file', async () => {
    await openSettings(page);
    const theme = (): Promise<string | undefined> => page.evaluate(() => document.documentElement.dataset.theme);
    const group = page.getByRole('radiogroup', { name: 'Theme' });
    await group.getByRole('radio', { name: 'Light' }).click();
    await expect.poll(theme).toBe('light');
    await expect.poll(() => readSettings().theme).toBe('light');
    expect(readSettings().version).toBe(1);
    await group.getByRole('radio', { name: 'Dark' }).click();
    await expect.poll(theme).toBe('dark');
    await expect.poll(() => readSettings().theme).toBe('dark');
  });

  test('terminal font size and cursor: an open terminal (in another tab) takes them live', async () => {
    const name = tracker.container(uniqueName('set-term'));
    const { stdout } = await docker(['run', '-d', '--name', name, '--stop-timeout', '1', TEST_IMAGE, 'sleep', '600']);
    const termPage = await newPage();
    const term = terminalOf(() => termPage);
    try {
      await gotoHash(termPage, `#/containers/${stdout.trim()}/terminal`);
      await termPage.getByRole('tablist', { name: 'Terminal sessions' }).waitFor();
      await term.openShell();
      const fontSize = (): Promise<string> =>
        term
          .activeSession()
          .locator('.xterm-rows')
          .evaluate((el) => getComputedStyle(el).fontSize);
      expect(await fontSize()).toBe('13px');

      await openSettings(page);
      await typeSetting(page, 'Font size', '19');
      await expect.poll(() => (readSettings().terminal as { fontSize?: number } | undefined)?.fontSize).toBe(19);
      // Pushed to the other tab (settings.watch), no reload.
      await expect.poll(fontSize, { timeout: 5000 }).toBe('19px');
      await page.getByLabel('Cursor style').selectOption('underline');
      // xterm draws the cursor's style only while the terminal has the focus.
      await termPage.bringToFront();
      await term.activeSession().locator('.xterm').click();
      await expect
        .poll(() => term.activeSession().locator('.xterm-rows .xterm-cursor-underline').count(), { timeout: 5000 })
        .toBeGreaterThan(0);
      // The terminal still works at the new size.
      await term.typeLine('echo sized-$((6*7))');
      await term.waitScreen(/sized-42/);
    } finally {
      await termPage.close();
    }
  });

  test('logs tail default: a newly opened log view asks for that tail', async () => {
    const name = tracker.container(uniqueName('set-logs'));
    const { stdout } = await docker([
      'run',
      '-d',
      '--name',
      name,
      TEST_IMAGE,
      'sh',
      '-c',
      'for i in $(seq 1 40); do echo line-$i; done; sleep 600',
    ]);
    const id = stdout.trim();
    await openSettings(page);
    await typeSetting(page, 'Tail', '7');
    await expect.poll(() => (readSettings().logs as { tail?: unknown } | undefined)?.tail).toBe(7);

    const logsPage = await newPage();
    try {
      const sent: string[] = [];
      logsPage.on('websocket', (ws) =>
        ws.on('framesent', (f) => typeof f.payload === 'string' && sent.push(f.payload)),
      );
      // The page's socket opened before the listener: reload so its frames are seen from the start.
      await logsPage.reload();
      await logsPage.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 20_000 });
      await gotoHash(logsPage, `#/logs?ids=${id}`);
      const lines = logsPage.getByRole('log', { name: 'Log lines' });
      await lines.getByText('line-40', { exact: true }).waitFor({ timeout: 15_000 });
      const logRequests = sent
        .filter((s) => s.includes('"containers.logs"'))
        .map((s) => (JSON.parse(s) as { args: { tail?: unknown } }).args.tail);
      expect(logRequests.length).toBeGreaterThan(0);
      expect(logRequests.every((t) => t === 7)).toBe(true);
      expect(await lines.getByText('line-34', { exact: true }).count()).toBe(1);
      expect(await lines.getByText('line-33', { exact: true }).count()).toBe(0);
      expect(await logsPage.getByRole('combobox', { name: 'Tail' }).inputValue()).toBe('7');
    } finally {
      await logsPage.close();
    }
  });

  test('an invalid value shows its message next to the field, and the file is not touched', async () => {
    await openSettings(page);
    const before = readFileSync(settingsFile, 'utf8');
    const cases: [string, string, RegExp][] = [
      ['Font size', '3', /Font size must be at least 6/],
      ['Scrollback lines', '-1', /Scrollback must be at least 0/],
      ['Tail', 'lots', /Tail must be a whole number of lines, or “all”/],
      ['Compose CLI path', 'docker-compose', /absolute path/],
    ];
    for (const [label, value, message] of cases) {
      await typeSetting(page, label, value);
      const field = page.getByLabel(label, { exact: true });
      await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
      expect(await page.locator(`[id="${describedBy}"]`).innerText()).toMatch(message);
      // Escape puts the saved value back.
      await field.press('Escape');
      await expect.poll(() => field.getAttribute('aria-invalid')).toBeNull();
    }
    // A path that is absolute but not a compose CLI: the server tries it and says why.
    await typeSetting(page, 'Compose CLI path', '/bin/true');
    const compose = page.getByLabel('Compose CLI path', { exact: true });
    await expect.poll(() => compose.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
    await compose.press('Escape');
    expect(readFileSync(settingsFile, 'utf8')).toBe(before);
  });

  test('"Ask before Stop": Stop asks first; Cancel leaves the container running', async () => {
    const name = tracker.container(uniqueName('set-confirm'));
    await docker(['run', '-d', '--name', name, '--stop-timeout', '1', TEST_IMAGE, 'sleep', '600']);
    await openSettings(page);
    await page.getByRole('checkbox', { name: 'Ask before Stop, Restart and Kill' }).check();
    await expect.poll(() => (readSettings().confirmations as { stopRestart?: boolean }).stopRestart).toBe(true);
    await gotoHash(page, '#/containers');
    const row = page.getByRole('row', { name: new RegExp(name) });
    await row.getByRole('button', { name: 'Stop' }).click();
    const dialog = page.getByRole('dialog', { name: `Stop ${name}?` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await docker(['inspect', '-f', '{{.State.Running}}', name])).stdout.trim()).toBe('true');
    await row.getByRole('button', { name: 'Stop' }).click();
    await dialog.getByRole('button', { name: 'Stop' }).click();
    await waitFor(async () => (await docker(['inspect', '-f', '{{.State.Running}}', name])).stdout.trim() === 'false', {
      timeoutMs: 15_000,
      message: `${name} to stop`,
    });
  });

  test('screenshots of the page in both themes', async () => {
    await openSettings(page);
    for (const theme of ['dark', 'light'] as const) {
      await page
        .getByRole('radiogroup', { name: 'Theme' })
        .getByRole('radio', { name: theme === 'dark' ? 'Dark' : 'Light' })
        .click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      await typeSetting(page, 'Font size', '3');
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(SHOTS, `settings-${theme}.png`) });
      await page.getByLabel('Font size', { exact: true }).press('Escape');
      await page.getByRole('heading', { name: 'Confirmations', exact: true }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `settings-lower-${theme}.png`) });
    }
  });

  test('Reset all: after a confirmation naming what goes, defaults apply and the file is rewritten', async () => {
    writeFileSync(
      settingsFile,
      JSON.stringify({ ...readSettings(), engines: { chosen: 'e2e' }, notifications: { on: true } }, null, 2),
    );
    await openSettings(page);
    await page.getByRole('button', { name: 'Reset all…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset all settings?' });
    const items = await dialog.getByRole('list', { name: 'Settings to reset' }).innerText();
    expect(items).toMatch(/Theme/);
    expect(items).toMatch(/Engines/);
    expect(items).toMatch(/Notifications/);
    await page.screenshot({ path: join(SHOTS, 'settings-reset-all.png') });
    await dialog.getByRole('button', { name: 'Reset all settings' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(readSettings).toEqual({ version: 1 });
    await expect.poll(() => page.getByLabel('Font size', { exact: true }).inputValue()).toBe('13');
    expect(
      await page
        .getByRole('radiogroup', { name: 'Theme' })
        .getByRole('radio', { name: 'System' })
        .getAttribute('aria-checked'),
    ).toBe('true');
  });
});

describe('a settings file Berth cannot use', () => {
  let other: BerthWeb | undefined;
  afterAll(async () => {
    await other?.stop();
  });

  for (const kind of ['corrupt', 'newer'] as const) {
    test(`${kind}: kept aside, reported in a toast and on the Settings page, defaults in use`, async () => {
      const dir = join(scratch, `config-${kind}`);
      mkdirSync(dir, { recursive: true });
      const content =
        kind === 'corrupt' ? '{ "theme": "dark", "terminal": ' : JSON.stringify({ version: 7, theme: { auto: true } });
      writeFileSync(join(dir, 'settings.json'), content);
      await other?.stop();
      other = await startBerthWeb({ env: { BERTH_CONFIG_DIR: dir } });
      const p = await browser.context.newPage();
      try {
        await p.goto(other.url);
        const why = kind === 'corrupt' ? /was corrupt/ : /was from a newer Berth/;
        await p.getByText(why).first().waitFor({ timeout: 20_000 });
        const kept = readdirSync(dir).filter((f) => f.startsWith(`settings.json.${kind}-`));
        expect(kept).toHaveLength(1);
        expect(readFileSync(join(dir, kept[0]!), 'utf8')).toBe(content);
        await p.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 20_000 });
        await openSettings(p);
        const alert = p.getByRole('alert').filter({ hasText: 'It was kept as' });
        expect(await alert.innerText()).toContain(join(dir, kept[0]!));
        expect(await alert.innerText()).toMatch(/Defaults are in use/);
        expect(await p.getByLabel('Font size', { exact: true }).inputValue()).toBe('13');
        if (kind === 'corrupt') {
          for (const theme of ['dark', 'light'] as const) {
            await p
              .getByRole('radiogroup', { name: 'Theme' })
              .getByRole('radio', { name: theme === 'dark' ? 'Dark' : 'Light' })
              .click();
            await expect.poll(() => p.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
            await p.waitForTimeout(200);
            await p.screenshot({ path: join(SHOTS, `settings-kept-aside-${theme}.png`) });
          }
          // The next write makes a fresh file; the kept copy stays.
          expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ version: 1, theme: 'light' });
          expect(readFileSync(join(dir, kept[0]!), 'utf8')).toBe(content);
        }
      } finally {
        await p.close();
      }
    });
  }
});
