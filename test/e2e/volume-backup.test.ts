import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createTracker, docker, dockerJson, requireEngine, TEST_IMAGE, uniqueName } from '../helpers/engine';
import { openBerthInBrowser, type BerthInBrowser } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

/**
 * Volume Back up, Restore and Clone through the UI in web mode on the private engine: the round trip the
 * issue asks for (back up, remove with the CLI, restore into a new volume of the same name, a container
 * sees the same files and modes), a non-empty target that asks first, a corrupt file's reason at the
 * field, and a clone with its labels. Every check goes through the CLI or `tar`.
 */

const run = promisify(execFile);
const tracker = createTracker();
let berth: BerthInBrowser | undefined;
let page: Page;
let dir: string;

const grid = (): Locator => page.getByRole('grid', { name: 'Volumes' });
const row = (name: string): Locator => grid().getByRole('row', { name, exact: true });
const status = (text: RegExp): Locator => page.getByRole('status').filter({ hasText: text });

/** A shell run in busybox with `vol` mounted at /v. */
const inVolume = async (vol: string, script: string): Promise<string> =>
  (await docker(['run', '--rm', '-v', `${vol}:/v`, TEST_IMAGE, 'sh', '-c', script])).stdout;

async function volumeWithFiles(prefix: string, labels: string[] = []): Promise<string> {
  const vol = tracker.volume(uniqueName(prefix));
  await docker(['volume', 'create', ...labels.flatMap((l) => ['--label', l]), vol]);
  await inVolume(
    vol,
    [
      'mkdir -p /v/conf /v/empty',
      'printf "hello volume\\n" > /v/conf/app.ini',
      'chmod 640 /v/conf/app.ini',
      'printf "secret" > /v/key',
      'chmod 600 /v/key',
      'chown 1000:1000 /v/key',
      'ln -s conf/app.ini /v/link',
    ].join(' && '),
  );
  return vol;
}

/** What a container sees: contents, modes, owner, the link's target. */
const SNAPSHOT =
  'cat /v/conf/app.ini /v/key; echo; stat -c "%n %a %u:%g" /v/conf/app.ini /v/key /v/empty; readlink /v/link';

async function gotoVolumes(): Promise<void> {
  await page.getByRole('link', { name: /^Volumes/ }).click();
  await grid().waitFor();
}

async function openFromRow(vol: string, action: 'Back up' | 'Restore' | 'Clone', title: string): Promise<Locator> {
  await gotoVolumes();
  await row(vol).waitFor({ timeout: 20_000 });
  await row(vol).getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  return dialog;
}

const fileField = (dialog: Locator): Locator => dialog.getByLabel('Backup file', { exact: true });

beforeAll(async () => {
  requireEngine();
  dir = mkdtempSync(join(tmpdir(), 'berth-e2e-volbackup-'));
  berth = await openBerthInBrowser({ viewport: { width: 1400, height: 860 } });
  page = berth.page;
  await gotoVolumes();
});

// A test that fails with a dialog open must not make the next ones fail behind it.
afterEach(async () => {
  for (let i = 0; i < 3 && (await page.getByRole('dialog').count()) > 0; i++) await page.keyboard.press('Escape');
});

afterAll(async () => {
  await berth?.close();
  await tracker.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('back up and restore', () => {
  test('round trip: back up, remove with the CLI, restore into a new volume of the same name: same files and modes', async () => {
    const vol = await volumeWithFiles('vbk-round');
    const before = await inVolume(vol, SNAPSHOT);
    const file = join(dir, `${vol}.tar`);

    // Back up from the row: the default name is dated, in the home folder; we choose our own.
    let dialog = await openFromRow(vol, 'Back up', `Back up ${vol}`);
    await expect.poll(() => fileField(dialog).inputValue(), { timeout: 10_000 }).toMatch(/-\d{4}-\d{2}-\d{2}\.tar$/);
    await fileField(dialog).fill(file);
    expect(await dialog.getByRole('radio', { name: 'tar', exact: true }).getAttribute('aria-checked')).toBe('true');
    await dialog.getByRole('button', { name: 'Back up', exact: true }).click();
    const done = dialog.getByRole('status').filter({ hasText: `Backed up ${vol}` });
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toContain(file);
    // conf, conf/app.ini, empty, key, link: 5 entries (the root not counted).
    expect(await done.textContent()).toMatch(/Entries\s*5\b/);
    await page.screenshot({ path: `${SHOTS}/volume-backup-done.png` });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    const listing = (await run('tar', ['tvf', file])).stdout;
    expect(listing).toMatch(/^-rw-r----- .*conf\/app\.ini$/m);
    expect(listing).toMatch(/^-rw------- 1000\/1000 .*\bkey$/m);
    expect(listing).toMatch(/^l.*link -> conf\/app\.ini$/m);
    expect(listing).toMatch(/^d.*empty\/?$/m);
    expect(readdirSync(dir).filter((n) => n.includes(vol))).toEqual([`${vol}.tar`]);

    // Again to the same file: the engine's CONFLICT asks before replacing; tar.gz follows the switch.
    dialog = await openFromRow(vol, 'Back up', `Back up ${vol}`);
    await fileField(dialog).fill(file);
    await dialog.getByRole('button', { name: 'Back up', exact: true }).click();
    await dialog.getByRole('checkbox', { name: 'Replace the existing file' }).waitFor({ timeout: 30_000 });
    expect(await dialog.getByRole('alert').textContent()).toContain('already exists');
    await dialog.getByRole('radio', { name: 'tar.gz' }).click();
    expect(await fileField(dialog).inputValue()).toBe(join(dir, `${vol}.tar.gz`));
    await dialog.getByRole('button', { name: 'Back up', exact: true }).click();
    await dialog
      .getByRole('status')
      .filter({ hasText: `Backed up ${vol}` })
      .waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect((await run('tar', ['tzvf', join(dir, `${vol}.tar.gz`)])).stdout).toMatch(/conf\/app\.ini$/m);

    // Gone with the CLI; the row goes with it (lists are live).
    await docker(['volume', 'rm', vol]);
    await expect.poll(() => row(vol).count(), { timeout: 20_000 }).toBe(0);

    // Restore from the header into a new volume: the name follows the file.
    await page.getByRole('button', { name: 'Restore from backup…' }).click();
    dialog = page.getByRole('dialog', { name: 'Restore from backup' });
    await dialog.waitFor();
    await fileField(dialog).fill(file);
    const contents = dialog.getByRole('region', { name: 'Backup contents' });
    await contents.waitFor({ timeout: 30_000 });
    expect(await contents.textContent()).toMatch(/5 entries · .* · uncompressed tar/);
    const names = contents.getByRole('list', { name: 'Top-level names in the backup' });
    expect((await names.getByRole('listitem').allTextContents()).sort()).toEqual(['conf', 'empty', 'key', 'link']);
    expect(await dialog.getByLabel('Name', { exact: true }).inputValue()).toBe(vol);
    await page.screenshot({ path: `${SHOTS}/volume-restore-new.png` });
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await status(new RegExp(`Restored into ${vol}`))
      .first()
      .waitFor({ timeout: 60_000 });
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => row(vol).count(), { timeout: 20_000 }).toBe(1);
    expect(await inVolume(vol, SNAPSHOT)).toBe(before);
  });

  test('into a non-empty volume: says what it overwrites and needs a ticked confirmation', async () => {
    const source = await volumeWithFiles('vbk-src');
    const file = join(dir, `${source}.tar`);
    const target = tracker.volume(uniqueName('vbk-busy'));
    await docker(['volume', 'create', target]);
    await inVolume(target, 'mkdir /v/conf && echo old > /v/conf/app.ini && echo mine > /v/other');

    // Back up the source first (through the UI).
    let dialog = await openFromRow(source, 'Back up', `Back up ${source}`);
    await fileField(dialog).fill(file);
    await dialog.getByRole('button', { name: 'Back up', exact: true }).click();
    await dialog.getByRole('status').filter({ hasText: 'Backed up' }).waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Done' }).click();

    dialog = await openFromRow(target, 'Restore', `Restore into ${target}`);
    expect(await dialog.getByRole('radio', { name: 'Existing volume' }).getAttribute('aria-checked')).toBe('true');
    expect(await dialog.getByLabel('Volume', { exact: true }).inputValue()).toBe(target);
    await fileField(dialog).fill(file);
    const warning = dialog.getByRole('note', { name: 'Overwrite' });
    await warning.waitFor({ timeout: 30_000 });
    expect(await warning.textContent()).toMatch(new RegExp(`${target} is not empty: it holds \\d+ entries\\.`));
    expect(await warning.getByRole('list', { name: 'Overwritten in the volume' }).textContent()).toBe('conf');
    const restore = dialog.getByRole('button', { name: 'Restore', exact: true });
    expect(await restore.isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/volume-restore-overwrite.png` });
    await dialog.getByRole('checkbox', { name: new RegExp(`Restore into ${target} and overwrite`) }).check();
    expect(await restore.isDisabled()).toBe(false);
    await restore.click();
    await status(new RegExp(`Restored into ${target}`))
      .first()
      .waitFor({ timeout: 60_000 });
    expect(await inVolume(target, 'cat /v/conf/app.ini /v/other /v/key')).toBe('hello volume\nmine\nsecret');
  });

  test('a corrupt file: the reason next to the file field, Restore stays off, no volume is made', async () => {
    const bad = join(dir, 'corrupt.tar');
    writeFileSync(bad, Buffer.from('this is not a tar archive at all '.repeat(40)));
    const name = uniqueName('vbk-never');
    await gotoVolumes();
    await page.getByRole('button', { name: 'Restore from backup…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore from backup' });
    await dialog.waitFor();
    await fileField(dialog).fill(bad);
    await expect.poll(() => fileField(dialog).getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
    const noteId = (await fileField(dialog).getAttribute('aria-describedby')) ?? '';
    const reason = (await dialog.locator(`[id="${noteId}"]`).textContent()) ?? '';
    expect(reason.length).toBeGreaterThan(10);
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    expect(await dialog.getByRole('button', { name: 'Restore', exact: true }).isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/volume-restore-corrupt.png` });
    expect((await docker(['volume', 'inspect', name], { allowFail: true })).code).not.toBe(0);
    expect(existsSync(bad)).toBe(true);
  });
});

describe('clone', () => {
  test('a clone with a free name, the same labels and files', async () => {
    const vol = await volumeWithFiles('vbk-orig', ['berth.test=volume-backup', 'team=data']);
    const dialog = await openFromRow(vol, 'Clone', `Clone ${vol}`);
    const name = dialog.getByLabel('New volume name');
    expect(await name.inputValue()).toBe(`${vol}-copy`);
    const copy = tracker.volume(`${vol}-copy`);
    expect(await dialog.textContent()).toContain('berth.test=volume-backup');
    expect(await dialog.getByRole('checkbox', { name: 'Copy driver options' }).isChecked()).toBe(true);

    // A taken name is refused at the field before anything is sent.
    await name.fill(vol);
    await dialog.getByRole('button', { name: 'Clone', exact: true }).click();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await name.fill(copy);
    await page.screenshot({ path: `${SHOTS}/volume-clone.png` });
    await dialog.getByRole('button', { name: 'Clone', exact: true }).click();
    await status(new RegExp(`Cloned ${vol} to ${copy}`))
      .first()
      .waitFor({ timeout: 60_000 });
    await expect.poll(() => row(copy).count(), { timeout: 20_000 }).toBe(1);

    const [inspected] = await dockerJson<Array<{ Labels: Record<string, string>; Driver: string }>>([
      'volume',
      'inspect',
      copy,
    ]);
    expect(inspected?.Labels).toMatchObject({ 'berth.test': 'volume-backup', team: 'data' });
    expect(inspected?.Driver).toBe('local');
    expect(await inVolume(copy, SNAPSHOT)).toBe(await inVolume(vol, SNAPSHOT));
  });

  test('a host-folder volume: option copy off by default, with why; the drawer opens the dialogs too', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'berth-e2e-bind-'));
    const vol = tracker.volume(uniqueName('vbk-bind'));
    try {
      await docker(['volume', 'create', '--opt', 'type=none', '--opt', 'o=bind', '--opt', `device=${folder}`, vol]);
      await gotoVolumes();
      await row(vol).waitFor({ timeout: 20_000 });
      await row(vol).getByRole('button', { name: 'Inspect' }).click();
      const panel = page.getByRole('complementary', { name: `Inspect volume ${vol}` });
      await panel.getByRole('button', { name: 'Clone…' }).click();
      const dialog = page.getByRole('dialog', { name: `Clone ${vol}` });
      await dialog.waitFor();
      const note = dialog.getByRole('note', { name: 'Host folder' });
      await note.waitFor({ timeout: 20_000 });
      expect(await note.textContent()).toContain(folder);
      expect(await dialog.getByRole('checkbox', { name: 'Copy driver options' }).isChecked()).toBe(false);
      await page.screenshot({ path: `${SHOTS}/volume-clone-bind.png` });
      await dialog.getByRole('button', { name: 'Close' }).last().click();
      await expect.poll(() => dialog.count()).toBe(0);
    } finally {
      await docker(['volume', 'rm', '--force', vol], { allowFail: true });
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
