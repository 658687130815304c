/**
 * Web mode on an ssh:// engine: the real server started with `--docker-host ssh://root@127.0.0.1:P`
 * and BERTH_SSH_CONFIG against a real sshd (test/helpers/sshd.ts) in front of the private engine,
 * driven in Chromium: the Containers list, a container's Logs and a Terminal all work over ssh.
 * Also DOCKER_HOST=ssh://… at start, which used to crash web mode (sock.setTimeout is not a function).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import {
  createTracker,
  docker,
  engineSocketPath,
  requireEngine,
  TEST_IMAGE,
  uniqueName,
  waitFor,
} from '../helpers/engine';
import { sshdUnavailable, startSshd, type Sshd } from '../helpers/sshd';
import { startBerthWeb, type BerthWeb } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

const unavailable = sshdUnavailable();
if (unavailable && process.env.CI) throw new Error(`ssh e2e tests cannot run in CI: ${unavailable}`);
if (unavailable) console.warn(`[ssh e2e] skipped: ${unavailable}`);

const tracker = createTracker();
let sshd: Sshd;
let config: string;
let browser: LaunchedChromium;
let name: string;
let id: string;

async function openApp(web: BerthWeb): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(web.url);
  return page;
}

describe.skipIf(Boolean(unavailable))('web mode on an ssh:// engine', () => {
  beforeAll(async () => {
    requireEngine();
    sshd = await startSshd({ engineSocket: engineSocketPath() });
    config = sshd.clientConfig({ name: 'e2e', knownHosts: sshd.knownHostsLine() });
    name = tracker.container(uniqueName('ssh-ui'));
    id = (
      await docker([
        'run',
        '-d',
        '--name',
        name,
        '--stop-timeout',
        '1',
        TEST_IMAGE,
        'sh',
        '-c',
        'echo ssh-log-line; sleep 600',
      ])
    ).stdout.trim();
    browser = await launchChromium({ viewport: { width: 1400, height: 860 } });
    await browser.context.addInitScript(() => window.localStorage.setItem('berth.terminal.renderer', 'dom'));
  });

  afterAll(async () => {
    await browser?.close();
    await tracker.cleanup();
    await sshd?.stop();
  });

  test('--docker-host ssh://: list, logs and a terminal work through the UI', async () => {
    const web = await startBerthWeb({
      args: ['--docker-host', `ssh://root@127.0.0.1:${sshd.port}`],
      env: { BERTH_SSH_CONFIG: config },
    });
    try {
      const page = await openApp(web);
      const grid = page.getByRole('grid', { name: 'Containers' });
      await grid.getByRole('row', { name, exact: true }).waitFor({ timeout: 30_000 });

      await page.evaluate((cid) => {
        window.location.hash = `#/containers/${cid}`;
      }, id);
      const tabs = page.getByRole('tablist', { name: 'Container details' });
      await tabs.getByRole('tab', { name: 'Logs' }).click();
      await page.getByRole('log', { name: 'Log lines' }).getByText('ssh-log-line').waitFor({ timeout: 20_000 });

      await tabs.getByRole('tab', { name: 'Terminal' }).click();
      await page.getByRole('button', { name: 'Open shell' }).click();
      const session = page.locator('.term-session:not([hidden])');
      await session.getByText('Connected', { exact: true }).waitFor({ timeout: 20_000 });
      await session.locator('.xterm').click();
      await page.keyboard.type('echo over-ssh-$((40+2))');
      await page.keyboard.press('Enter');
      await waitFor(async () => (await session.locator('.xterm-rows').innerText()).includes('over-ssh-42'), {
        timeoutMs: 20_000,
        message: 'the command output in the terminal',
      });
      await page.close();
    } catch (err) {
      throw new Error(`${(err as Error).message}\nserver stderr:\n${web.stderr()}`);
    } finally {
      await web.stop();
    }
  });

  test('DOCKER_HOST=ssh://… at start no longer crashes web mode, and an unknown host is refused in the UI', async () => {
    const unknown = sshd.clientConfig({ name: 'e2e-unknown', knownHosts: '' });
    const web = await startBerthWeb({
      env: { DOCKER_HOST: `ssh://root@127.0.0.1:${sshd.port}`, BERTH_SSH_CONFIG: unknown },
    });
    try {
      const page = await openApp(web);
      await page
        .getByText(/is not a known ssh host/)
        .first()
        .waitFor({ timeout: 30_000 });
      await mkdir(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'ssh-unknown-host.png') });
      expect(web.proc.exitCode).toBeNull();
      expect(web.stderr()).not.toContain('setTimeout is not a function');
      await page.close();
    } finally {
      await web.stop();
    }
  });
});
