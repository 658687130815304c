/**
 * Issue 10's UI against Podman's Docker-compatible API (scripts/podman.sh, started by scripts/test.mjs):
 * Berth in web mode with DOCKER_HOST at the Podman socket; every effect checked with `podman --url` or
 * the raw API. Podman (4.3) sends no network create/remove events, so nothing here waits for one: a
 * network made with the CLI is only looked for where Berth lists afresh (the prune previews).
 *
 * The service is this run's own, but prunes still confirm only this file's objects.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliDfRow } from '../helpers/cli-size';
import { uniqueName, waitFor } from '../helpers/engine';
import { PODMAN_HOST, podman, podmanApi, podmanExists, podmanJson } from '../helpers/podman';
import { openBerth, type OpenedBerth } from '../helpers/networkUi';
import { SHOTS } from '../helpers/shots';

const IMAGE = 'busybox:latest';
if (!PODMAN_HOST) console.warn('[podman.test] skipped: BERTH_TEST_PODMAN_HOST is unset (no podman service)');

const created = { containers: new Set<string>(), networks: new Set<string>(), volumes: new Set<string>() };
let berth: OpenedBerth | undefined;
let page: Page;

/** A fresh name, recorded for removal at the end. */
function fresh(kind: keyof typeof created, prefix: string): string {
  const name = uniqueName(prefix);
  created[kind].add(name);
  return name;
}

const textOf = async (l: Locator): Promise<string> => (await l.textContent()) ?? '';

async function gotoSection(name: 'System' | 'Networks' | 'Volumes' | 'Containers'): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: new RegExp(`^${name}`) })
    .click();
}

type Endpoints = Record<string, { Aliases: string[] | null }>;
async function networksOf(container: string): Promise<Endpoints> {
  const [info] = await podmanJson<Array<{ NetworkSettings: { Networks: Endpoints } }>>([
    'container',
    'inspect',
    container,
  ]);
  return info?.NetworkSettings.Networks ?? {};
}

async function runContainer(prefix: string, ...args: string[]): Promise<string> {
  const name = fresh('containers', prefix);
  await podman(['run', '--name', name, ...args]);
  return name;
}

describe.skipIf(!PODMAN_HOST)('Berth on Podman', () => {
  beforeAll(async () => {
    berth = await openBerth({ env: { DOCKER_HOST: PODMAN_HOST } });
    page = berth.page;
  });

  afterAll(async () => {
    await berth?.close();
    if (!PODMAN_HOST) return;
    for (const c of created.containers) await podman(['rm', '-f', '-t', '0', c], { allowFail: true });
    for (const n of created.networks) await podman(['network', 'rm', '-f', n], { allowFail: true });
    for (const v of created.volumes) await podman(['volume', 'rm', '-f', v], { allowFail: true });
  });

  test("containers list follows Podman's events: a CLI create appears, its 'remove' drops the row", async () => {
    await gotoSection('Containers');
    const grid = page.getByRole('grid', { name: 'Containers' });
    // Created, never started: its removal sends no 'die' whose re-fetch would find it gone anyway.
    const c = fresh('containers', 'pm-live');
    await podman(['create', '--name', c, '--network', 'none', IMAGE, 'true']);
    const row = grid.getByRole('row', { name: c, exact: true });
    await row.waitFor({ timeout: 20_000 });
    await podman(['rm', c]);
    // Podman says 'remove' where Docker says 'destroy'; no reload happens here.
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(0);
  });

  test('System page: Podman version and the disk use /system/df reports', async () => {
    const vol = fresh('volumes', 'pm-df-vol');
    await runContainer('pm-df', '-v', `${vol}:/data`, IMAGE, 'sh', '-c', 'head -c 122880 /dev/zero > /data/f');
    const version = (await podman(['version', '--format', '{{.Server.Version}}'])).stdout.trim();

    await gotoSection('System');
    const fact = (card: string, label: string): Locator =>
      page
        .getByRole('region', { name: card })
        .getByRole('term')
        .filter({ hasText: new RegExp(`^${label}$`) })
        .locator('xpath=following-sibling::dd[1]');
    await fact('Engine', 'Version').waitFor({ timeout: 30_000 });
    expect(await textOf(fact('Engine', 'Version'))).toBe(version);

    const diskUse = page.getByRole('region', { name: 'Disk use' });
    await diskUse.getByRole('table', { name: 'Disk use by kind' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => diskUse.getAttribute('aria-busy'), { timeout: 60_000 }).toBe('false');
    const shown = async (type: string) => {
      const r = diskUse.getByRole('row', { name: type, exact: true });
      const cell = (col: string) => r.locator(`[data-col="${col}"]`);
      return cliDfRow(
        {
          total: Number((await textOf(cell('total'))).replace(/,/g, '')),
          active: Number((await textOf(cell('active'))).replace(/,/g, '')),
          size: Number(await cell('size').getAttribute('data-bytes')),
          reclaimable: Number(await cell('reclaimable').getAttribute('data-bytes')),
        },
        type !== 'Build Cache',
      );
    };
    // The figures from Podman's own /system/df, by the CLI's rules (cli/command/formatter/disk_usage.go);
    // Podman reports LayersSize 0, so the images' size is the sum of their sizes (none share layers here).
    const df = await podmanApi<{
      Images: Array<{ Size: number; SharedSize: number; Containers: number }>;
      Containers: Array<{ SizeRw: number; State: string }>;
      Volumes: Array<{ UsageData: { Size: number; RefCount: number } }>;
    }>('/v1.41/system/df');
    const imgSize = df.Images.reduce((s, i) => s + i.Size, 0);
    const imgUsed = df.Images.filter((i) => i.Containers > 0).reduce((s, i) => s + i.Size - i.SharedSize, 0);
    const ctrSize = df.Containers.reduce((s, c) => s + c.SizeRw, 0);
    const running = df.Containers.filter((c) => c.State === 'running');
    const volSize = df.Volumes.reduce((s, v) => s + v.UsageData.Size, 0);
    const volUsed = df.Volumes.filter((v) => v.UsageData.RefCount > 0);
    expect(await shown('Images')).toEqual(
      cliDfRow(
        {
          total: df.Images.length,
          active: df.Images.filter((i) => i.Containers > 0).length,
          size: imgSize,
          reclaimable: imgSize - imgUsed,
        },
        true,
      ),
    );
    expect(await shown('Containers')).toEqual(
      cliDfRow(
        {
          total: df.Containers.length,
          active: running.length,
          size: ctrSize,
          reclaimable: ctrSize - running.reduce((s, c) => s + c.SizeRw, 0),
        },
        true,
      ),
    );
    expect(await shown('Local Volumes')).toEqual(
      cliDfRow(
        {
          total: df.Volumes.length,
          active: volUsed.length,
          size: volSize,
          reclaimable: volSize - volUsed.reduce((s, v) => s + v.UsageData.Size, 0),
        },
        true,
      ),
    );
    expect(imgSize).toBeGreaterThan(0);
    expect(volSize).toBeGreaterThanOrEqual(122_880);
    await page.screenshot({ path: `${SHOTS}/podman-system.png` });
  });

  test('networks: create with a subnet, connect with an alias, disconnect, prune only ours', async () => {
    const net = fresh('networks', 'pm-net');
    const base = fresh('networks', 'pm-base');
    // Our container sits on a network of its own, not on Podman's default bridge (podman0), which a
    // Podman service with other state on this host may use too.
    await podman(['network', 'create', base]);
    const c = await runContainer('pm-c', '-d', '--network', base, IMAGE, 'sleep', '3600');

    await gotoSection('Networks');
    await page.getByRole('button', { name: 'Create network' }).first().click();
    const create = page.getByRole('dialog', { name: 'Create network' });
    await create.getByLabel('Name', { exact: true }).fill(net);
    await create.getByRole('button', { name: 'Add IPv4 subnet' }).click();
    await create.getByLabel('Subnet 1', { exact: true }).fill('10.199.7.0/24');
    await create.getByLabel('Gateway 1', { exact: true }).fill('10.199.7.1');
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await expect.poll(() => create.count(), { timeout: 20_000 }).toBe(0);
    const [info] = await podmanJson<Array<{ name: string; subnets: Array<{ subnet: string; gateway: string }> }>>([
      'network',
      'inspect',
      net,
    ]);
    expect(info?.subnets).toEqual([{ subnet: '10.199.7.0/24', gateway: '10.199.7.1' }]);

    // Its page (Podman sends no network create event: the row is there from Berth's own reload).
    const row = page.getByRole('grid', { name: 'Networks' }).getByRole('row', { name: net, exact: true });
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    await page.keyboard.press('Enter');
    const region = page.getByRole('region', { name: `Network ${net}` });
    await region.waitFor({ timeout: 20_000 });

    await region.getByRole('button', { name: 'Connect container' }).click();
    const connect = page.getByRole('dialog', { name: `Connect a container to ${net}` });
    await connect.getByRole('searchbox', { name: 'Filter containers' }).fill(c);
    const list = connect.getByRole('listbox', { name: 'Container' });
    await expect.poll(() => list.locator('option:not([hidden])').count(), { timeout: 20_000 }).toBe(1);
    await list.selectOption((await list.locator('option:not([hidden])').first().getAttribute('value')) ?? '');
    await connect.getByRole('button', { name: 'Add alias' }).click();
    await connect.getByLabel('Alias 1', { exact: true }).fill('web');
    await connect.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => connect.count(), { timeout: 20_000 }).toBe(0);

    const attached = region.getByRole('table', { name: 'Attached containers' });
    const attachedRow = attached.getByRole('row').filter({ hasText: c });
    await expect.poll(() => textOf(attachedRow), { timeout: 20_000 }).toContain('web');
    expect((await networksOf(c))[net]?.Aliases ?? []).toContain('web');
    await page.screenshot({ path: `${SHOTS}/podman-network-page.png` });

    await attached.getByRole('button', { name: `Disconnect ${c}` }).click();
    const disc = page.getByRole('dialog', { name: `Disconnect ${c} from ${net}?` });
    await disc.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await expect.poll(() => disc.count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => attached.count(), { timeout: 20_000 }).toBe(0);
    expect(Object.keys(await networksOf(c))).not.toContain(net);

    // Prune: our now unused network is offered; only it goes.
    await page.getByRole('link', { name: 'Back to networks' }).click();
    await page.getByRole('grid', { name: 'Networks' }).waitFor();
    await page.getByRole('button', { name: 'Prune', exact: true }).click();
    const prune = page.getByRole('dialog', { name: 'Prune networks' });
    const table = prune.getByRole('table', { name: 'Networks that will be deleted' });
    await table.waitFor({ timeout: 30_000 });
    const box = (n: string): Locator => prune.getByRole('checkbox', { name: `Delete ${n}`, exact: true });
    await box(net).waitFor();
    expect(await box(base).count()).toBe(0); // a running container uses it
    await prune.getByRole('checkbox', { name: 'Select all networks' }).uncheck();
    await box(net).check();
    await page.screenshot({ path: `${SHOTS}/podman-network-prune.png` });
    await prune.getByRole('button', { name: 'Delete 1 network', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Pruned 1 network' }).waitFor({ timeout: 20_000 });
    expect(await podmanExists('network', net)).toBe(false);
    expect(await podmanExists('network', base)).toBe(true);
  });

  test('volumes: create through the dialog, prune ("All unused") lists it and removes only it', async () => {
    const vol = fresh('volumes', 'pm-vol');
    const keep = fresh('volumes', 'pm-vol-keep');
    await podman(['volume', 'create', keep]);

    await gotoSection('Volumes');
    await page.getByRole('grid', { name: 'Volumes' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Create volume' }).first().click();
    const create = page.getByRole('dialog', { name: 'Create volume' });
    await create.getByLabel('Name', { exact: true }).fill(vol);
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await expect.poll(() => create.count(), { timeout: 20_000 }).toBe(0);
    expect(await podmanExists('volume', vol)).toBe(true);
    const grid = page.getByRole('grid', { name: 'Volumes' });
    await grid.getByRole('row', { name: vol, exact: true }).waitFor({ timeout: 20_000 });

    await page.getByRole('button', { name: 'Prune', exact: true }).click();
    const prune = page.getByRole('dialog', { name: 'Prune volumes' });
    await prune.getByRole('radio', { name: 'All unused' }).click();
    const box = (n: string): Locator => prune.getByRole('checkbox', { name: `Delete ${n}` });
    await box(vol).waitFor({ timeout: 20_000 });
    expect(await box(keep).count()).toBe(1);
    // Sizes on demand come from Podman's /system/df too.
    const table = prune.getByRole('table', { name: 'Volumes that will be deleted' });
    const sizeOf = async (): Promise<string> =>
      (await textOf(table.getByRole('row').filter({ hasText: vol }).locator('td').last())).trim();
    expect(await sizeOf()).toBe('—');
    await prune.getByRole('button', { name: 'Show sizes' }).click();
    await expect.poll(sizeOf, { timeout: 30_000 }).toBe('0 B');
    await prune.getByRole('checkbox', { name: 'Select all volumes' }).uncheck();
    await box(vol).check();
    await page.screenshot({ path: `${SHOTS}/podman-volume-prune.png` });
    await prune.getByRole('button', { name: /^Delete 1 volume/ }).click();
    await page.getByRole('status').filter({ hasText: 'Pruned 1 volume' }).waitFor({ timeout: 20_000 });
    await waitFor(async () => !(await podmanExists('volume', vol)), { timeoutMs: 20_000, message: `${vol} pruned` });
    expect(await podmanExists('volume', keep)).toBe(true);
  });

  test('system prune: the preview lists our stopped container and unused network; confirming only them removes only them', async () => {
    const gone = await runContainer('pm-sp-gone', IMAGE, 'true');
    const kept = await runContainer('pm-sp-kept', IMAGE, 'true');
    const net = fresh('networks', 'pm-sp-net');
    await podman(['network', 'create', net]);

    await gotoSection('System');
    await page.getByRole('button', { name: 'Prune…' }).click();
    const dlg = page.getByRole('dialog', { name: 'System prune' });
    await dlg.waitFor();
    await dlg.getByRole('checkbox', { name: 'Stopped containers', exact: true }).check();
    await dlg.getByRole('checkbox', { name: 'Unused networks', exact: true }).check();
    await dlg.getByRole('checkbox', { name: 'Build cache', exact: true }).uncheck();
    await dlg.getByRole('radiogroup', { name: 'Images to prune' }).getByRole('radio', { name: 'None' }).click();
    await dlg.getByRole('button', { name: 'Preview', exact: true }).click();
    const table = dlg.getByRole('table', { name: 'Objects that will be deleted' });
    await table.waitFor({ timeout: 60_000 });
    await dlg.getByRole('button', { name: 'Select none' }).click();
    expect(await table.getByRole('row', { name: `container ${kept}` }).count()).toBe(1);
    // Podman's default network is "bridge" on its Docker API: built in, never offered.
    expect(await table.getByRole('row', { name: 'network bridge' }).count()).toBe(0);
    await dlg.getByRole('checkbox', { name: `Delete container ${gone}` }).check();
    await dlg.getByRole('checkbox', { name: `Delete network ${net}` }).check();
    await page.screenshot({ path: `${SHOTS}/podman-system-prune.png` });
    await dlg.getByRole('button', { name: /^Delete 2 objects/ }).click();
    const result = dlg.getByRole('region', { name: 'Prune result' });
    await result.waitFor({ timeout: 60_000 });
    expect(await textOf(result)).toContain('2 objects removed');
    await dlg.getByRole('button', { name: 'Close' }).last().click();
    expect(await podmanExists('container', gone)).toBe(false);
    expect(await podmanExists('container', kept)).toBe(true);
    expect(await podmanExists('network', net)).toBe(false);
  });
});
