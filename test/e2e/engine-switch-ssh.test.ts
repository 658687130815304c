/**
 * The engine switcher with ssh engines, in Chromium: an ssh:// engine added through the Add-engine
 * dialog (a real sshd on loopback in front of the private engine, its host key checked against the
 * test's known_hosts) becomes the current engine and lists the engine's containers; an engine whose
 * host key changed shows ssh's refusal on its own entry, cannot be switched to silently, and the other
 * engines stay usable.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { engineSwitcherOf } from '../helpers/engineSwitcher';
import { createTracker, docker, engineSocketPath, requireEngine, TEST_IMAGE, uniqueName } from '../helpers/engine';
import { sshdUnavailable, startSshd, type Sshd } from '../helpers/sshd';
import { startBerthWeb, type BerthWeb } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

const unavailable = sshdUnavailable();
if (unavailable && process.env.CI) throw new Error(`ssh e2e tests cannot run in CI: ${unavailable}`);
if (unavailable) console.warn(`[engine-switch-ssh e2e] skipped: ${unavailable}`);

const tracker = createTracker();
const dir = mkdtempSync(join(tmpdir(), 'berth-switch-ssh-e2e-'));

let sshd: Sshd;
let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;
let name = '';

const grid = (): Locator => page.getByRole('grid', { name: 'Containers' });
const { menu, openMenu, addEngine, current } = engineSwitcherOf(() => page);

const addSsh = (label: string, address: string): Promise<void> => addEngine('SSH', { Name: label, Address: address });

describe.skipIf(Boolean(unavailable))('engine switcher with ssh engines', () => {
  beforeAll(async () => {
    requireEngine();
    sshd = await startSshd({ engineSocket: engineSocketPath() });
    // "changed" reaches the same sshd, but known_hosts holds another key for it (its HostKeyAlias).
    const other = join(dir, 'other_host_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const stale = readFileSync(`${other}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    const config = sshd.clientConfig({
      name: 'switch',
      knownHosts: `${sshd.knownHostsLine()}\nchanged-alias ${stale}\n`,
      body: ['Host changed', '  HostName 127.0.0.1', `  Port ${sshd.port}`, '  HostKeyAlias changed-alias', ''].join(
        '\n',
      ),
    });
    name = tracker.container(uniqueName('switch-ssh'));
    await docker(['run', '-d', '--name', name, TEST_IMAGE, 'sleep', '600']);
    mkdirSync(join(dir, 'runtime'), { recursive: true });
    web = await startBerthWeb({
      env: {
        BERTH_SSH_CONFIG: config,
        BERTH_CONFIG_DIR: join(dir, 'config'),
        DOCKER_CONFIG: join(dir, 'docker-config'),
        XDG_RUNTIME_DIR: join(dir, 'runtime'),
      },
    });
    browser = await launchChromium({ viewport: { width: 1300, height: 820 } });
    page = await browser.context.newPage();
    page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
    await page.goto(web.url);
    await grid().waitFor({ timeout: 20_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await tracker.cleanup();
    await sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('an ssh engine added in the dialog becomes current and lists the engine’s containers', async () => {
    await addSsh('Over ssh', `ssh://root@127.0.0.1:${sshd.port}`);
    await openMenu();
    const entry = menu().getByRole('menuitemradio', { name: /^Over ssh/ });
    await entry
      .getByText(/API \d/)
      .waitFor({ timeout: 30_000 })
      .catch(async (e: Error) => {
        throw new Error(`${e.message}\nmenu:\n${await menu().innerText()}\nserver:\n${web.stderr()}`);
      });
    await entry.click();
    await current('Over ssh').waitFor({ timeout: 30_000 });
    // The footer names the ssh endpoint; the table is the engine's, as the CLI sees it.
    await page.getByText(`ssh://root@127.0.0.1:${sshd.port}`).first().waitFor();
    await grid().getByRole('row', { name, exact: true }).waitFor({ timeout: 15_000 });
    const { stdout } = await docker(['ps', '-a', '--format', '{{.Names}}']);
    expect(stdout.split('\n')).toContain(name);
  });

  test('a changed host key is refused on its own entry; the other engines stay usable', async () => {
    await addSsh('Changed key', 'ssh://root@changed');
    await openMenu();
    const entry = menu().getByRole('menuitemradio', { name: /^Changed key/ });
    await entry
      .getByText(/has CHANGED/)
      .waitFor({ timeout: 30_000 })
      .catch(async (e: Error) => {
        throw new Error(`${e.message}\nmenu:\n${await menu().innerText()}\nserver:\n${web.stderr()}`);
      });
    for (const theme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.waitForTimeout(400); // colours transition
      await page.screenshot({ path: join(SHOTS, `engine-ssh-changed-key-${theme}.png`) });
    }
    // Still on the ssh engine that works, and it still answers.
    await page.keyboard.press('Escape');
    await menu().waitFor({ state: 'detached' });
    await current('Over ssh').waitFor();
    await grid().getByRole('row', { name, exact: true }).waitFor();
    expect(web.proc.exitCode).toBeNull();
  });
});
