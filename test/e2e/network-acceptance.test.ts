/**
 * Issue 10's acceptance, entirely through the UI in web mode on the private engine: create a
 * user-defined bridge, run two containers on it with aliases from the Run dialog, connect a third one
 * later from its container page with its own alias, then `ping -c1 <alias>` typed in Berth's terminal
 * succeeds. Checked with the CLI: `docker network inspect`, the containers' aliases, `docker exec … ping`.
 *
 * The terminal renders with xterm's DOM renderer here (localStorage 'berth.terminal.renderer' = 'dom')
 * so its screen can be read as text.
 */
import { describe, expect, test } from 'vitest';
import { createTracker, docker, dockerJson, TEST_IMAGE, uniqueName } from '../helpers/engine';
import { createNetworkViaUi, berthForFile, openNetworkPage, runFromDialog } from '../helpers/networkUi';
import { terminalOf } from '../helpers/terminalUi';
import { SHOTS } from '../helpers/shots';

const tracker = createTracker();
const berth = berthForFile(tracker, { terminalDom: true });

interface NetworkInspect {
  Id: string;
  Containers: Record<string, { Name: string; IPv4Address: string; MacAddress: string }>;
}

async function aliasesOn(container: string, net: string): Promise<string[]> {
  const [info] = await dockerJson<
    Array<{ NetworkSettings: { Networks: Record<string, { Aliases: string[] | null }> } }>
  >(['container', 'inspect', container]);
  return info?.NetworkSettings.Networks[net]?.Aliases ?? [];
}

const { waitScreen, typeLine, openShell } = terminalOf(() => berth.page);

describe('network acceptance', () => {
  test('bridge + two containers with aliases + a third connected later: ping by alias from Berth’s terminal', async () => {
    const { page } = berth;
    const net = tracker.network(uniqueName('acc-net'));
    const [first, second, third] = ['acc-a', 'acc-b', 'acc-c'].map((p) => tracker.container(uniqueName(p))) as [
      string,
      string,
      string,
    ];

    // 1. A user-defined bridge, created in the Networks view.
    await createNetworkViaUi(page, net);

    // 2. Two containers on it, with aliases, from the Run dialog.
    await runFromDialog(page, { name: first, image: TEST_IMAGE, network: net, aliases: 'alpha' });
    await runFromDialog(page, { name: second, image: TEST_IMAGE, network: net, aliases: 'beta bravo' });

    // 3. A third one on the default bridge, connected later from its container page with its own alias.
    const thirdId = await runFromDialog(page, { name: third, image: TEST_IMAGE });
    await page.evaluate((id) => (window.location.hash = `#/containers/${id}`), thirdId);
    const networks = page.getByRole('region', { name: 'Networks' });
    await networks.getByRole('table', { name: 'Networks' }).waitFor({ timeout: 20_000 });
    await networks.getByRole('button', { name: 'Connect to network' }).click();
    const dialog = page.getByRole('dialog', { name: `Connect ${third} to a network` });
    await dialog.waitFor();
    await dialog.getByRole('searchbox', { name: 'Filter networks' }).fill(net);
    const list = dialog.getByRole('listbox', { name: 'Network' });
    await expect
      .poll(() => list.locator('option:not([hidden])').allTextContents())
      .toEqual([expect.stringContaining(net)]);
    await list.selectOption((await list.locator('option:not([hidden])').first().getAttribute('value')) ?? '');
    await dialog.getByRole('button', { name: 'Add alias' }).click();
    await dialog.getByLabel('Alias 1', { exact: true }).fill('gamma');
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => dialog.count(), { timeout: 20_000 }).toBe(0);
    // The container page shows the new network live, with the alias, linking to the network's page.
    const netRow = networks.getByRole('row').filter({ hasText: net });
    await expect.poll(async () => (await netRow.textContent()) ?? '', { timeout: 20_000 }).toContain('gamma');

    // 4. The CLI agrees: three containers on the network, each with its aliases.
    const [info] = await dockerJson<NetworkInspect[]>(['network', 'inspect', net]);
    expect(
      Object.values(info!.Containers)
        .map((c) => c.Name)
        .sort(),
    ).toEqual([first, second, third].sort());
    expect(await aliasesOn(first, net)).toContain('alpha');
    expect(await aliasesOn(second, net)).toEqual(expect.arrayContaining(['beta', 'bravo']));
    expect(await aliasesOn(third, net)).toContain('gamma');
    const cliPing = await docker(['exec', first, 'ping', '-c1', '-W', '5', 'gamma']);
    expect(cliPing.stdout).toMatch(/1 packets received/);
    expect((await docker(['exec', third, 'ping', '-c1', '-W', '5', 'beta'])).stdout).toMatch(/0% packet loss/);

    // 5. In Berth's terminal of the third container: ping the first one by its alias.
    await page.evaluate((id) => (window.location.hash = `#/containers/${id}/terminal`), thirdId);
    await page.getByRole('tablist', { name: 'Terminal sessions' }).waitFor({ timeout: 20_000 });
    await openShell();
    await typeLine('ping -c1 -W 5 alpha');
    const out = await waitScreen(/packets received/);
    expect(out).toMatch(/1 packets received/);
    expect(out).toMatch(/0% packet loss/);
    await page.screenshot({ path: `${SHOTS}/network-acceptance-ping.png` });

    // 6. The network's page lists all three with their addresses and aliases, as the engine has them.
    const region = await openNetworkPage(page, net);
    const table = region.getByRole('table', { name: 'Attached containers' });
    const [after] = await dockerJson<NetworkInspect[]>(['network', 'inspect', net]);
    for (const c of Object.values(after!.Containers)) {
      const row = table.getByRole('row').filter({ hasText: c.Name });
      await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 20_000 }).toContain(c.IPv4Address);
    }
    // Aliases come from each container's endpoint (the network's own JSON has none).
    for (const [c, alias] of [
      [first, 'alpha'],
      [second, 'beta, bravo'],
      [third, 'gamma'],
    ] as const) {
      const row = table.getByRole('row').filter({ hasText: c });
      await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 20_000 }).toContain(alias);
    }
  });
});
