import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatBytes } from '../../renderer/presentation/format';
import { goHumanSize } from '../helpers/cli-size';
import { createTracker, docker, dockerJson, requireEngine, TEST_IMAGE, uniqueName, waitFor } from '../helpers/engine';
import { leftAnonymousVolume } from '../helpers/volumes';
import { openBerthInBrowser, type BerthInBrowser } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

/**
 * Volumes managed without the CLI, in web mode on the private engine: create (named, generated name,
 * tmpfs, labels, refusals at their fields), sharing both ways (who mounts what where; --volumes-from),
 * and prune with a preview and sizes on demand. Every check goes through the CLI; only this test's own
 * volumes are ever confirmed for pruning.
 */

const tracker = createTracker();
let berth: BerthInBrowser | undefined;
let page: Page;

interface VolumeInspect {
  Name: string;
  Driver: string;
  Labels: Record<string, string> | null;
  Options: Record<string, string> | null;
}
const inspectVolume = async (name: string): Promise<VolumeInspect> =>
  (await dockerJson<VolumeInspect[]>(['volume', 'inspect', name]))[0]!;
const volumeExists = async (name: string): Promise<boolean> =>
  (await docker(['volume', 'inspect', name], { allowFail: true })).code === 0;

const grid = (): Locator => page.getByRole('grid', { name: 'Volumes' });
const row = (name: string): Locator => grid().getByRole('row', { name, exact: true });

async function gotoVolumes(): Promise<void> {
  await page.getByRole('link', { name: /^Volumes/ }).click();
  await grid().waitFor();
}

async function openCreate(): Promise<Locator> {
  await page.getByRole('button', { name: 'Create volume' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create volume' });
  await dialog.waitFor();
  return dialog;
}

/** The name in a "Created volume …" toast matching `name` (earlier toasts may still be on screen). */
async function createdName(name: RegExp): Promise<string> {
  const toast = page.getByRole('status').filter({ hasText: new RegExp(`Created volume ${name.source}`) });
  await toast.first().waitFor({ timeout: 20_000 });
  const text = (await toast.first().textContent()) ?? '';
  return new RegExp(`Created volume (${name.source})`).exec(text)?.[1] ?? '';
}

beforeAll(async () => {
  requireEngine();
  berth = await openBerthInBrowser({ viewport: { width: 1400, height: 860 } });
  page = berth.page;
  await gotoVolumes();
});
afterAll(async () => {
  await berth?.close();
  await tracker.cleanup();
});

describe('create volume', () => {
  test('named with labels; generated name; tmpfs-backed: as docker volume inspect says', async () => {
    // Named, labelled.
    const named = tracker.volume(uniqueName('vui-named'));
    let dialog = await openCreate();
    await dialog.getByLabel('Name', { exact: true }).fill(named);
    await dialog.getByRole('button', { name: 'Add label' }).click();
    await dialog.getByLabel('Label 1 name').fill('berth.test');
    await dialog.getByLabel('Label 1 value').fill('volume-ui');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect.poll(() => dialog.count(), { timeout: 20_000 }).toBe(0);
    expect(await createdName(new RegExp(named))).toBe(named);
    const n = await inspectVolume(named);
    expect(n).toMatchObject({ Driver: 'local', Labels: { 'berth.test': 'volume-ui' } });
    await expect.poll(() => row(named).count(), { timeout: 20_000 }).toBe(1);

    // Blank name: the engine generates one (64 hex); labelled so it is found without guessing.
    const mark = uniqueName('vui-gen');
    dialog = await openCreate();
    expect(await dialog.getByLabel('Name', { exact: true }).getAttribute('placeholder')).toMatch(/generated/i);
    await dialog.getByRole('button', { name: 'Add label' }).click();
    await dialog.getByLabel('Label 1 name').fill('berth.mark');
    await dialog.getByLabel('Label 1 value').fill(mark);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    const generated = tracker.volume(await createdName(/[0-9a-f]{64}/));
    expect(generated).toMatch(/^[0-9a-f]{64}$/);
    const { stdout } = await docker(['volume', 'ls', '-q', '--filter', `label=berth.mark=${mark}`]);
    expect(stdout.trim()).toBe(generated);

    // tmpfs-backed, with a size limit; it really mounts as tmpfs.
    const tmp = tracker.volume(uniqueName('vui-tmpfs'));
    dialog = await openCreate();
    await dialog.getByLabel('Name', { exact: true }).fill(tmp);
    await dialog.getByRole('radio', { name: 'tmpfs' }).click();
    await dialog.getByLabel('Size limit').fill('8m');
    expect(await dialog.textContent()).toContain('type=tmpfs, device=tmpfs, o=size=8m');
    await page.screenshot({ path: `${SHOTS}/volume-create.png` });
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect.poll(() => dialog.count(), { timeout: 20_000 }).toBe(0);
    expect((await inspectVolume(tmp)).Options).toEqual({ type: 'tmpfs', device: 'tmpfs', o: 'size=8m' });
    const df = await docker(['run', '--rm', '-v', `${tmp}:/t`, TEST_IMAGE, 'sh', '-c', 'grep " /t " /proc/mounts']);
    expect(df.stdout).toMatch(/^tmpfs \/t tmpfs .*size=8192k/m);
  });

  test('refusals at their fields: bad name before sending, a taken name (CONFLICT), the engine’s words', async () => {
    const taken = tracker.volume(uniqueName('vui-taken'));
    await docker(['volume', 'create', taken]);
    const dialog = await openCreate();
    const name = dialog.getByLabel('Name', { exact: true });
    const create = dialog.getByRole('button', { name: 'Create', exact: true });

    await name.fill('my data');
    await create.click();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.textContent()).toContain('A volume name may only contain letters, digits');
    expect(await volumeExists('my data')).toBe(false);

    await name.fill(taken);
    expect(await name.getAttribute('aria-invalid')).toBeNull();
    await create.click();
    await expect.poll(async () => name.getAttribute('aria-invalid'), { timeout: 20_000 }).toBe('true');
    const described = (await name.getAttribute('aria-describedby')) ?? '';
    expect(await dialog.locator(`[id="${described}"]`).textContent()).toBe(`A volume named ${taken} already exists`);
    // Focus lands on the field in error.
    await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);

    // An option the local driver does not know: refused by the engine, in its words, nothing made.
    const fresh = uniqueName('vui-badopt');
    await name.fill(fresh);
    await dialog.getByRole('button', { name: 'Add option' }).click();
    await dialog.getByLabel('Option 1 name').fill('foo');
    await dialog.getByLabel('Option 1 value').fill('bar');
    await create.click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toContain('invalid option: "foo"');
    expect(await volumeExists(fresh)).toBe(false);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });
});

describe('sharing both ways', () => {
  test('the volume lists who mounts it where (ro/rw); a container shows its mounts and volumes-from', async () => {
    const vol = tracker.volume(uniqueName('vui-shared'));
    await docker(['volume', 'create', vol]);
    const writer = tracker.container(uniqueName('vui-writer'));
    const reader = tracker.container(uniqueName('vui-reader'));
    const heir = tracker.container(uniqueName('vui-heir'));
    await docker(['run', '-d', '--name', writer, '-v', `${vol}:/data`, TEST_IMAGE, 'sleep', '300']);
    await docker(['create', '--name', reader, '-v', `${vol}:/mnt/shared:ro`, TEST_IMAGE, 'true']);
    await docker(['create', '--name', heir, '--volumes-from', `${writer}:ro`, TEST_IMAGE, 'true']);

    await gotoVolumes();
    await expect.poll(() => row(vol).count(), { timeout: 20_000 }).toBe(1);
    await row(vol).getByRole('button', { name: 'Inspect' }).click();
    const panel = page.getByRole('complementary', { name: `Inspect volume ${vol}` });
    const table = panel.getByRole('table', { name: 'Containers mounting this volume' });
    await expect.poll(() => table.getByRole('row').count(), { timeout: 20_000 }).toBe(4);
    const line = (c: string) => table.getByRole('row').filter({ hasText: c });
    expect(await line(writer).textContent()).toMatch(/\/dataread-write/);
    expect(await line(reader).textContent()).toMatch(/\/mnt\/sharedread-only/);
    // --volumes-from writer:ro: the same volume at the same path, read-only.
    expect(await line(heir).textContent()).toMatch(/\/dataread-only/);
    const mounts = await dockerJson<Array<{ Mounts: Array<{ Name?: string; Destination: string; RW: boolean }> }>>([
      'inspect',
      heir,
    ]);
    expect(mounts[0]?.Mounts).toEqual([expect.objectContaining({ Name: vol, Destination: '/data', RW: false })]);
    await page.screenshot({ path: `${SHOTS}/volume-mounted-by.png` });

    // The container's page: its mounts, and where they came from.
    await line(heir).getByRole('link', { name: heir }).click();
    const section = page.getByRole('region', { name: /^Mounts/ });
    await section.waitFor({ timeout: 20_000 });
    const mountRow = section.getByRole('table', { name: 'Mounts' }).getByRole('row').filter({ hasText: '/data' });
    expect(await mountRow.textContent()).toContain(vol);
    expect(await mountRow.textContent()).toContain('ro');
    expect(await mountRow.getByRole('link', { name: writer }).count()).toBe(1);
    const from = section.getByRole('group', { name: 'Volumes from' });
    expect(await from.textContent()).toContain(`${writer} · read-only · gives /data`);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/container-mounts.png` });

    // Source container link → its page; the volume link → the Volumes page with the volume open.
    await from.getByRole('link', { name: writer }).click();
    await page.waitForURL(/#\/containers\/[0-9a-f]{64}$/);
    const writerRow = page
      .getByRole('region', { name: /^Mounts/ })
      .getByRole('table', { name: 'Mounts' })
      .getByRole('row')
      .filter({ hasText: '/data' });
    await writerRow.waitFor({ timeout: 20_000 });
    expect(await writerRow.textContent()).toContain('rw');
    await writerRow.getByRole('link', { name: vol }).click();
    await page.getByRole('complementary', { name: `Inspect volume ${vol}` }).waitFor({ timeout: 20_000 });
  });
});

describe('prune volumes', () => {
  test('anonymous vs all, sizes on demand; a created container’s volume never listed, an unticked one and one mounted since the preview stay', async () => {
    const anon = await leftAnonymousVolume(tracker);
    // A named one holding a known number of bytes, one to keep, one a created-not-started container holds.
    const sized = tracker.volume(uniqueName('vui-sized'));
    const keep = tracker.volume(uniqueName('vui-keep'));
    const held = tracker.volume(uniqueName('vui-held'));
    const raced = tracker.volume(uniqueName('vui-raced'));
    for (const v of [sized, keep, held, raced]) await docker(['volume', 'create', v]);
    await docker(['run', '--rm', '-v', `${sized}:/d`, TEST_IMAGE, 'sh', '-c', 'head -c 204800 /dev/zero > /d/blob']);
    const holder = tracker.container(uniqueName('vui-holder'));
    await docker(['create', '--name', holder, '-v', `${held}:/data`, TEST_IMAGE, 'true']);

    await gotoVolumes();
    await expect.poll(() => row(held).count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('button', { name: 'Prune', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Prune volumes' });
    await dialog.waitFor();
    const box = (name: string): Locator => dialog.getByRole('checkbox', { name: `Delete ${name}` });
    const table = dialog.getByRole('table', { name: 'Volumes that will be deleted' });

    // Anonymous only (the default): ours is listed, the named ones are not.
    expect(await dialog.getByRole('radio', { name: 'Anonymous only' }).getAttribute('aria-checked')).toBe('true');
    await box(anon).waitFor({ timeout: 20_000 });
    for (const v of [sized, keep, held]) expect(await box(v).count()).toBe(0);

    // All unused: the named ones too, never the one a created container holds.
    await dialog.getByRole('radio', { name: 'All unused' }).click();
    await box(sized).waitFor({ timeout: 20_000 });
    expect(await box(anon).count()).toBe(1);
    expect(await box(keep).count()).toBe(1);
    expect(await box(held).count()).toBe(0);

    // No sizes until asked; then the size docker system df -v reports.
    const sizeCell = async (): Promise<string> =>
      ((await table.getByRole('row').filter({ hasText: sized }).locator('td').last().textContent()) ?? '').trim();
    expect(await sizeCell()).toBe('—');
    await dialog.getByRole('button', { name: 'Show sizes' }).click();
    await expect.poll(sizeCell, { timeout: 30_000 }).not.toBe('—');
    const cli = await dockerJson<{ Volumes: Array<{ Name: string; Size: string }> }>([
      'system',
      'df',
      '-v',
      '--format',
      '{{json .}}',
    ]);
    const cliSize = cli.Volumes.find((v) => v.Name === sized)?.Size ?? '';
    expect(cliSize).toBe(goHumanSize(204_800));
    expect(await sizeCell()).toBe(formatBytes(204_800));

    // Only our own: untick everything, tick ours but `keep`.
    await dialog.getByRole('checkbox', { name: 'Select all volumes' }).uncheck();
    await box(anon).check();
    await box(sized).check();
    await box(raced).check();
    expect(await dialog.textContent()).toContain('3 volumes selected');
    // A container mounts `raced` after the preview: it must stay.
    const racer = tracker.container(uniqueName('vui-racer'));
    await docker(['create', '--name', racer, '-v', `${raced}:/data`, TEST_IMAGE, 'true']);
    await page.screenshot({ path: `${SHOTS}/volume-prune.png` });
    await dialog.getByRole('button', { name: /^Delete 3 volumes/ }).click();
    await page.getByRole('status').filter({ hasText: 'Pruned 2 volumes' }).waitFor({ timeout: 20_000 });
    const kept = dialog.getByRole('alert');
    await kept.waitFor({ timeout: 20_000 });
    expect(await kept.textContent()).toContain('The engine kept 1 volume');
    expect(await kept.textContent()).toContain(`${raced}: Now used by ${racer}; it stays`);
    expect(await volumeExists(raced)).toBe(true);
    await waitFor(async () => !(await volumeExists(anon)) && !(await volumeExists(sized)), {
      timeoutMs: 20_000,
      message: 'pruned volumes gone',
    });
    tracker.untrack('volume', anon);
    tracker.untrack('volume', sized);
    expect(await volumeExists(keep)).toBe(true);
    expect(await volumeExists(held)).toBe(true);
    await expect.poll(() => row(sized).count(), { timeout: 20_000 }).toBe(0);
  });
});
