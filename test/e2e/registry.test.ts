import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { createTracker, docker, requireEngine, TEST_IMAGE, uniqueName, waitFor } from '../helpers/engine';
import { requireRegistries, tempDockerConfig, type TestRegistries } from '../helpers/registry';
import { startBerthWeb, type BerthWeb } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

/**
 * Registries in web mode on the private engine and the local test registries: pull with per-layer
 * progress, cancel, tag with two names, push, and a pull that needs credentials prompting a login.
 * Berth runs with a temp DOCKER_CONFIG; the CLI's own checks use another.
 */

const tracker = createTracker();
let reg: TestRegistries;
let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;
let berthConfig: ReturnType<typeof tempDockerConfig>;
let cliConfig: ReturnType<typeof tempDockerConfig>;
/** An image of several big layers in the open registry, not present locally. */
let bigRef: string;

async function imageExists(ref: string): Promise<boolean> {
  return (await docker(['image', 'inspect', ref], { allowFail: true })).code === 0;
}

/** The docker CLI with its own temp config (never ~/.docker). */
function cli(args: string[], input?: string) {
  return docker(['--config', cliConfig.dir, ...args], input === undefined ? {} : { input });
}

function grid(): Locator {
  return page.getByRole('grid', { name: 'Images' });
}

function row(name: string): Locator {
  return grid().getByRole('row', { name, exact: true });
}

async function openPull(): Promise<Locator> {
  // The header's button (the dialog has its own "Pull" submit button).
  await page.locator('header').getByRole('button', { name: 'Pull', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Pull image' });
  await dialog.waitFor();
  return dialog;
}

beforeAll(async () => {
  requireEngine();
  reg = requireRegistries();
  berthConfig = tempDockerConfig();
  cliConfig = tempDockerConfig();

  // Four layers of random data so a pull over loopback takes long enough to watch and cancel.
  bigRef = tracker.image(`${reg.open}/${uniqueName('e2e-big')}:v1`);
  const steps = [1, 2, 3, 4].map((i) => `RUN dd if=/dev/urandom of=/blob${i} bs=1M count=48 2>/dev/null`).join('\n');
  await docker(['build', '-q', '-t', bigRef, '-'], { input: `FROM ${TEST_IMAGE}\n${steps}\n`, timeoutMs: 240_000 });
  await cli(['push', '-q', bigRef]);
  await docker(['rmi', bigRef]);

  web = await startBerthWeb({ env: { DOCKER_CONFIG: berthConfig.dir } });
  browser = await launchChromium({ viewport: { width: 1400, height: 860 } });
  page = await browser.context.newPage();
  await page.goto(web.url);
  await page.getByRole('link', { name: /^Images/ }).click();
  await grid().waitFor();
  await row('busybox:latest').waitFor();
}, 300_000);

// A failed test must not leave its dialog over the next test's page.
afterEach(async () => {
  for (let i = 0; i < 4 && (await page.getByRole('dialog').count()) > 0; i++) await page.keyboard.press('Escape');
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await tracker.cleanup();
  berthConfig?.remove();
  cliConfig?.remove();
});

describe('registry flows', () => {
  test('the pull dialog validates the reference inline by Docker rules; a missing tag is "Not found"', async () => {
    const dialog = await openPull();
    const input = dialog.getByLabel('Image reference');
    await input.fill('Busybox');
    await expect.poll(() => dialog.textContent()).toContain('repository name must be lowercase');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await input.fill('busybox');
    await expect.poll(() => dialog.textContent()).toContain('Pulls docker.io/library/busybox:latest');
    // A tag the registry does not have: told apart from a credentials problem.
    const missing = `${reg.open}/${uniqueName('e2e-missing')}:nope`;
    await input.fill(missing);
    await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(/^Not found: .*manifest unknown/);
    expect(await page.getByRole('dialog', { name: /^Log in/ }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect.poll(() => dialog.count()).toBe(0);
  });

  test('cancelling a pull stops it: the image does not arrive', async () => {
    const dialog = await openPull();
    await dialog.getByLabel('Image reference').fill(bigRef);
    await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
    // Wait until bytes are moving on some layer, then cancel.
    await waitFor(
      async () => {
        const bars = dialog.getByRole('progressbar', { name: /^Layer / });
        const n = await bars.count();
        for (let i = 0; i < n; i++) if (Number(await bars.nth(i).getAttribute('aria-valuenow')) > 0) return true;
        return false;
      },
      { timeoutMs: 60_000, intervalMs: 50, message: 'a layer moving' },
    );
    await dialog.getByRole('button', { name: 'Cancel pull' }).click();
    await dialog.getByRole('status').filter({ hasText: 'cancelled' }).waitFor();
    // Watched for longer than the whole pull takes here: it never lands.
    for (let i = 0; i < 12; i++) {
      expect(await imageExists(bigRef)).toBe(false);
      await new Promise((r) => setTimeout(r, 500));
    }
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  });

  test('pull with per-layer progress from the local registry', async () => {
    const dialog = await openPull();
    await dialog.getByLabel('Image reference').fill(bigRef);
    await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
    const overall = dialog.getByRole('progressbar', { name: 'Overall pull progress' });
    await overall.waitFor();
    // Catch it mid-way for the screenshot when the machine is slow enough to allow it.
    await waitFor(async () => (await dialog.getByRole('progressbar', { name: /^Layer / }).count()) >= 4, {
      timeoutMs: 60_000,
      intervalMs: 50,
      message: 'the layer bars',
    });
    await page.screenshot({ path: `${SHOTS}/registry-pull-progress.png` });
    await dialog.getByText('Pull finished', { exact: true }).waitFor({ timeout: 120_000 });
    expect(await overall.getAttribute('aria-valuenow')).toBe('100');
    // Every layer ends finished; the busybox base already existed.
    const layers = dialog.getByRole('list', { name: 'Layers' }).getByRole('listitem');
    const texts = await layers.allTextContents();
    expect(texts.length).toBeGreaterThanOrEqual(5);
    expect(texts.some((t) => t.includes('Already exists'))).toBe(true);
    expect(texts.filter((t) => t.includes('Pull complete')).length).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: `${SHOTS}/registry-pull-done.png` });
    const theme = await page.evaluate(() => document.documentElement.getAttribute('data-theme'));
    for (const t of ['light', 'dark']) {
      await page.evaluate((v) => document.documentElement.setAttribute('data-theme', v), t);
      await page.waitForTimeout(300); // let colour transitions settle
      await page.screenshot({ path: `${SHOTS}/registry-pull-done-${t}.png` });
    }
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t ?? 'dark'), theme);
    expect(await imageExists(bigRef)).toBe(true);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect.poll(() => row(bigRef).count(), { timeout: 20_000 }).toBe(1);
  });

  test('tag with two tags, then push one; the CLI pulls it back from the registry', async () => {
    const src = tracker.image(`${uniqueName('e2e-src')}:v1`);
    await docker(['tag', TEST_IMAGE, src]);
    await expect.poll(() => row(src).count(), { timeout: 20_000 }).toBe(1);
    const repo = `${reg.open}/${uniqueName('e2e-tag')}`;
    const t1 = tracker.image(`${repo}:one`);
    const t2 = tracker.image(`${repo}:two`);

    await row(src).getByRole('button', { name: 'Tag' }).click();
    const dialog = page.getByRole('dialog', { name: `Tag ${src}` });
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: 'New tag 1' }).fill('Bad:Tag:x');
    await dialog.getByRole('button', { name: 'Add another tag' }).click();
    await dialog.getByRole('textbox', { name: 'New tag 2' }).fill(t2);
    await dialog.getByRole('button', { name: 'Add 2 tags' }).click();
    await expect.poll(() => dialog.textContent()).toContain('invalid reference format');
    expect(await imageExists(t2)).toBe(false);
    await dialog.getByRole('textbox', { name: 'New tag 1' }).fill(t1);
    await page.screenshot({ path: `${SHOTS}/registry-tag.png` });
    await dialog.getByRole('button', { name: 'Add 2 tags' }).click();
    await expect.poll(() => dialog.count(), { timeout: 20_000 }).toBe(0);
    expect(await imageExists(t1)).toBe(true);
    expect(await imageExists(t2)).toBe(true);

    await expect.poll(() => row(t1).count(), { timeout: 20_000 }).toBe(1);
    await row(t1).getByRole('button', { name: 'Push' }).click();
    const push = page.getByRole('dialog', { name: `Push ${t1}` });
    await push.waitFor();
    await push.getByRole('button', { name: 'Push', exact: true }).click();
    await push.getByText('Push finished', { exact: true }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: `${SHOTS}/registry-push.png` });
    await push.getByRole('button', { name: 'Close', exact: true }).last().click();

    // The registry has it: remove the local tag and pull with the CLI.
    await docker(['rmi', t1]);
    await cli(['pull', '-q', t1]);
    expect(await imageExists(t1)).toBe(true);
  });

  test('history of an image: the build steps, empty steps dimmed', async () => {
    await row(bigRef).getByRole('button', { name: 'History' }).click();
    const dialog = page.getByRole('dialog', { name: `History of ${bigRef}` });
    const table = dialog.getByRole('table', { name: 'Image history' });
    await table.waitFor();
    const rows = table.getByRole('row');
    // Header + 4 RUN steps + busybox's own steps.
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(6);
    expect(await table.textContent()).toContain('dd if=/dev/urandom of=/blob4');
    expect(await table.textContent()).toContain('48 MiB');
    await page.screenshot({ path: `${SHOTS}/registry-history.png` });
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  });

  test('a pull that needs credentials prompts a login, then succeeds; the credentials land in config.json', async () => {
    const ref = tracker.image(`${reg.auth}/${uniqueName('e2e-auth')}:v1`);
    await docker(['tag', TEST_IMAGE, ref]);
    await cli(['login', '-u', reg.user, '--password-stdin', reg.auth], reg.password);
    await cli(['push', '-q', ref]);
    await docker(['rmi', ref]);

    const dialog = await openPull();
    await dialog.getByLabel('Image reference').fill(ref);
    await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
    const login = page.getByRole('dialog', { name: `Log in to ${reg.auth}` });
    await login.waitFor({ timeout: 30_000 });
    expect(await login.textContent()).toMatch(/no basic auth credentials/);
    await login.getByLabel('Username').fill(reg.user);
    await login.getByLabel('Password or access token').fill('not-the-password');
    await login.getByRole('button', { name: 'Log in', exact: true }).click();
    await login.getByRole('alert').filter({ hasText: 'refused these credentials' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/registry-login-refused.png` });
    await login.getByLabel('Password or access token').fill(reg.password);
    await login.getByRole('button', { name: 'Log in', exact: true }).click();
    await dialog.getByText('Pull finished', { exact: true }).waitFor({ timeout: 60_000 });
    expect(await imageExists(ref)).toBe(true);
    const cfg = JSON.parse(readFileSync(berthConfig.configPath, 'utf8')) as { auths: Record<string, { auth: string }> };
    expect(Buffer.from(cfg.auths[reg.auth]?.auth ?? '', 'base64').toString()).toBe(`${reg.user}:${reg.password}`);
    // The web server's log never carries the secret.
    expect(web.stderr()).not.toContain(reg.password);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();

    // The Registries dialog lists it and logs out.
    await page.locator('header').getByRole('button', { name: 'Registries' }).click();
    const regs = page.getByRole('dialog', { name: 'Registries' });
    await regs.getByRole('listitem', { name: reg.auth }).waitFor();
    await page.screenshot({ path: `${SHOTS}/registry-registries.png` });
    await regs.getByRole('button', { name: `Log out of ${reg.auth}` }).click();
    const confirm = page.getByRole('dialog', { name: `Log out of ${reg.auth}?` });
    expect(await confirm.textContent()).toContain('config.json');
    await confirm.getByRole('button', { name: 'Log out', exact: true }).click();
    await regs.getByText('Not logged in to any registry').waitFor();
    const after = JSON.parse(readFileSync(berthConfig.configPath, 'utf8')) as { auths: Record<string, unknown> };
    expect(after.auths[reg.auth]).toBeUndefined();
  });
});
