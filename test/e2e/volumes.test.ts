import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTracker, docker, requireEngine, TEST_IMAGE, uniqueName, waitFor } from '../helpers/engine';
import { type BerthInBrowser, openSectionInBrowser } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

/** Volumes view in web mode on the private engine: live rows, "used by", in-use refusal, removal. */

const tracker = createTracker();
let berth: BerthInBrowser;
let page: Page;

async function volumeNames(): Promise<string[]> {
  const { stdout } = await docker(['volume', 'ls', '--format', '{{.Name}}']);
  return stdout.split('\n').filter(Boolean);
}

function grid(): Locator {
  return page.getByRole('grid', { name: 'Volumes' });
}

function row(name: string): Locator {
  return grid().getByRole('row', { name, exact: true });
}

beforeAll(async () => {
  requireEngine();
  berth = await openSectionInBrowser('Volumes');
  ({ page } = berth);
  await grid().waitFor();
});

afterAll(async () => {
  await berth?.close();
  await tracker.cleanup();
});

describe('volumes view', () => {
  test('CLI volume appears live, shows "used by", removal in use shows the engine reason, then works', async () => {
    const vol = tracker.volume(uniqueName('vol'));
    await docker(['volume', 'create', vol]);
    const r = row(vol);
    await expect.poll(() => r.count(), { timeout: 20_000 }).toBe(1);
    expect(await r.textContent()).toContain('local');
    expect(await r.textContent()).toContain(`/volumes/${vol}/_data`);

    const user = tracker.container(uniqueName('vol-user'));
    await docker(['run', '-d', '--name', user, '-v', `${vol}:/data`, TEST_IMAGE, 'sleep', '300']);
    // Created, then started: the cell settles on the running container.
    await expect.poll(async () => (await r.textContent()) ?? '', { timeout: 20_000 }).toContain(`${user} (running)`);

    // An anonymous volume (from a container's -v /path) is marked and shortened.
    const anonUser = tracker.container(uniqueName('vol-anon'));
    await docker(['create', '--name', anonUser, '-v', '/scratch', TEST_IMAGE, 'true']);
    const { stdout } = await docker(['inspect', '--format', '{{range .Mounts}}{{.Name}}{{end}}', anonUser]);
    const anon = tracker.volume(stdout.trim());
    const anonRow = row(anon);
    await expect.poll(() => anonRow.count(), { timeout: 20_000 }).toBe(1);
    expect(await anonRow.textContent()).toContain('anonymous');
    expect(await anonRow.textContent()).toContain(`${anon.slice(0, 12)}…`);

    await page.getByRole('searchbox', { name: 'Filter volumes' }).fill('berth-t-vol');
    await page.screenshot({ path: `${SHOTS}/volumes.png` });
    await page.getByRole('searchbox', { name: 'Filter volumes' }).fill('');

    await r.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog', { name: `Remove volume ${vol}?` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`Delete volume ${vol} and all data in it`);
    expect(await dialog.textContent()).toContain(`In use by ${user} (running)`);
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/volume is in use/);
    expect(await alert.textContent()).toContain(user);
    expect(await volumeNames()).toContain(vol);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    // The container goes (CLI): "used by" empties live; now removal works.
    await docker(['rm', '-f', user]);
    await expect.poll(async () => (await r.textContent()) ?? '', { timeout: 20_000 }).not.toContain(user);
    await r.getByRole('button', { name: 'Remove' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await waitFor(async () => !(await volumeNames()).includes(vol), { timeoutMs: 20_000, message: 'volume removed' });
    await expect.poll(() => row(vol).count(), { timeout: 20_000 }).toBe(0);
  });

  test('inspect panel and bulk removal of a selection', async () => {
    const a = tracker.volume(uniqueName('vol-bulk'));
    const b = tracker.volume(uniqueName('vol-bulk'));
    await docker(['volume', 'create', a]);
    await docker(['volume', 'create', b]);
    await expect.poll(() => row(b).count(), { timeout: 20_000 }).toBe(1);

    await row(a).dblclick();
    const panel = page.getByRole('complementary', { name: `Inspect volume ${a}` });
    await panel.waitFor();
    await expect
      .poll(async () => (await panel.getByRole('region', { name: 'Volume inspect JSON' }).textContent()) ?? '')
      .toContain('Mountpoint');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);

    await page.getByRole('checkbox', { name: `Select ${a}` }).check();
    await page.getByRole('checkbox', { name: `Select ${b}` }).check();
    await page.getByRole('button', { name: /Remove selected \(2\)/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove 2 volumes?' });
    await dialog.waitFor();
    const list = dialog.getByRole('list', { name: 'Volumes to remove' });
    expect(await list.textContent()).toContain(a);
    expect(await list.textContent()).toContain(b);
    await dialog.getByRole('button', { name: 'Remove 2' }).click();
    await waitFor(
      async () => {
        const names = await volumeNames();
        return !names.includes(a) && !names.includes(b);
      },
      { timeoutMs: 20_000 },
    );
    await expect.poll(() => row(a).count(), { timeout: 20_000 }).toBe(0);
  });
});
