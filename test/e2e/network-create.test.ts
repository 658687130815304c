import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { createTracker, docker, dockerJson, requireEngine, uniqueName } from '../helpers/engine';
import { startBerthWeb, type BerthWeb, waitForViewsReady } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

/**
 * Create network dialog in web mode on the private engine: every field through the UI checked with
 * `docker network inspect`, and bad input refused at its field (by Berth, or by the engine) with no
 * network left behind.
 */

const tracker = createTracker();
let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;

/** A /24 in 10.0.0.0/8 that this run alone uses (other tests run on the same engine). */
function freeSubnet(): { base: string; cidr: string } {
  const a = 100 + Math.floor(Math.random() * 120);
  const b = Math.floor(Math.random() * 250);
  return { base: `10.${a}.${b}`, cidr: `10.${a}.${b}.0/24` };
}

interface NetworkInspect {
  Name: string;
  Driver: string;
  Internal: boolean;
  Attachable: boolean;
  EnableIPv6: boolean;
  IPAM: { Config: Array<{ Subnet?: string; Gateway?: string; IPRange?: string }> };
  Labels: Record<string, string> | null;
  Options: Record<string, string> | null;
}

async function networkNames(): Promise<string[]> {
  const { stdout } = await docker(['network', 'ls', '--format', '{{.Name}}']);
  return stdout.split('\n').filter(Boolean);
}

function grid(): Locator {
  return page.getByRole('grid', { name: 'Networks' });
}

function dialog(): Locator {
  return page.getByRole('dialog', { name: 'Create network' });
}

async function openDialog(): Promise<Locator> {
  await page.getByRole('button', { name: 'Create network' }).click();
  await dialog().waitFor();
  return dialog();
}

/** The message a field points at with aria-describedby (its error, or its hint). */
async function describedBy(field: Locator): Promise<string> {
  return field.evaluate((el) => {
    const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
  });
}

/** Waits until the field is marked invalid and returns its message. */
async function fieldError(field: Locator): Promise<string> {
  await expect.poll(() => field.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
  return describedBy(field);
}

beforeAll(async () => {
  requireEngine();
  web = await startBerthWeb();
  browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
  page = await browser.context.newPage();
  await page.goto(web.url);
  await page.getByRole('link', { name: /^Networks/ }).click();
  await grid().getByRole('row', { name: 'bridge', exact: true }).waitFor();
  // Creating a network changes the host's interfaces; Chromium aborts requests in flight then.
  await waitForViewsReady(page);
});

afterEach(async () => {
  // A failed test must not leave its dialog over the next one.
  if (await dialog().isVisible()) await page.keyboard.press('Escape');
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await tracker.cleanup();
});

describe('create network dialog', () => {
  test('a bridge with subnet, gateway, IP range, label, options and internal: as inspect shows it', async () => {
    const name = tracker.network(uniqueName('netc'));
    const { base, cidr } = freeSubnet();
    const bridgeName = `brnc${Math.random().toString(36).slice(2, 8)}`;
    const dlg = await openDialog();

    // The name has the focus; Escape closes and nothing is made.
    const nameField = dlg.getByLabel('Name', { exact: true });
    await expect.poll(() => nameField.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await dlg.getByLabel('Driver', { exact: true }).inputValue()).toBe('bridge');
    const drivers = await dlg.getByLabel('Driver', { exact: true }).locator('option').allTextContents();
    expect(drivers).not.toContain('host');
    expect(drivers).not.toContain('null');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);

    await openDialog();
    await nameField.fill(name);
    await dlg.getByRole('button', { name: 'Add IPv4 subnet' }).click();
    await dlg.getByLabel('Subnet 1').fill(cidr);
    await dlg.getByLabel('Gateway 1').fill(`${base}.254`);
    await dlg.getByLabel('IP range 1').fill(`${base}.128/25`);
    await dlg.getByLabel('Internal').check();
    await dlg.getByRole('button', { name: 'Add option' }).click();
    await dlg.getByLabel('Option 1 name').fill('com.docker.network.bridge.name');
    await dlg.getByLabel('Option 1 value').fill(bridgeName);
    await dlg.getByRole('button', { name: 'Add option' }).click();
    await dlg.getByLabel('Option 2 name').fill('com.docker.network.driver.mtu');
    await dlg.getByLabel('Option 2 value').fill('1450');
    await dlg.getByRole('button', { name: 'Add label' }).click();
    await dlg.getByLabel('Label 1 name').fill('com.example.team');
    await dlg.getByLabel('Label 1 value').fill('infra net');
    // The command line matches what is typed.
    const command = await dlg.getByLabel('docker command').inputValue();
    expect(command).toContain(`--subnet ${cidr} --gateway ${base}.254 --ip-range ${base}.128/25`);
    expect(command).toContain(`--internal --label 'com.example.team=infra net'`);
    expect(command).toMatch(new RegExp(`${name}$`));
    await page.screenshot({ path: `${SHOTS}/network-create-filled.png` });

    // Enter in a field creates it.
    await dlg.getByLabel('Label 1 value').press('Enter');
    await expect.poll(() => dialog().count(), { timeout: 20_000 }).toBe(0);
    await page.getByText(`Created network ${name}`).waitFor();

    const [n] = await dockerJson<NetworkInspect[]>(['network', 'inspect', name]);
    expect(n?.Name).toBe(name);
    expect(n?.Driver).toBe('bridge');
    expect(n?.Internal).toBe(true);
    expect(n?.Attachable).toBe(false);
    expect(n?.EnableIPv6).toBe(false);
    expect(n?.IPAM.Config).toEqual([{ Subnet: cidr, Gateway: `${base}.254`, IPRange: `${base}.128/25` }]);
    expect(n?.Labels).toEqual({ 'com.example.team': 'infra net' });
    expect(n?.Options).toEqual({
      'com.docker.network.bridge.name': bridgeName,
      'com.docker.network.driver.mtu': '1450',
    });

    // The row appears (re-listed on the reply; CLI-made rows come by engine events, see networks.test.ts),
    // marked as new, with its subnet and the internal badge.
    const r = grid().getByRole('row', { name, exact: true });
    await r.waitFor({ timeout: 20_000 });
    expect(await r.getAttribute('class')).toContain('rv-row-new');
    expect(await r.textContent()).toContain(cidr);
    expect(await r.textContent()).toContain('internal');
  });

  test('a name with spaces and a gateway outside the subnet: refused at their fields, the engine never asked', async () => {
    const name = uniqueName('netc-bad').replace('-bad-', ' bad ');
    const { cidr } = freeSubnet();
    const before = await networkNames();
    const dlg = await openDialog();
    await dlg.getByLabel('Name', { exact: true }).fill(name);
    await dlg.getByRole('button', { name: 'Add IPv4 subnet' }).click();
    await dlg.getByLabel('Subnet 1').fill(cidr);
    await dlg.getByLabel('Gateway 1').fill('192.168.250.1');
    await dlg.getByLabel('IP range 1').fill('10.1.2.0/99');
    await dlg.getByRole('button', { name: 'Create', exact: true }).click();

    expect(await fieldError(dlg.getByLabel('Name', { exact: true }))).toMatch(/cannot contain spaces/);
    expect(await fieldError(dlg.getByLabel('Gateway 1'))).toBe(`The gateway 192.168.250.1 is not inside ${cidr}`);
    expect(await fieldError(dlg.getByLabel('IP range 1'))).toMatch(/prefix length .* from 0 to 32/);
    expect(await dlg.getByLabel('Subnet 1').getAttribute('aria-invalid')).toBeNull();
    // The first error has the focus.
    expect(await dlg.getByLabel('Name', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/network-create-errors.png` });

    // Fixing a field clears its message as it is typed.
    await dlg.getByLabel('Gateway 1').fill(cidr.replace('.0/24', '.1'));
    await expect.poll(() => dlg.getByLabel('Gateway 1').getAttribute('aria-invalid')).toBeNull();

    expect(await dialog().count()).toBe(1);
    expect(await networkNames()).toEqual(before);
    await dlg.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
  });

  test('an overlapping subnet: the engine’s “Pool overlaps” at the subnet field, nothing made', async () => {
    const existing = tracker.network(uniqueName('netc-cli'));
    const { base, cidr } = freeSubnet();
    await docker(['network', 'create', '--subnet', cidr, existing]);
    const name = tracker.network(uniqueName('netc-ov'));
    const dlg = await openDialog();
    await dlg.getByLabel('Name', { exact: true }).fill(name);
    await dlg.getByRole('button', { name: 'Add IPv4 subnet' }).click();
    await dlg.getByLabel('Subnet 1').fill(`${base}.64/26`);
    await dlg.getByRole('button', { name: 'Create', exact: true }).click();

    expect(await fieldError(dlg.getByLabel('Subnet 1'))).toMatch(/Pool overlaps with other one on this address space/);
    expect(await dialog().count()).toBe(1);
    expect(await networkNames()).not.toContain(name);
    // Editing the subnet clears the engine's message.
    await dlg.getByLabel('Subnet 1').fill('');
    await expect.poll(() => dlg.getByLabel('Subnet 1').getAttribute('aria-invalid')).toBeNull();
    await page.keyboard.press('Escape');
  });

  test('a taken name: the engine’s refusal at the name field, the existing network untouched', async () => {
    const name = tracker.network(uniqueName('netc-taken'));
    await docker(['network', 'create', '--label', 'netc.origin=cli', name]);
    const dlg = await openDialog();
    await dlg.getByLabel('Name', { exact: true }).fill(name);
    await dlg.getByRole('button', { name: 'Add label' }).click();
    await dlg.getByLabel('Label 1 name').fill('netc.origin');
    await dlg.getByLabel('Label 1 value').fill('ui');
    await dlg.getByRole('button', { name: 'Create', exact: true }).click();

    expect(await fieldError(dlg.getByLabel('Name', { exact: true }))).toMatch(/already exists/);
    expect((await networkNames()).filter((n) => n === name)).toHaveLength(1);
    const [n] = await dockerJson<NetworkInspect[]>(['network', 'inspect', name]);
    expect(n?.Labels).toEqual({ 'netc.origin': 'cli' });
    await page.keyboard.press('Escape');
  });
});
