import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTracker, docker, dockerJson, requireEngine, TEST_IMAGE, uniqueName, waitFor } from '../helpers/engine';
import { type BerthInBrowser, openSectionInBrowser } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

/**
 * Images view in web mode on the private engine: rows per tag, live updates from CLI changes,
 * untag vs delete, the engine's CONFLICT reason and force, dangling rows, inspect panel.
 */

const tracker = createTracker();
let berth: BerthInBrowser;
let page: Page;

async function imageExists(ref: string): Promise<boolean> {
  return (await docker(['image', 'inspect', ref], { allowFail: true })).code === 0;
}

async function imageId(ref: string): Promise<string> {
  const [info] = await dockerJson<Array<{ Id: string }>>(['image', 'inspect', ref]);
  if (!info) throw new Error(`no image ${ref}`);
  return info.Id;
}

function grid(): Locator {
  return page.getByRole('grid', { name: 'Images' });
}

function row(name: string | RegExp): Locator {
  // Exact for strings: the harness also tags berth-test/busybox:latest, which contains busybox:latest.
  return grid().getByRole('row', typeof name === 'string' ? { name, exact: true } : { name });
}

beforeAll(async () => {
  requireEngine();
  berth = await openSectionInBrowser('Images');
  ({ page } = berth);
  await grid().waitFor();
  // The list has loaded when the test image's row is there.
  await row('busybox:latest').waitFor();
});

afterAll(async () => {
  await berth?.close();
  await tracker.cleanup();
});

describe('images view', () => {
  test('a tag made with the CLI appears without reload; removing it in the UI untags only that tag', async () => {
    const repo = uniqueName('img');
    const v1 = tracker.image(`${repo}:v1`);
    const v2 = tracker.image(`${repo}:v2`);
    await docker(['tag', TEST_IMAGE, v1]);
    await docker(['tag', TEST_IMAGE, v2]);

    // One row per tag, same image id, repository and tag in separate columns.
    const r1 = row(v1);
    await expect.poll(() => r1.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => row(v2).count(), { timeout: 20_000 }).toBe(1);
    const shortId = (await imageId(TEST_IMAGE)).replace('sha256:', '').slice(0, 12);
    expect(await r1.textContent()).toContain(repo);
    expect(await r1.textContent()).toContain('v1');
    expect(await r1.textContent()).toContain(shortId);

    await page.screenshot({ path: `${SHOTS}/images.png` });

    await r1.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog', { name: `Untag ${v1}?` });
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain(`Untag ${v1}; the image ${shortId} stays while other tags remain`);
    expect(text).toContain(v2);
    await dialog.getByRole('button', { name: 'Untag', exact: true }).click();

    await waitFor(async () => !(await imageExists(v1)), { timeoutMs: 20_000, message: 'tag removed' });
    expect(await imageExists(v2)).toBe(true);
    expect(await imageExists(TEST_IMAGE)).toBe(true);
    await expect.poll(() => row(v1).count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await row(v2).count()).toBe(1);

    // Untagged by the CLI: the row goes away live too.
    await docker(['rmi', v2]);
    await expect.poll(() => row(v2).count(), { timeout: 20_000 }).toBe(0);
  });

  test('an image a container uses: the engine refuses, the reason is shown, force removes it', async () => {
    const base = tracker.container(uniqueName('img-base'));
    await docker(['create', '--name', base, TEST_IMAGE, 'true']);
    const ref = tracker.image(`${uniqueName('img-solo')}:only`);
    await docker(['commit', base, ref]);
    const id = tracker.image(await imageId(ref));
    const user = tracker.container(uniqueName('img-user'));
    await docker(['create', '--name', user, ref, 'true']);

    const r = row(ref);
    await expect.poll(() => r.count(), { timeout: 20_000 }).toBe(1);
    // "In use by" names the container (and its state).
    await expect.poll(async () => (await r.textContent()) ?? '', { timeout: 20_000 }).toContain(user);

    await r.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog', { name: `Remove image ${ref}?` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`Untag ${ref} and delete image`);
    expect(await dialog.textContent()).toContain(`In use by ${user} (created)`);
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();

    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    // The engine's own reason (a CONFLICT), not a generic message.
    expect(await alert.textContent()).toMatch(/conflict: unable to remove repository reference/);
    expect(await imageExists(ref)).toBe(true);

    await dialog.getByRole('button', { name: 'Force remove' }).click();
    await waitFor(async () => !(await imageExists(ref)), { timeoutMs: 20_000, message: 'forced removal' });
    // Stopped container only: the forced removal deleted the image as well.
    expect(await imageExists(id)).toBe(false);
    await expect.poll(() => row(ref).count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => dialog.count()).toBe(0);
  });

  test('a dangling image is one <none> row with a badge; "Dangling only" filters; removing deletes by id', async () => {
    const base = tracker.container(uniqueName('img-dangle'));
    await docker(['create', '--name', base, TEST_IMAGE, 'true']);
    const { stdout } = await docker(['commit', base]);
    const id = tracker.image(stdout.trim());
    const shortId = id.replace('sha256:', '').slice(0, 12);
    const label = `<none> ${shortId}`;

    const r = row(label);
    await expect.poll(() => r.count(), { timeout: 20_000 }).toBe(1);
    expect(await r.textContent()).toContain('dangling');

    const filter = page.getByRole('radiogroup', { name: 'Dangling images' });
    await filter.getByRole('radio', { name: /Hide dangling/ }).click();
    await expect.poll(() => row(label).count()).toBe(0);
    await filter.getByRole('radio', { name: /Dangling only/ }).click();
    await expect.poll(() => row(label).count()).toBe(1);
    expect(await row('busybox:latest').count()).toBe(0);

    await row(label).getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete image ${shortId}?` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(new RegExp(`Delete image ${shortId} \\([\\d.]+ \\w+\\), untagged\\.`));
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await waitFor(async () => !(await imageExists(id)), { timeoutMs: 20_000, message: 'dangling image deleted' });
    await expect.poll(() => row(label).count(), { timeout: 20_000 }).toBe(0);

    await filter.getByRole('radio', { name: /Show dangling/ }).click();
    await row('busybox:latest').waitFor();
  });

  test('inspect panel shows the engine JSON; bulk remove of a selection', async () => {
    const repo = uniqueName('img-bulk');
    const a = tracker.image(`${repo}:a`);
    const b = tracker.image(`${repo}:b`);
    await docker(['tag', TEST_IMAGE, a]);
    await docker(['tag', TEST_IMAGE, b]);
    await expect.poll(() => row(b).count(), { timeout: 20_000 }).toBe(1);

    await row(a).getByRole('button', { name: 'Inspect' }).click();
    const panel = page.getByRole('complementary', { name: `Inspect image ${a}` });
    await panel.waitFor();
    const json = panel.getByRole('region', { name: 'Image inspect JSON' });
    await json.waitFor();
    await expect.poll(async () => (await json.textContent()) ?? '').toContain('RepoTags');
    await page.screenshot({ path: `${SHOTS}/images-inspect.png` });
    await panel.getByRole('button', { name: 'Close inspect panel' }).click();
    await expect.poll(() => panel.count()).toBe(0);

    // Filter to this repo, select both rows, remove them together.
    await page.getByRole('searchbox', { name: 'Filter images' }).fill(repo);
    await expect
      .poll(() =>
        grid()
          .getByRole('row', { name: new RegExp(repo) })
          .count(),
      )
      .toBe(2);
    await page.getByRole('checkbox', { name: `Select ${a}` }).check();
    await page.getByRole('checkbox', { name: `Select ${b}` }).check();
    await page.getByRole('button', { name: /Remove selected \(2\)/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove 2 images?' });
    await dialog.waitFor();
    const items = dialog.getByRole('list', { name: 'Image changes' });
    // busybox:latest keeps the image: both selected tags are plain untags.
    expect(await items.textContent()).toContain(`Untag ${a}; the image`);
    expect(await items.textContent()).toContain(`Untag ${b}; the image`);
    expect(await items.textContent()).toContain('busybox:latest');
    await dialog.getByRole('button', { name: 'Remove 2' }).click();
    await waitFor(async () => !(await imageExists(a)) && !(await imageExists(b)), { timeoutMs: 20_000 });
    expect(await imageExists(TEST_IMAGE)).toBe(true);
    await page.getByRole('searchbox', { name: 'Filter images' }).fill('');
  });
});
