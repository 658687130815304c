/**
 * A network's page in web mode on the private engine: what it shows against `docker network inspect`,
 * live updates and the "removed" state, Disconnect (plain, refused, forced) and the Connect dialog's
 * bad input at its fields. Networks here are made with the CLI (creating them in the UI is
 * network-create.test.ts's job; the acceptance test does it through the UI).
 */
import type { Locator } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { createTracker, docker, dockerJson, TEST_IMAGE, uniqueName, waitFor } from '../helpers/engine';
import { berthForFile, openNetworkPage } from '../helpers/networkUi';
import { messageOf } from '../helpers/web';
import { SHOTS, shootBothThemes } from '../helpers/shots';

const tracker = createTracker();
const berth = berthForFile(tracker);

interface NetworkInspect {
  Id: string;
  Name: string;
  Driver: string;
  Scope: string;
  Attachable: boolean;
  Internal: boolean;
  IPAM: { Driver: string; Config: Array<{ Subnet: string; Gateway?: string; IPRange?: string }> };
  Containers: Record<string, { Name: string; IPv4Address: string; MacAddress: string }>;
  Options: Record<string, string>;
  Labels: Record<string, string>;
}

async function inspectNetwork(net: string): Promise<NetworkInspect> {
  const [info] = await dockerJson<NetworkInspect[]>(['network', 'inspect', net]);
  if (!info) throw new Error(`no network ${net}`);
  return info;
}

async function attachedNames(net: string): Promise<string[]> {
  return Object.values((await inspectNetwork(net)).Containers).map((c) => c.Name);
}

async function runOn(net: string, prefix: string, ...extra: string[]): Promise<string> {
  const name = tracker.container(uniqueName(prefix));
  await docker(['run', '-d', '--name', name, '--network', net, ...extra, TEST_IMAGE, 'sleep', '3600']);
  return name;
}

const rowOf = (table: Locator, name: string): Locator => table.getByRole('row').filter({ hasText: name });
const textOf = async (l: Locator): Promise<string> => (await l.textContent()) ?? '';

describe('network page', () => {
  test('shows what docker network inspect says, links to containers, and says when the network goes', async () => {
    const { page } = berth;
    const net = tracker.network(uniqueName('page-net'));
    const flags = '--subnet 10.231.0.0/16 --gateway 10.231.0.1 --ip-range 10.231.7.0/24 --attachable --internal';
    const more = ['--label', 'com.example.team=web ops', '-o', 'com.docker.network.driver.mtu=1400'];
    await docker(['network', 'create', ...flags.split(' '), ...more, net]);
    const c = await runOn(net, 'page-c', '--network-alias', 'shop');
    const region = await openNetworkPage(page, net);
    const info = await inspectNetwork(net);
    expect(await page.evaluate(() => window.location.hash)).toBe(`#/networks/${info.Id}`);

    const summary = region.getByRole('region', { name: 'Summary' });
    const s = await textOf(summary);
    for (const want of [info.Name, info.Id.slice(0, 12), info.Driver, info.Scope, 'internal', 'attachable'])
      expect(s).toContain(want);
    expect(s).not.toContain('IPv6');

    const ipam = region.getByRole('table', { name: 'IPAM configs' });
    const cfg = info.IPAM.Config[0]!;
    expect(await textOf(ipam.getByRole('row').nth(1))).toBe(`${cfg.Subnet}${cfg.Gateway}${cfg.IPRange}`);

    expect(await textOf(region.getByRole('table', { name: 'Options' }))).toBe('com.docker.network.driver.mtu1400');
    expect(await textOf(region.getByRole('table', { name: 'Labels' }))).toBe('com.example.teamweb ops');

    const attached = region.getByRole('table', { name: 'Attached containers' });
    const [endpoint] = Object.values(info.Containers);
    const row = rowOf(attached, c);
    await expect.poll(() => textOf(row), { timeout: 20_000 }).toContain('shop');
    expect(await textOf(row)).toContain(endpoint!.IPv4Address);
    expect(await textOf(row)).toContain(endpoint!.MacAddress);

    await shootBothThemes(page, 'network-page');

    // Live: a container joining with the CLI shows up without a reload.
    const later = tracker.container(uniqueName('page-later'));
    await docker(['create', '--name', later, TEST_IMAGE, 'sleep', '3600']);
    await docker(['network', 'connect', '--alias', 'late', net, later]);
    await docker(['start', later]);
    await expect.poll(() => textOf(rowOf(attached, later)), { timeout: 20_000 }).toContain('late');

    // The container's name opens its page; Back returns to the network.
    await row.getByRole('link', { name: c }).click();
    await page.getByRole('heading', { name: c }).waitFor({ timeout: 20_000 });
    // Its Networks section links back to the network's page.
    await page.getByRole('region', { name: 'Networks' }).getByRole('link', { name: net }).click();
    await region.waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: 'Back to networks' }).click();
    await page.getByRole('grid', { name: 'Networks' }).waitFor();
    await page.goBack();
    await region.waitFor({ timeout: 20_000 });

    // The network goes (CLI): the page says so and keeps its last state, no crash.
    await docker(['rm', '-f', c, later]);
    await expect.poll(() => attached.count(), { timeout: 20_000 }).toBe(0);
    await docker(['network', 'rm', net]);
    const gone = page.getByRole('status').filter({ hasText: 'This network was removed' });
    await gone.waitFor({ timeout: 20_000 });
    expect(await region.getByRole('button', { name: 'Connect container' }).isDisabled()).toBe(true);

    // Opening a network that does not exist: a clear message, not a crash.
    await page.evaluate(() => (window.location.hash = '#/networks/berth-no-such-network'));
    await page.getByText('No such network').waitFor({ timeout: 20_000 });
  });

  test('disconnect: confirm names both sides; a refusal stays in the dialog; force disconnects', async () => {
    const { page } = berth;
    const net = tracker.network(uniqueName('disc-net'));
    await docker(['network', 'create', net]);
    const [a, b, c] = [await runOn(net, 'disc-a'), await runOn(net, 'disc-b'), await runOn(net, 'disc-c')];
    const region = await openNetworkPage(page, net);
    const attached = region.getByRole('table', { name: 'Attached containers' });
    await expect.poll(() => attached.getByRole('row').count(), { timeout: 20_000 }).toBe(4);

    // Plain disconnect.
    await attached.getByRole('button', { name: `Disconnect ${a}` }).click();
    let dialog = page.getByRole('dialog', { name: `Disconnect ${a} from ${net}?` });
    await dialog.waitFor();
    expect(await textOf(dialog)).toContain(`Container ${a} leaves network ${net}`);
    await page.screenshot({ path: `${SHOTS}/network-disconnect.png` });
    await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await expect.poll(() => dialog.count(), { timeout: 20_000 }).toBe(0);
    await waitFor(async () => !(await attachedNames(net)).includes(a), { message: `${a} disconnected` });
    await expect.poll(() => rowOf(attached, a).count(), { timeout: 20_000 }).toBe(0);

    // The container goes while the dialog is open: the engine's refusal is shown in the dialog.
    await attached.getByRole('button', { name: `Disconnect ${b}` }).click();
    dialog = page.getByRole('dialog', { name: `Disconnect ${b} from ${net}?` });
    await dialog.waitFor();
    await docker(['rm', '-f', b]);
    await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    expect(await textOf(alert)).toMatch(/The engine refused: .*(no such container|not found)/i);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Force.
    await attached.getByRole('button', { name: `Disconnect ${c}` }).click();
    dialog = page.getByRole('dialog', { name: `Disconnect ${c} from ${net}?` });
    await dialog.getByRole('checkbox', { name: 'Force' }).check();
    await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await expect.poll(() => dialog.count(), { timeout: 20_000 }).toBe(0);
    await waitFor(async () => (await attachedNames(net)).length === 0, { message: 'all disconnected' });
    await expect.poll(() => attached.count(), { timeout: 20_000 }).toBe(0);
    expect(await textOf(region)).toContain('No containers are attached to this network.');
  });

  test('connect from the network page: bad input at its field, a static address reaches the engine', async () => {
    const { page } = berth;
    const net = tracker.network(uniqueName('conn-net'));
    await docker(['network', 'create', '--subnet', '10.232.0.0/24', net]);
    const c = tracker.container(uniqueName('conn-c'));
    await docker(['run', '-d', '--name', c, TEST_IMAGE, 'sleep', '3600']);
    const region = await openNetworkPage(page, net);
    await region.getByRole('button', { name: 'Connect container' }).click();
    const dialog = page.getByRole('dialog', { name: `Connect a container to ${net}` });
    await dialog.waitFor();
    const connect = dialog.getByRole('button', { name: 'Connect', exact: true });

    // Nothing picked: said at the picker.
    await connect.click();
    const list = dialog.getByRole('listbox', { name: 'Container' });
    expect(await messageOf(page, list)).toBe('Pick a container');
    await dialog.getByRole('searchbox', { name: 'Filter containers' }).fill(c);
    await expect.poll(() => list.locator('option:not([hidden])').count()).toBe(1);
    await list.selectOption((await list.locator('option:not([hidden])').first().getAttribute('value')) ?? '');

    // A malformed address: at the IPv4 field, before the engine sees anything.
    const ipv4 = dialog.getByLabel('IPv4 address', { exact: true });
    await ipv4.fill('10.232.0.300');
    await connect.click();
    expect(await messageOf(page, ipv4)).toMatch(/not an IP address/);
    // An address outside the network's subnet: refused, the reason at the IPv4 field.
    await ipv4.fill('10.99.0.5');
    await connect.click();
    await expect.poll(() => messageOf(page, ipv4), { timeout: 20_000 }).toMatch(/not inside .*10\.232\.0\.0\/24/);
    // A bad alias: at its row.
    await dialog.getByRole('button', { name: 'Add alias' }).click();
    const alias = dialog.getByLabel('Alias 1', { exact: true });
    await alias.fill('no spaces');
    expect(await messageOf(page, alias)).toMatch(/An alias has letters/);
    await shootBothThemes(page, 'network-connect-errors');
    expect(await attachedNames(net)).toEqual([]);

    // Fixed: connects with the static address and the alias.
    await alias.fill('cache');
    await ipv4.fill('10.232.0.50');
    await connect.click();
    await expect.poll(() => dialog.count(), { timeout: 20_000 }).toBe(0);
    const [info] = await dockerJson<
      Array<{ NetworkSettings: { Networks: Record<string, { IPAddress: string; Aliases: string[] | null }> } }>
    >(['container', 'inspect', c]);
    expect(info?.NetworkSettings.Networks[net]?.IPAddress).toBe('10.232.0.50');
    expect(info?.NetworkSettings.Networks[net]?.Aliases).toContain('cache');
    const row = rowOf(region.getByRole('table', { name: 'Attached containers' }), c);
    await expect.poll(() => textOf(row), { timeout: 20_000 }).toContain('10.232.0.50/24');
    // Aliases are read from the container after the row shows ("…" until then).
    await expect.poll(() => textOf(row), { timeout: 20_000 }).toContain('cache');
  });

  test('connect from a container page: the engine refuses aliases on the default bridge; a link is taken', async () => {
    const { page } = berth;
    const net = tracker.network(uniqueName('link-net'));
    await docker(['network', 'create', net]);
    const target = tracker.container(uniqueName('link-t'));
    await docker(['run', '-d', '--name', target, TEST_IMAGE, 'sleep', '3600']);
    const c = await runOn(net, 'link-c');
    const { stdout } = await docker(['inspect', '-f', '{{.Id}}', c]);
    await page.evaluate((id) => (window.location.hash = `#/containers/${id}`), stdout.trim());
    const networks = page.getByRole('region', { name: 'Networks' });
    await networks.getByRole('link', { name: net }).waitFor({ timeout: 20_000 });
    await networks.getByRole('button', { name: 'Connect to network' }).click();
    const dialog = page.getByRole('dialog', { name: `Connect ${c} to a network` });
    await dialog.waitFor();
    const list = dialog.getByRole('listbox', { name: 'Network' });
    // Its own network is not offered, nor host and none.
    const offered = await list.locator('option:not([hidden])').allTextContents();
    expect(offered.some((o) => o.startsWith(`${net} `))).toBe(false);
    expect(offered.some((o) => /^(host|none) /.test(o))).toBe(false);
    const bridgeId = (await docker(['network', 'inspect', '-f', '{{.Id}}', 'bridge'])).stdout.trim();
    await list.selectOption(bridgeId);
    await dialog.getByRole('button', { name: 'Add alias' }).click();
    const alias = dialog.getByLabel('Alias 1', { exact: true });
    await alias.fill('nope');
    const connect = dialog.getByRole('button', { name: 'Connect', exact: true });
    await connect.click();
    await expect
      .poll(() => messageOf(page, alias), { timeout: 20_000 })
      .toMatch(/alias is supported only for containers in user defined networks/);
    await dialog.getByRole('button', { name: 'Remove alias 1' }).click();
    await dialog.getByRole('button', { name: 'Add link' }).click();
    await dialog.getByLabel('Link 1', { exact: true }).fill(`${target}:tt`);
    await connect.click();
    await expect.poll(() => dialog.count(), { timeout: 20_000 }).toBe(0);
    const [info] = await dockerJson<
      Array<{ NetworkSettings: { Networks: Record<string, { Links: string[] | null }> } }>
    >(['container', 'inspect', c]);
    expect(info?.NetworkSettings.Networks['bridge']?.Links).toEqual([`${target}:tt`]);
    await networks.getByRole('link', { name: 'bridge' }).waitFor({ timeout: 20_000 });

    // Network mode none owns the whole stack: nothing can be joined, and the button says so.
    const isolated = tracker.container(uniqueName('link-none'));
    await docker(['create', '--name', isolated, '--network', 'none', TEST_IMAGE, 'sleep', '3600']);
    const id = (await docker(['inspect', '-f', '{{.Id}}', isolated])).stdout.trim();
    await page.evaluate((i) => (window.location.hash = `#/containers/${i}`), id);
    await page.getByRole('heading', { name: isolated }).waitFor({ timeout: 20_000 });
    expect(await networks.getByRole('button', { name: 'Connect to network' }).isDisabled()).toBe(true);
  });
});
