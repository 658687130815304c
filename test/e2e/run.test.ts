import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { createTracker, docker, dockerJson, requireEngine, TEST_IMAGE, uniqueName, waitFor } from '../helpers/engine';
import { messageOf as messageNextTo, startBerthWeb, type BerthWeb, waitForViewsReady } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

/**
 * The Run dialog in web mode on the private engine: every option it sets is checked with docker
 * inspect; each kind of bad input shows its message next to the field and creates nothing.
 */

const tracker = createTracker();
let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;
let tmp: string;

/** The text of the message tied to a field (its aria-describedby), i.e. the one shown next to it. */
const messageOf = (field: Locator): Promise<string> => messageNextTo(page, field);

interface Inspect {
  Id: string;
  Name: string;
  State: { Status: string };
  Config: {
    Env: string[];
    Cmd: string[] | null;
    Labels: Record<string, string>;
    ExposedPorts?: Record<string, object>;
  };
  HostConfig: {
    Memory: number;
    NanoCpus: number;
    PidsLimit: number | null;
    PortBindings: Record<string, Array<{ HostIp: string; HostPort: string }>>;
    RestartPolicy: { Name: string; MaximumRetryCount: number };
  };
  Mounts: Array<{ Type: string; Name?: string; Source: string; Destination: string; RW: boolean }>;
  NetworkSettings: { Networks: Record<string, { Aliases: string[] | null }> };
}

async function inspect(name: string): Promise<Inspect> {
  const [info] = await dockerJson<Inspect[]>(['container', 'inspect', name]);
  if (!info) throw new Error(`no container ${name}`);
  return info;
}

/** Containers with this exact name (running or not). */
async function containersNamed(name: string): Promise<string[]> {
  const { stdout } = await docker(['ps', '-a', '--filter', `name=^/${name}$`, '--format', '{{.ID}}']);
  return stdout.split('\n').filter(Boolean);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function dialog(): Locator {
  return page.getByRole('dialog', { name: 'Run a container' });
}

async function openFromContainers(): Promise<Locator> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: /^Containers/ })
    .click();
  await page.getByRole('button', { name: 'Run container' }).click();
  const d = dialog();
  await d.waitFor();
  return d;
}

async function closeDialog(): Promise<void> {
  if ((await dialog().count()) > 0) await page.keyboard.press('Escape');
  await expect.poll(() => dialog().count()).toBe(0);
}

beforeAll(async () => {
  requireEngine();
  tmp = mkdtempSync(join(tmpdir(), 'berth-run-e2e-'));
  web = await startBerthWeb();
  browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.origin });
  page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(web.url);
  await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 20_000 });
  await waitForViewsReady(page);
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await tracker.cleanup();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('run dialog', () => {
  test('ports, env (with a pasted .env), volume + bind, network alias, limits and restart reach the engine', async () => {
    const name = tracker.container(uniqueName('run-full'));
    const net = tracker.network(uniqueName('run-net'));
    const vol = tracker.volume(uniqueName('run-vol'));
    await docker(['network', 'create', net]);
    const hostDir = join(tmp, 'site');
    mkdirSync(hostDir);
    writeFileSync(join(hostDir, 'index.html'), 'hello from the host\n');
    const hostPort = await freePort();

    const d = await openFromContainers();
    await d.getByLabel('Image', { exact: true }).fill(TEST_IMAGE);
    await d.getByLabel('Name', { exact: true }).fill(name);
    await d.getByLabel('Command', { exact: true }).fill('sleep 300');

    await d.getByRole('button', { name: 'Add port' }).click();
    await d.getByLabel('Port rule 1', { exact: true }).fill(`127.0.0.1:${hostPort}:80`);
    await d.getByRole('button', { name: 'Add port' }).click();
    await d.getByLabel('Port rule 2', { exact: true }).fill('5353/udp');

    await d.getByRole('button', { name: 'Add named volume' }).click();
    const v1 = d.getByRole('group', { name: 'Volume 1' });
    await v1.getByLabel('Volume name', { exact: true }).fill(vol);
    await v1.getByLabel('Container path', { exact: true }).fill('/data');
    await d.getByRole('button', { name: 'Add host folder' }).click();
    const v2 = d.getByRole('group', { name: 'Volume 2' });
    // The host folder is picked with the in-app chooser: type the folder's path there and choose it.
    await v2.getByRole('button', { name: 'Browse for Host path' }).click();
    const chooser = page.getByRole('dialog', { name: /^Choose host path/ });
    // Its first listing (home) fills the folder box; wait for it so it cannot overwrite what we type.
    await expect.poll(() => chooser.getByRole('textbox', { name: 'Folder' }).inputValue()).not.toBe('');
    await chooser.getByRole('textbox', { name: 'Folder' }).fill(hostDir);
    await chooser.getByRole('textbox', { name: 'Folder' }).press('Enter');
    await chooser.getByRole('listbox', { name: `Contents of ${hostDir}` }).waitFor();
    await page.screenshot({ path: `${SHOTS}/run-dialog-chooser.png` });
    await chooser.getByRole('button', { name: 'Choose this folder' }).click();
    await expect.poll(() => chooser.count()).toBe(0);
    expect(await v2.getByLabel('Host path', { exact: true }).inputValue()).toBe(hostDir);
    // The Run dialog stayed open (Enter in the chooser did not submit it).
    expect(await containersNamed(name)).toEqual([]);
    await v2.getByLabel('Container path', { exact: true }).fill('/site');
    await v2.getByRole('checkbox', { name: 'Read-only' }).check();

    // The user-defined network is offered once the list has it.
    const network = d.getByRole('combobox', { name: 'Network', exact: true });
    await expect
      .poll(async () => (await network.locator('option').allTextContents()).includes(net), { timeout: 20_000 })
      .toBe(true);
    await network.selectOption(net);
    await d.getByLabel('Network aliases', { exact: true }).fill('db cache');

    await d.getByRole('button', { name: 'Add variable' }).click();
    await d.getByLabel('Variable 1 name', { exact: true }).fill('MODE');
    await d.getByLabel('Variable 1 value', { exact: true }).fill('prod');
    await d.getByRole('button', { name: 'Paste .env…' }).click();
    await d
      .getByLabel('Paste a .env block', { exact: true })
      .fill('# app settings\nexport API_URL="http://api:8080/v1"\nGREETING=\'hello world\'\nDEBUG=1 # on\n');
    await d.getByRole('button', { name: 'Add variables' }).click();
    await expect.poll(() => d.getByLabel('Variable 4 name', { exact: true }).inputValue()).toBe('DEBUG');

    await d.getByLabel('Memory', { exact: true }).fill('64m');
    await d.getByLabel('CPUs', { exact: true }).fill('0.5');
    await d.getByLabel('PIDs limit', { exact: true }).fill('100');
    await d.getByLabel('Restart policy', { exact: true }).selectOption('on-failure');
    await d.getByLabel('Max retries', { exact: true }).fill('3');

    await d.getByRole('button', { name: 'Add label' }).click();
    await d.getByLabel('Label 1 name', { exact: true }).fill('com.example.team');
    await d.getByLabel('Label 1 value', { exact: true }).fill('web ops');

    // The preview is the equivalent CLI line, quoted for a shell.
    const preview = d.getByLabel('docker run command', { exact: true });
    const line = await preview.inputValue();
    expect(line).toBe(
      `docker run -d --name ${name} -p 127.0.0.1:${hostPort}:80 -p 5353/udp -e MODE=prod ` +
        `-e API_URL=http://api:8080/v1 -e 'GREETING=hello world' -e DEBUG=1 -v ${vol}:/data -v ${hostDir}:/site:ro ` +
        `--network ${net} --network-alias db --network-alias cache --restart on-failure:3 --memory 64m --cpus 0.5 ` +
        `--pids-limit 100 --label 'com.example.team=web ops' ${TEST_IMAGE} sleep 300`,
    );
    await d.getByRole('button', { name: 'Copy as docker run command' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(line);

    // Screenshots of the filled dialog in both themes.
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await d.getByRole('navigation', { name: 'Run dialog sections' }).getByRole('button', { name: 'General' }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/run-dialog-dark.png` });
    await d.getByRole('navigation', { name: 'Run dialog sections' }).getByRole('button', { name: 'Volumes' }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/run-dialog-volumes-dark.png` });
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
    await d
      .getByRole('navigation', { name: 'Run dialog sections' })
      .getByRole('button', { name: 'Resources & restart' })
      .click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/run-dialog-light.png` });
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));

    await d.getByRole('button', { name: 'Run', exact: true }).click();

    // The new container's page opens.
    const id = await waitFor(async () => (await containersNamed(name))[0], { timeoutMs: 20_000 });
    await expect
      .poll(() => page.evaluate(() => window.location.hash), { timeout: 20_000 })
      .toMatch(new RegExp(`^#/containers/${id}`));
    await expect.poll(() => dialog().count()).toBe(0);
    await page.getByRole('heading', { name }).waitFor({ timeout: 20_000 });

    const info = await inspect(name);
    expect(info.State.Status).toBe('running');
    expect(info.HostConfig.Memory).toBe(64 * 1024 * 1024);
    expect(info.HostConfig.NanoCpus).toBe(500_000_000);
    expect(info.HostConfig.PidsLimit).toBe(100);
    expect(info.HostConfig.PortBindings).toEqual({
      '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(hostPort) }],
      '5353/udp': [{ HostIp: '', HostPort: '' }],
    });
    expect(info.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 });
    expect(info.Config.Env).toEqual(
      expect.arrayContaining(['MODE=prod', 'API_URL=http://api:8080/v1', 'GREETING=hello world', 'DEBUG=1']),
    );
    expect(info.Config.Labels['com.example.team']).toBe('web ops');
    const mounts = Object.fromEntries(info.Mounts.map((m) => [m.Destination, m]));
    expect(mounts['/data']).toMatchObject({ Type: 'volume', Name: vol, RW: true });
    expect(mounts['/site']).toMatchObject({ Type: 'bind', Source: hostDir, RW: false });
    expect(info.NetworkSettings.Networks[net]?.Aliases).toEqual(expect.arrayContaining(['db', 'cache']));
    // The bind really is the host folder, read-only.
    const cat = await docker(['exec', name, 'cat', '/site/index.html']);
    expect(cat.stdout).toBe('hello from the host\n');
    const write = await docker(['exec', name, 'touch', '/site/x'], { allowFail: true });
    expect(write.code).not.toBe(0);
  });

  test('from an image row: the image is filled in; Create makes a container without starting it', async () => {
    const name = tracker.container(uniqueName('run-img'));
    // In-app navigation from wherever the earlier tests left the page (this once showed a blank Images
    // grid: a view re-suspended under its Suspense boundary; views no longer suspend once loaded).
    await page.evaluate(() => {
      window.location.hash = '#/containers';
    });
    await page.getByRole('grid', { name: 'Containers' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: /^Images/ })
      .click();
    const row = page.getByRole('grid', { name: 'Images' }).getByRole('row', { name: TEST_IMAGE, exact: true });
    await row.waitFor({ timeout: 20_000 }).catch(async (err: unknown) => {
      // Keep what the page showed for the failure report.
      await page.screenshot({ path: `${SHOTS}/run-from-image-failure.png` });
      throw err;
    });
    await row.getByRole('button', { name: `Run ${TEST_IMAGE}` }).click();
    const d = dialog();
    await d.waitFor();
    expect(await d.getByLabel('Image', { exact: true }).inputValue()).toBe(TEST_IMAGE);
    // The name field has the focus when the image is given; Enter would submit.
    await page.keyboard.type(name);
    await d.getByLabel('Command', { exact: true }).fill('echo "$HOSTNAME" && sleep 1');
    await d.getByRole('radio', { name: 'Shell form' }).click();
    const hint = await messageOf(d.getByLabel('Command', { exact: true }));
    expect(hint).toContain('["/bin/sh", "-c", "echo \\"$HOSTNAME\\" && sleep 1"]');
    await page.screenshot({ path: `${SHOTS}/run-dialog-from-image.png` });
    await d.getByRole('button', { name: 'Create', exact: true }).click();
    const id = await waitFor(async () => (await containersNamed(name))[0], { timeoutMs: 20_000 });
    await expect
      .poll(() => page.evaluate(() => window.location.hash), { timeout: 20_000 })
      .toMatch(new RegExp(`^#/containers/${id}`));
    const info = await inspect(name);
    expect(info.State.Status).toBe('created');
    expect(info.Config.Cmd).toEqual(['/bin/sh', '-c', 'echo "$HOSTNAME" && sleep 1']);
  });

  test('bad port: the message is next to the port field and nothing is created', async () => {
    const name = uniqueName('run-badport');
    const d = await openFromContainers();
    await d.getByLabel('Image', { exact: true }).fill(TEST_IMAGE);
    await d.getByLabel('Name', { exact: true }).fill(name);
    await d.getByRole('button', { name: 'Add port' }).click();
    const port = d.getByLabel('Port rule 1', { exact: true });
    await port.fill('99999:80');
    await port.press('Enter');
    await expect.poll(() => port.getAttribute('aria-invalid')).toBe('true');
    expect(await messageOf(port)).toContain('Host port 99999 is out of range');
    // Focus goes to the field in error.
    await expect.poll(() => port.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/run-dialog-error.png` });
    expect(await containersNamed(name)).toEqual([]);
    await closeDialog();
  });

  test('"512x" as memory: the message is next to the memory field and nothing is created', async () => {
    const name = uniqueName('run-badmem');
    const d = await openFromContainers();
    await d.getByLabel('Image', { exact: true }).fill(TEST_IMAGE);
    await d.getByLabel('Name', { exact: true }).fill(name);
    const memory = d.getByLabel('Memory', { exact: true });
    await memory.fill('512x');
    await d.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => memory.getAttribute('aria-invalid')).toBe('true');
    expect(await messageOf(memory)).toContain('“512x” is not a size');
    expect(
      await d
        .getByRole('navigation', { name: 'Run dialog sections' })
        .getByRole('button', { name: 'Resources & restart' })
        .textContent(),
    ).toContain('1');
    expect(await containersNamed(name)).toEqual([]);
    // Fixing it clears the message.
    await memory.fill('512m');
    await expect.poll(() => memory.getAttribute('aria-invalid')).toBe(null);
    await closeDialog();
  });

  test('unknown image: the engine’s message is next to the image field and nothing is created', async () => {
    const name = uniqueName('run-noimage');
    const image = `${uniqueName('no-such-image')}:latest`;
    const d = await openFromContainers();
    const field = d.getByLabel('Image', { exact: true });
    await field.fill(image);
    await d.getByLabel('Name', { exact: true }).fill(name);
    await d.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => field.getAttribute('aria-invalid'), { timeout: 20_000 }).toBe('true');
    expect(await messageOf(field)).toContain(`No such image: ${image}`);
    expect(await containersNamed(name)).toEqual([]);
    await closeDialog();
  });

  test('an engine refusal about a field (a capability it does not know) is shown verbatim at that field; nothing is created', async () => {
    const name = uniqueName('run-badcap');
    const d = await openFromContainers();
    await d.getByLabel('Image', { exact: true }).fill(TEST_IMAGE);
    await d.getByLabel('Name', { exact: true }).fill(name);
    await d.getByText('Advanced: privileges and capabilities').click();
    // The fold warns before anyone grants privileges.
    expect(await d.getByRole('note').textContent()).toMatch(/weaken the isolation/);
    const caps = d.getByLabel('Add capabilities', { exact: true });
    await caps.fill('NOT_A_REAL_CAP');
    await d.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => caps.getAttribute('aria-invalid'), { timeout: 20_000 }).toBe('true');
    expect(await messageOf(caps)).toMatch(/unknown capability.*NOT_A_REAL_CAP/i);
    expect(await containersNamed(name)).toEqual([]);
    await closeDialog();
  });

  test('port in use: the engine’s refusal is shown at the ports, and the half-made container is gone', async () => {
    const hostPort = await freePort();
    const holder = tracker.container(uniqueName('run-holder'));
    await docker(['run', '-d', '--name', holder, '-p', `127.0.0.1:${hostPort}:80`, TEST_IMAGE, 'sleep', '300']);
    const name = uniqueName('run-clash');
    tracker.container(name); // removed by cleanup should the handler ever leave it behind

    const d = await openFromContainers();
    await d.getByLabel('Image', { exact: true }).fill(TEST_IMAGE);
    await d.getByLabel('Name', { exact: true }).fill(name);
    await d.getByLabel('Command', { exact: true }).fill('sleep 300');
    await d.getByRole('button', { name: 'Add port' }).click();
    await d.getByLabel('Port rule 1', { exact: true }).fill(`127.0.0.1:${hostPort}:80`);
    await d.getByRole('button', { name: 'Run', exact: true }).click();

    const alert = d.getByRole('alert').filter({ hasText: /port is already allocated|address already in use/ });
    await alert.waitFor({ timeout: 20_000 });
    // Shown in the Ports section, right under the rules.
    const ports = d.getByRole('region', { name: 'Ports' });
    expect(await ports.getByRole('alert').textContent()).toMatch(
      new RegExp(`${hostPort}.*(port is already allocated|address already in use)`),
    );
    await page.screenshot({ path: `${SHOTS}/run-dialog-port-in-use.png` });
    expect(await containersNamed(name)).toEqual([]);
    await closeDialog();
  });
});
