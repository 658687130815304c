import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTracker, docker, requireEngine, TEST_IMAGE, uniqueName, waitFor } from '../helpers/engine';
import { type BerthInBrowser, openSectionInBrowser, waitForViewsReady } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

/** Networks view in web mode on the private engine: subnets, attached IPs, built-ins, removal. */

const SUBNET = '10.213.0.0/24';
const tracker = createTracker();
let berth: BerthInBrowser;
let page: Page;

async function networkNames(): Promise<string[]> {
  const { stdout } = await docker(['network', 'ls', '--format', '{{.Name}}']);
  return stdout.split('\n').filter(Boolean);
}

function grid(): Locator {
  return page.getByRole('grid', { name: 'Networks' });
}

function row(name: string): Locator {
  return grid().getByRole('row', { name, exact: true });
}

beforeAll(async () => {
  requireEngine();
  berth = await openSectionInBrowser('Networks');
  ({ page } = berth);
  await grid().waitFor();
  await row('bridge').waitFor();
  await waitForViewsReady(page);
});

afterAll(async () => {
  await berth?.close();
  await tracker.cleanup();
});

describe('networks view', () => {
  test('bridge, host and none are built-in and cannot be removed', async () => {
    for (const name of ['bridge', 'host', 'none']) {
      const r = row(name);
      expect(await r.textContent()).toContain('built-in');
      const remove = r.getByRole('button', { name: 'Remove' });
      expect(await remove.isDisabled()).toBe(true);
      expect(await remove.getAttribute('aria-description')).toMatch(/engine does not allow removing/);
    }
  });

  test('a user network shows its subnet and an attached container IP live; removal works once detached', async () => {
    const net = tracker.network(uniqueName('net'));
    await docker(['network', 'create', '--subnet', SUBNET, net]);
    const r = row(net);
    await expect.poll(() => r.count(), { timeout: 20_000 }).toBe(1);
    expect(await r.textContent()).toContain(SUBNET);

    const c = tracker.container(uniqueName('net-c'));
    await docker(['run', '-d', '--name', c, '--network', net, TEST_IMAGE, 'sleep', '300']);
    const { stdout } = await docker([
      'inspect',
      '--format',
      `{{(index .NetworkSettings.Networks "${net}").IPAddress}}`,
      c,
    ]);
    const ip = stdout.trim();
    expect(ip).toMatch(/^10\.213\.0\.\d+$/);
    // Created, then started: the cell settles on the running container with its address.
    await expect.poll(async () => (await r.textContent()) ?? '', { timeout: 20_000 }).toContain(ip);
    expect(await r.textContent()).toContain(`${c} (running)`);

    await page.screenshot({ path: `${SHOTS}/networks.png` });

    // Inspect panel with the engine's JSON.
    await r.getByRole('button', { name: 'Inspect' }).click();
    const panel = page.getByRole('complementary', { name: `Inspect network ${net}` });
    await panel.waitFor();
    await expect
      .poll(async () => (await panel.getByRole('region', { name: 'Network inspect JSON' }).textContent()) ?? '')
      .toContain('IPAM');
    await page.screenshot({ path: `${SHOTS}/networks-inspect.png` });
    await panel.getByRole('button', { name: 'Close inspect panel' }).click();

    // Attached container: the engine refuses and says why.
    await r.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog', { name: `Remove network ${net}?` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`Remove network ${net}`);
    expect(await dialog.textContent()).toContain(`Attached: ${c} ${ip} (running).`);
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/active endpoints/);
    expect(await networkNames()).toContain(net);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Disconnect with the CLI: the attached cell updates live; removal then works.
    await docker(['network', 'disconnect', net, c]);
    await expect.poll(async () => (await r.textContent()) ?? '', { timeout: 20_000 }).not.toContain(c);
    await r.getByRole('button', { name: 'Remove' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await waitFor(async () => !(await networkNames()).includes(net), { timeoutMs: 20_000, message: 'network removed' });
    await expect.poll(() => row(net).count(), { timeout: 20_000 }).toBe(0);
  });

  test('network removed by the CLI disappears without reload', async () => {
    const net = tracker.network(uniqueName('net-cli'));
    await docker(['network', 'create', net]);
    await expect.poll(() => row(net).count(), { timeout: 20_000 }).toBe(1);
    await docker(['network', 'rm', net]);
    await expect.poll(() => row(net).count(), { timeout: 20_000 }).toBe(0);
  });

  test('prune previews unused networks; only the ticked go, one used since the preview stays with the reason', async () => {
    const doomed = tracker.network(uniqueName('prune-doomed'));
    const kept = tracker.network(uniqueName('prune-kept'));
    const raced = tracker.network(uniqueName('prune-raced'));
    const configured = tracker.network(uniqueName('prune-stopped'));
    const busy = tracker.network(uniqueName('prune-busy'));
    for (const n of [doomed, kept, raced, configured, busy]) await docker(['network', 'create', n]);
    const stopped = tracker.container(uniqueName('prune-stopped-c'));
    await docker(['create', '--name', stopped, '--network', configured, TEST_IMAGE, 'sleep', '300']);
    const running = tracker.container(uniqueName('prune-busy-c'));
    await docker(['run', '-d', '--name', running, '--network', busy, TEST_IMAGE, 'sleep', '300']);
    await expect.poll(() => row(busy).count(), { timeout: 20_000 }).toBe(1);

    await page.getByRole('button', { name: 'Prune', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Prune networks' });
    await dialog.waitFor();
    const list = dialog.getByRole('table', { name: 'Networks that will be deleted' });
    await list.waitFor({ timeout: 30_000 });
    const entry = (name: string): Locator =>
      list.getByRole('row').filter({ has: page.getByRole('checkbox', { name: `Delete ${name}`, exact: true }) });
    for (const n of [doomed, kept, raced, configured]) await entry(n).waitFor();
    // A network a running container uses is never offered; built-ins neither.
    expect(await entry(busy).count()).toBe(0);
    expect(await entry('bridge').count()).toBe(0);
    // The engine's prune also takes a network only stopped containers are configured with: say so.
    expect(await entry(configured).textContent()).toContain(`${stopped}) will not start without it`);

    // Other tests share this engine: untick everything, tick ours.
    await dialog.getByRole('checkbox', { name: 'Select all networks' }).uncheck();
    await entry(doomed).getByRole('checkbox').check();
    await entry(raced).getByRole('checkbox').check();
    expect(await dialog.textContent()).toContain('2 networks selected');
    await page.screenshot({ path: `${SHOTS}/networks-prune.png` });

    // Used between preview and confirm: it must stay.
    const late = tracker.container(uniqueName('prune-late-c'));
    await docker(['run', '-d', '--name', late, '--network', raced, TEST_IMAGE, 'sleep', '300']);
    await dialog.getByRole('button', { name: 'Delete 2 networks', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toContain('The engine kept 1 network');
    expect(await alert.textContent()).toContain(raced);
    await page.getByRole('status').filter({ hasText: 'Pruned 1 network' }).waitFor();

    const names = await networkNames();
    expect(names).not.toContain(doomed);
    for (const n of [kept, raced, configured, busy]) expect(names).toContain(n);
    // Only the refused one stays listed, unticked.
    await expect.poll(() => list.getByRole('row').count()).toBe(2);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => row(doomed).count(), { timeout: 20_000 }).toBe(0);
  });
});
