/**
 * The engine switcher in web mode, in Chromium: switch from the shared dockerd to Podman and back via
 * the sidebar footer, the Containers table following each engine (checked against `docker -H … ps -a`);
 * an open terminal ends with "Switched to engine X — session ended"; engines added by unix path and an
 * unreachable tcp one (its own error on its entry, the others still usable); the choice remembered
 * across a web-server restart (same BERTH_CONFIG_DIR).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { createTracker, docker, requireEngine, TEST_IMAGE, uniqueName, waitFor } from '../helpers/engine';
import { podman, PODMAN_HOST } from '../helpers/podman';
import { engineSwitcherOf } from '../helpers/engineSwitcher';
import { terminalOf } from '../helpers/terminalUi';
import { messageOf, startBerthWeb, type BerthWeb } from '../helpers/web';
import { shootBothThemes } from '../helpers/shots';

const DOCKERD = process.env.BERTH_TEST_DOCKER_HOST ?? '';
const tracker = createTracker();
const podmanNames: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'berth-switch-e2e-'));
const configDir = join(dir, 'config');

let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;
let dockerName = '';
let dockerId = '';
let podmanName = '';

/** The machine's own contexts and Podman sockets stay out of this test's switcher. */
function serverEnv(dockerHost: string): NodeJS.ProcessEnv {
  mkdirSync(join(dir, 'runtime'), { recursive: true });
  return {
    BERTH_CONFIG_DIR: configDir,
    DOCKER_HOST: dockerHost,
    DOCKER_CONFIG: join(dir, 'docker-config'),
    XDG_RUNTIME_DIR: join(dir, 'runtime'),
  };
}

/** `docker -H <host> ps -a` names, as the CLI sees that engine. */
function cliNames(host: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.DOCKER_HOST;
    execFile('docker', ['-H', host, 'ps', '-a', '--format', '{{.Names}}'], { env }, (err, out) =>
      err ? reject(err) : resolve(out.split('\n').filter(Boolean)),
    );
  });
}

const grid = (): Locator => page.getByRole('grid', { name: 'Containers' });
const row = (n: string): Locator => grid().getByRole('row', { name: n, exact: true });
const { switcher, menu, openMenu, switchTo, addEngine } = engineSwitcherOf(() => page);
const { waitScreen, openShell } = terminalOf(() => page);

const addUnix = (name: string, path: string): Promise<void> =>
  addEngine('Unix socket', { Name: name, 'Socket path': path });

/** The table shows this engine's containers: ours there, the other engine's not. */
async function tableShows(host: string, present: string, absent: string): Promise<void> {
  expect(await cliNames(host)).toContain(present);
  await row(present).waitFor({ timeout: 15_000 });
  await row(absent).waitFor({ state: 'detached', timeout: 15_000 });
}

beforeAll(async () => {
  requireEngine();
  if (!PODMAN_HOST) throw new Error('BERTH_TEST_PODMAN_HOST is needed for the engine-switch test');
  dockerName = tracker.container(uniqueName('switch-d'));
  dockerId = (await docker(['run', '-d', '--name', dockerName, TEST_IMAGE, 'sleep', '600'])).stdout.trim();
  podmanName = uniqueName('switch-p');
  podmanNames.push(podmanName);
  await podman(['create', '--name', podmanName, TEST_IMAGE, 'true']);
  web = await startBerthWeb({ env: serverEnv(DOCKERD) });
  browser = await launchChromium({ viewport: { width: 1300, height: 820 } });
  await browser.context.addInitScript(() => window.localStorage.setItem('berth.terminal.renderer', 'dom'));
  page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(web.url);
  await grid().waitFor({ timeout: 20_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await tracker.cleanup();
  for (const n of podmanNames) await podman(['rm', '-f', n], { allowFail: true });
  rmSync(dir, { recursive: true, force: true });
});

describe('engine switcher', () => {
  test('adds engines; a bad address is refused next to its field; an unreachable one shows its own error', async () => {
    await row(dockerName).waitFor({ timeout: 15_000 });
    await addUnix('Test Podman', PODMAN_HOST!.replace(/^unix:\/\//, ''));
    await addUnix('Same dockerd', DOCKERD.replace(/^unix:\/\//, ''));

    await openMenu();
    await menu().getByRole('menuitem', { name: 'Add engine…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add engine' });
    await dialog.getByRole('radio', { name: 'TCP' }).click();
    await dialog.getByLabel('Name', { exact: true }).fill('Nowhere');
    const address = dialog.getByLabel('Address', { exact: true });
    await address.fill('127.0.0.1:1');
    await dialog.getByRole('button', { name: 'Add engine' }).click();
    expect(await messageOf(page, address)).toContain('Use tcp://host:port');
    await shootBothThemes(page, 'engine-add-error');
    await address.fill('tcp://127.0.0.1:1');
    await dialog.getByRole('button', { name: 'Add engine' }).click();
    await dialog.waitFor({ state: 'detached' });

    await openMenu();
    const nowhere = menu().getByRole('menuitemradio', { name: /^Nowhere/ });
    await nowhere.getByText(/ECONNREFUSED/).waitFor({ timeout: 15_000 });
    await menu()
      .getByRole('menuitemradio', { name: /^Test Podman/ })
      .getByText(/API \d/)
      .waitFor({ timeout: 15_000 })
      .catch(async (e: Error) => {
        throw new Error(`${e.message}\nmenu:\n${await menu().innerText()}`);
      });
    await menu()
      .getByRole('menuitemradio', { name: /^Default/ })
      .getByText(/API \d/)
      .waitFor();
    // Keyboard: arrows move between engines, Escape closes and gives focus back to the switcher.
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toMatch(/^menuitem/);
    await shootBothThemes(page, 'engine-switcher');
    await page.keyboard.press('Escape');
    await menu().waitFor({ state: 'detached' });
    expect(await switcher().evaluate((el) => el === document.activeElement)).toBe(true);
  });

  test('an open terminal ends with a message; the table follows dockerd → podman → dockerd', async () => {
    await page.evaluate((id) => {
      window.location.hash = `#/containers/${id}/terminal`;
    }, dockerId);
    await openShell();
    // Another entry for the same dockerd: the container is there too, so the page stays and the
    // terminal says why it ended.
    await switchTo('Same dockerd');
    await waitScreen(/Switched to engine Same dockerd — session ended/);
    expect(page.url()).toContain(`/containers/${dockerId}/terminal`);

    // Podman has no such container: the page goes back to the list, which shows Podman's containers.
    await switchTo('Test Podman');
    await waitFor(() => page.url().endsWith('#/containers'), { timeoutMs: 10_000, message: 'back to the list' });
    await tableShows(PODMAN_HOST!, podmanName, dockerName);

    await switchTo('Default');
    await tableShows(DOCKERD, dockerName, podmanName);
  });

  test('the choice is remembered across a web-server restart', async () => {
    await switchTo('Test Podman');
    await tableShows(PODMAN_HOST!, podmanName, dockerName);
    await web.stop();
    // No DOCKER_HOST this time: an explicit one would win over the remembered engine.
    web = await startBerthWeb({ env: serverEnv('') });
    await page.goto(web.url);
    await grid().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: /^Engine: Test Podman/ }).waitFor({ timeout: 15_000 });
    await tableShows(PODMAN_HOST!, podmanName, dockerName);
  });
});
