/**
 * A socket without permission, in Chromium. Berth's web server runs as root WITHOUT the capability
 * that lets root ignore file modes (setpriv drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), and
 * DOCKER_HOST names a socket (a proxy in front of the shared dockerd) owned by nobody:nogroup, mode
 * 0600: connecting is refused with EACCES, as for a user outside the docker group.
 *
 *  1. The No-engine screen says whose socket it is and its mode, not a bare "connect EACCES"; its
 *     "Other engines" section adds the shared dockerd and "Use" switches to it: the Containers table
 *     shows what `docker ps -a` lists.
 *  2. In the switcher the Default engine keeps its own permission error; nothing ever reached the
 *     engine through the locked socket.
 */
import { chownSync, chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { createTracker, docker, engineSocketPath, requireEngine, TEST_IMAGE, uniqueName } from '../helpers/engine';
import { engineSwitcherOf } from '../helpers/engineSwitcher';
import { startSocketProxy, type SocketProxy } from '../helpers/proxy';
import { shootBothThemes } from '../helpers/shots';
import { startBerthWeb, type BerthWeb } from '../helpers/web';

const tracker = createTracker();
const dir = mkdtempSync(join(tmpdir(), 'berth-perm-e2e-'));
const NOBODY = 65534;

let proxy: SocketProxy;
let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;
let name = '';

const grid = (): Locator => page.getByRole('grid', { name: 'Containers' });
const { menu, openMenu } = engineSwitcherOf(() => page);

beforeAll(async () => {
  requireEngine();
  name = tracker.container(uniqueName('perm'));
  await docker(['create', '--name', name, TEST_IMAGE, 'true']);
  proxy = await startSocketProxy(engineSocketPath());
  chownSync(proxy.path, NOBODY, NOBODY);
  chmodSync(proxy.path, 0o600);
  mkdirSync(join(dir, 'runtime'));
  web = await startBerthWeb({
    wrap: ['setpriv', '--bounding-set', '-dac_override,-dac_read_search', '--'],
    env: {
      DOCKER_HOST: proxy.url,
      BERTH_DOCKER_HOST: '',
      DOCKER_CONFIG: join(dir, 'docker-config'),
      XDG_RUNTIME_DIR: join(dir, 'runtime'),
    },
  });
  browser = await launchChromium({ viewport: { width: 1200, height: 860 } });
  page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await proxy?.close();
  await tracker.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('a socket without permission', () => {
  test('the No-engine screen names owner and mode; another engine is one click away', async () => {
    await page.goto(web.url);
    await page.getByRole('heading', { name: 'No container engine found' }).waitFor({ timeout: 20_000 });
    const tried = page.getByRole('list', { name: 'Endpoints tried' });
    await tried
      .getByText(`Permission denied: ${proxy.path} belongs to nobody:nogroup, mode srw-------.`)
      .waitFor({ timeout: 10_000 });
    expect(await tried.innerText()).toContain(`(connect EACCES ${proxy.path})`);
    // The mode is one unbreakable piece (a line never ends inside "srw-------").
    expect(await tried.getByText('srw-------', { exact: true }).evaluate((el) => getComputedStyle(el).whiteSpace)).toBe(
      'nowrap',
    );

    await page.getByRole('button', { name: 'Add engine…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add engine' });
    await dialog.getByRole('radio', { name: 'Unix socket' }).click();
    await dialog.getByLabel('Name', { exact: true }).fill('Shared dockerd');
    await dialog.getByLabel('Socket path', { exact: true }).fill(engineSocketPath());
    await dialog.getByRole('button', { name: 'Add engine' }).click();
    await dialog.waitFor({ state: 'detached' });

    const others = page.getByRole('list', { name: 'Other engines' });
    const shared = others.getByRole('listitem', { name: 'Shared dockerd' });
    await shared.getByText(/API \d/).waitFor({ timeout: 15_000 });
    await shootBothThemes(page, 'engine-permission', { fullPage: true });

    await shared.getByRole('button', { name: 'Use Shared dockerd' }).click();
    await grid().waitFor({ timeout: 20_000 });
    await grid().getByRole('row', { name, exact: true }).waitFor({ timeout: 15_000 });
    const cli = (await docker(['ps', '-a', '--format', '{{.Names}}'])).stdout.split('\n');
    expect(cli).toContain(name);
    // At a 1200 px window the Name column keeps room for names and nothing scrolls sideways: the
    // optional Created column gives way, and comes back in a wider window.
    const header = (name: string): Locator => grid().getByRole('columnheader', { name, exact: true });
    expect((await header('Name').boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(150);
    expect(await grid().evaluate((t) => t.scrollWidth <= (t.parentElement?.clientWidth ?? 0))).toBe(true);
    expect(await header('Created').count()).toBe(0);
    expect(await header('Ports').count()).toBe(1);
    await page.setViewportSize({ width: 1440, height: 860 });
    await header('Created').waitFor();
    await page.setViewportSize({ width: 1200, height: 860 });
    await header('Created').waitFor({ state: 'detached' });
  });

  test("the switcher shows the Default engine's own permission error; nothing reached the engine", async () => {
    await openMenu();
    const def = menu().getByRole('menuitemradio', { name: /^Default/ });
    await def.getByText(/Permission denied: .* belongs to nobody:nogroup/).waitFor({ timeout: 15_000 });
    await shootBothThemes(page, 'engine-permission-menu', { fullPage: true });
    await page.keyboard.press('Escape');
    expect(proxy.requests).toEqual([]);
  });
});
