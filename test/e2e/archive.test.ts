import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { createTracker, docker, requireEngine, TEST_IMAGE, uniqueName, waitFor } from '../helpers/engine';
import { startBerthWeb, type BerthWeb } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

/**
 * Archive features in web mode on the private engine: the prune preview (only our own image is
 * confirmed: everything else is unticked first), save → load round trip, commit from the detail page.
 */

const tracker = createTracker();
const images: string[] = [];
let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;
let dir: string;

function image(ref: string): string {
  images.push(ref);
  return ref;
}

async function imageId(ref: string): Promise<string | undefined> {
  const r = await docker(['image', 'inspect', '--format', '{{.Id}}', ref], { allowFail: true });
  return r.code === 0 ? r.stdout.trim() : undefined;
}

function grid(): Locator {
  return page.getByRole('grid', { name: 'Images' });
}

async function gotoHash(hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

/** An untagged image of our own: a commit of a container that wrote `bytes` random bytes. */
async function danglingImage(prefix: string, bytes: number): Promise<string> {
  const src = tracker.container(uniqueName(prefix));
  await docker(['run', '--name', src, TEST_IMAGE, 'sh', '-c', `head -c ${bytes} /dev/urandom > /blob`]);
  return image((await docker(['commit', '--change', `LABEL berth.test=${src}`, src])).stdout.trim());
}

beforeAll(async () => {
  requireEngine();
  dir = mkdtempSync(join(tmpdir(), 'berth-e2e-archive-'));
  web = await startBerthWeb();
  browser = await launchChromium({ viewport: { width: 1400, height: 860 } });
  page = await browser.context.newPage();
  await page.goto(web.url);
  await page.getByRole('link', { name: /^Images/ }).click();
  await grid().waitFor();
  await grid().getByRole('row', { name: 'busybox:latest', exact: true }).waitFor();
});

// A test that fails with a dialog open must not make the next ones fail behind it.
afterEach(async () => {
  for (let i = 0; i < 3 && (await page.getByRole('dialog').count()) > 0; i++) await page.keyboard.press('Escape');
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await tracker.cleanup();
  for (const ref of images.reverse()) await docker(['image', 'rm', '--force', ref], { allowFail: true });
  rmSync(dir, { recursive: true, force: true });
});

describe('prune preview', () => {
  test('lists our dangling image with its size; only it is confirmed; the CLI shows it gone and the rest kept', async () => {
    const doomed = await danglingImage('prune-doomed', 400_000);
    const kept = await danglingImage('prune-kept', 100_000);
    const tagged = image(`${uniqueName('prune-tagged')}:v1`);
    await docker(['tag', await danglingImage('prune-tagged', 1000), tagged]);
    const short = (id: string): string => id.replace('sha256:', '').slice(0, 12);

    await page.getByRole('button', { name: 'Prune', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Prune images' });
    await dialog.waitFor();
    const list = dialog.getByRole('table', { name: 'Images that will be deleted' });
    await list.waitFor({ timeout: 30_000 });
    const doomedRow = list.getByRole('row', { name: new RegExp(short(doomed)) });
    const keptRow = list.getByRole('row', { name: new RegExp(short(kept)) });
    await doomedRow.waitFor();
    await keptRow.waitFor();
    // Its own 400 kB layer is what it frees (busybox's layers stay).
    expect(await doomedRow.textContent()).toMatch(/39\d KiB/);

    // Everything is ticked by default; untick all (other engineers' images share this engine), tick ours.
    const boxes = list.getByRole('checkbox', { name: /^Delete / });
    const n = await boxes.count();
    for (let i = 0; i < n; i++) expect(await boxes.nth(i).isChecked()).toBe(true);
    await dialog.getByRole('checkbox', { name: 'Select all images' }).uncheck();
    for (let i = 0; i < n; i++) expect(await boxes.nth(i).isChecked()).toBe(false);
    await doomedRow.getByRole('checkbox').check();
    const confirm = dialog.getByRole('button', { name: /^Delete 1 image \(/ });
    await confirm.waitFor();
    expect(await dialog.textContent()).toContain('1 image selected');
    await page.screenshot({ path: `${SHOTS}/prune-preview.png` });
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await page.screenshot({ path: `${SHOTS}/prune-preview-dark.png` });
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));

    // Only untagged images in "Dangling"; "All unused" adds tagged images nobody uses, e.g. ours.
    const taggedRow = list.getByRole('row', { name: new RegExp(tagged.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
    expect(await taggedRow.count()).toBe(0);
    await dialog.getByRole('radio', { name: 'All unused' }).click();
    await taggedRow.waitFor({ timeout: 30_000 });
    await dialog.getByRole('radio', { name: 'Dangling' }).click();
    await doomedRow.waitFor({ timeout: 30_000 });
    expect(await taggedRow.count()).toBe(0);
    await dialog.getByRole('checkbox', { name: 'Select all images' }).uncheck();
    await doomedRow.getByRole('checkbox').check();
    expect(await dialog.getByRole('checkbox', { checked: true }).count()).toBe(1);

    await dialog.getByRole('button', { name: /^Delete 1 image \(/ }).click();
    await waitFor(async () => (await imageId(doomed)) === undefined, { timeoutMs: 20_000, message: 'pruned' });
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    expect(await imageId(kept)).toBe(kept);
    expect(await imageId(tagged)).toBeDefined();
    expect(await imageId(TEST_IMAGE)).toBeDefined();
    await page.getByRole('status').filter({ hasText: 'Pruned 1 image' }).waitFor();
  });
});

describe('import', () => {
  test('import a file system tar with tag, message and CMD: a bad instruction is refused first; docker inspect shows them', async () => {
    const src = tracker.container(uniqueName('import-src'));
    await docker(['create', '--name', src, TEST_IMAGE, 'true']);
    const tar = join(dir, `${uniqueName('rootfs')}.tar`);
    await docker(['export', '-o', tar, src]);
    const ref = image(`${uniqueName('imported')}:v2`);

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import image' });
    await dialog.waitFor();
    await dialog.getByLabel('Root file system tar', { exact: true }).fill(tar);
    await dialog.getByLabel('Repository and tag', { exact: true }).fill(ref);
    await dialog.getByLabel('Message', { exact: true }).fill('imported by berth');
    const changes = dialog.getByLabel('Changes', { exact: true });
    await changes.fill('FROM busybox');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    // Refused next to the field, nothing sent: FROM is no change docker import takes.
    await expect.poll(async () => (await changes.getAttribute('aria-invalid')) === 'true').toBe(true);
    expect(await imageId(ref)).toBeUndefined();

    await changes.fill('CMD ["sh", "-c", "echo hi"]');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Imported ${ref}` })
      .waitFor({ timeout: 60_000 });
    const [comment, cmd] = (
      await docker(['image', 'inspect', '--format', '{{.Comment}}|{{json .Config.Cmd}}', ref])
    ).stdout
      .trim()
      .split('|');
    expect(comment).toBe('imported by berth');
    expect(JSON.parse(cmd ?? 'null')).toEqual(['sh', '-c', 'echo hi']);
    await grid().getByRole('row', { name: ref, exact: true }).waitFor({ timeout: 20_000 });
  });
});

describe('save and load', () => {
  test('save an image from its row, remove it with the CLI, load it back: same id and tag', async () => {
    // Big enough (60 MB) that the progress bar is on screen for a moment.
    const src = tracker.container(uniqueName('save-src'));
    await docker(['run', '--name', src, TEST_IMAGE, 'sh', '-c', 'head -c 60000000 /dev/urandom > /blob']);
    const ref = image(`${uniqueName('saved')}:v1`);
    const id = image((await docker(['commit', src, ref])).stdout.trim());
    const path = join(dir, `${uniqueName('round')}.tar`);

    const row = grid().getByRole('row', { name: ref, exact: true });
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    await row.getByRole('button', { name: 'Save', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Save ${ref}` });
    await dialog.waitFor();
    const field = dialog.getByLabel('Archive file', { exact: true });
    await field.fill(path);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    // Catch the bar part-way (bytes of the estimate) for the screenshot, if the save is not done first.
    const bar = dialog.getByRole('progressbar', { name: 'Saving' });
    for (let i = 0; i < 200; i++) {
      const now = Number((await bar.getAttribute('aria-valuenow', { timeout: 200 }).catch(() => null)) ?? 0);
      if (now >= 10) {
        await page.screenshot({ path: `${SHOTS}/save-progress.png` });
        break;
      }
      if ((await bar.count()) === 0 && (await dialog.count()) === 0) break;
    }
    await page
      .getByRole('status')
      .filter({ hasText: `Saved ${ref}` })
      .waitFor({ timeout: 60_000 });
    expect(statSync(path).size).toBeGreaterThan(60_000_000);

    // Saving to the same file again is refused until "Replace" is ticked.
    await row.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor();
    await field.fill(path);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: 'already exists' }).waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect.poll(() => dialog.count()).toBe(0);

    await docker(['rmi', ref]);
    expect(await imageId(id)).toBeUndefined();
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(0);

    await page.getByRole('button', { name: 'Load', exact: true }).click();
    const load = page.getByRole('dialog', { name: 'Load images' });
    await load.waitFor();
    await load.getByLabel('Archive file', { exact: true }).fill(path);
    await load.getByRole('button', { name: 'Load', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Loaded ${ref}` })
      .waitFor({ timeout: 60_000 });
    expect(await imageId(ref)).toBe(id);
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
  });

  test('loading a file that is not an image archive shows the engine’s reason in the dialog', async () => {
    const path = join(dir, 'not-a-tar.txt');
    (await import('node:fs')).writeFileSync(path, 'hello\n'.repeat(200));
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    const load = page.getByRole('dialog', { name: 'Load images' });
    await load.getByLabel('Archive file', { exact: true }).fill(path);
    await load.getByRole('button', { name: 'Load', exact: true }).click();
    const alert = load.getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toMatch(/tar/i);
    await load.getByRole('button', { name: 'Close', exact: true }).last().click();
  });
});

describe('commit and export from the detail page', () => {
  test('commit with tag, message, author and CMD: docker inspect shows them; export writes the file system', async () => {
    const name = tracker.container(uniqueName('commit-ui'));
    const cid = (await docker(['run', '-d', '--name', name, TEST_IMAGE, 'sleep', '300'])).stdout.trim();
    const ref = image(`${uniqueName('ui-commit')}:snap`);
    await gotoHash(`#/containers/${cid}`);
    await page.getByRole('heading', { name }).waitFor();
    await page.getByRole('button', { name: 'Commit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Commit ${name}` });
    await dialog.waitFor();

    // A bad reference is explained next to the field, nothing is committed.
    await dialog.getByLabel('Repository and tag').fill('Not Valid');
    await dialog.getByRole('button', { name: 'Commit', exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: 'invalid reference format' }).waitFor();

    await dialog.getByLabel('Repository and tag').fill(ref);
    await dialog.getByLabel('Message').fill('from the UI');
    await dialog.getByLabel('Author').fill('UI Tester <ui@example.com>');
    await dialog.getByLabel('Changes').fill('CMD ["echo", "hi"]\nENV FROM_UI=1');
    await page.screenshot({ path: `${SHOTS}/commit-dialog.png` });
    await dialog.getByRole('button', { name: 'Commit', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Committed ${name} as ${ref}` })
      .waitFor({ timeout: 20_000 });

    const [info] = JSON.parse((await docker(['image', 'inspect', ref])).stdout) as Array<{
      Id: string;
      Comment: string;
      Author: string;
      Config: { Cmd: string[]; Env: string[] };
    }>;
    image(info?.Id ?? ref);
    expect(info?.Comment).toBe('from the UI');
    expect(info?.Author).toBe('UI Tester <ui@example.com>');
    expect(info?.Config.Cmd).toEqual(['echo', 'hi']);
    expect(info?.Config.Env).toContain('FROM_UI=1');

    // Export the same container's file system; the tar has busybox in it.
    const path = join(dir, `${uniqueName('fs')}.tar`);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const exp = page.getByRole('dialog', { name: `Export ${name}` });
    await exp.waitFor();
    await exp.getByLabel('Archive file', { exact: true }).fill(path);
    await exp.getByRole('button', { name: 'Export', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Exported ${name}` })
      .waitFor({ timeout: 60_000 });
    expect(existsSync(path)).toBe(true);
    const { stdout } = await promisify(execFile)('tar', ['-tf', path], { maxBuffer: 32 * 1024 * 1024 });
    expect(stdout.split('\n')).toContain('bin/busybox');
  });
});
