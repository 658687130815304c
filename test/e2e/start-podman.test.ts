/**
 * "Start Podman" on the No-engine screen, with Debian's real podman. Berth's web server starts with an
 * engine address nobody answers on and XDG_RUNTIME_DIR in a temp dir of this test; the button starts
 * `podman system service` on $XDG_RUNTIME_DIR/podman/podman.sock, and Berth connects to it. The
 * service is this test's OWN (own CONTAINERS_CONF, own storage.conf with its own graph/run roots, own
 * runtime dir): the shared podman at /tmp/berth-podman is never touched.
 *
 *  1. Start → the Containers view shows, Berth lists what podman has; quitting Berth stops the service.
 *  2. "Keep Podman running after Berth quits" ticked → the service outlives Berth (killed here after).
 *  3. A containers.conf podman refuses → the screen shows podman's own error, nothing crashes.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pingSocket } from '../../electron/engine/podman-service';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { uniqueName, waitFor } from '../helpers/engine';
import { startBerthWeb, type BerthWeb } from '../helpers/web';
import { podmanSandboxEnv, podmanServicePids } from '../helpers/podmanSandbox';
import { SHOTS } from '../helpers/shots';

const run = promisify(execFile);
// Short: a unix socket path must stay under 108 bytes.
const D = mkdtempSync('/tmp/bsp-');
const XDG = join(D, 'xdg');
const SOCK = join(XDG, 'podman', 'podman.sock');
const HOST = `unix://${SOCK}`;

let browser: LaunchedChromium;
let web: BerthWeb | undefined;

/** Pids of podman processes serving our socket (found by our unique temp path in their command line). */
const servicePids = (): number[] => podmanServicePids(HOST);

async function podmanCli(args: string[]): Promise<string> {
  return (await run('podman', ['--url', HOST, ...args], { timeout: 30_000 })).stdout;
}

async function openNoEngine(env: NodeJS.ProcessEnv): Promise<Page> {
  web = await startBerthWeb({ args: ['--docker-host', `unix://${D}/nobody.sock`], env });
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(web.url);
  await page.getByRole('heading', { name: 'No container engine found' }).waitFor({ timeout: 20_000 });
  return page;
}

async function quitBerth(): Promise<void> {
  await web?.stop();
  web = undefined;
}

let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  env = podmanSandboxEnv(D);
  browser = await launchChromium({ viewport: { width: 1100, height: 760 }, colorScheme: 'dark' });
});

afterAll(async () => {
  await browser?.close();
  await quitBerth();
  for (const pid of servicePids()) process.kill(pid, 'SIGKILL');
  rmSync(D, { recursive: true, force: true });
});

test('Start Podman starts the service, connects, and stops it when Berth quits', { timeout: 120_000 }, async () => {
  const page = await openNoEngine(env);
  const start = page.getByRole('button', { name: 'Start Podman' });
  await start.waitFor();
  await expect(page.getByText(`podman system service --time=0 ${HOST}`).count()).resolves.toBe(1);
  await expect(page.getByRole('checkbox', { name: 'Keep Podman running after Berth quits' }).isChecked()).resolves.toBe(
    false,
  );
  await page.screenshot({ path: join(SHOTS, 'no-engine-start-podman-dark.png'), fullPage: true });
  await page.getByRole('button', { name: 'Toggle theme' }).click();
  await page.waitForTimeout(400); // let the theme's colour transitions finish
  await page.screenshot({ path: join(SHOTS, 'no-engine-start-podman-light.png'), fullPage: true });
  await page.getByRole('button', { name: 'Toggle theme' }).click();
  expect(servicePids()).toEqual([]);

  await start.click();
  await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 40_000 });
  const pids = servicePids();
  expect(pids).toHaveLength(1);
  // Berth is on THIS podman: a volume made with podman's own CLI on that socket shows in Berth.
  await podmanCli(['ps', '-a']);
  const volume = uniqueName('podman-start');
  await podmanCli(['volume', 'create', volume]);
  await page.evaluate(() => (window.location.hash = '#/volumes'));
  await page.getByRole('row', { name: new RegExp(volume) }).waitFor({ timeout: 10_000 });

  await quitBerth();
  await waitFor(async () => servicePids().length === 0, { timeoutMs: 10_000, message: 'the service to stop' });
  await expect(pingSocket(SOCK)).resolves.toBe(false);
  await page.close();
});

test('with "Keep Podman running" ticked the service outlives Berth', { timeout: 120_000 }, async () => {
  const page = await openNoEngine(env);
  await page.getByRole('checkbox', { name: 'Keep Podman running after Berth quits' }).check();
  await page.getByRole('button', { name: 'Start Podman' }).click();
  await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 40_000 });
  const pids = servicePids();
  expect(pids).toHaveLength(1);
  await quitBerth();
  await new Promise((r) => setTimeout(r, 1500));
  expect(servicePids()).toEqual(pids);
  await expect(pingSocket(SOCK)).resolves.toBe(true);
  await expect(podmanCli(['volume', 'ls', '--format', '{{.Name}}'])).resolves.toMatch(/berth-t-podman-start/);
  for (const pid of pids) process.kill(pid, 'SIGTERM');
  await waitFor(async () => servicePids().length === 0, { timeoutMs: 10_000, message: 'the kept service to end' });
  await page.close();
});

test('a podman that refuses to start shows its own error', { timeout: 120_000 }, async () => {
  const bad = join(D, 'bad.conf');
  writeFileSync(bad, '[engine\nthis is not toml\n');
  const page = await openNoEngine({ ...env, CONTAINERS_CONF: bad });
  await page.getByRole('button', { name: 'Start Podman' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Podman did not start' });
  await alert.waitFor({ timeout: 40_000 });
  // podman's own words (it names the config file it could not parse), not a generic failure.
  await expect(alert.innerText()).resolves.toMatch(/bad\.conf|toml|parse|decod/i);
  await expect(page.getByRole('button', { name: 'Start Podman' }).isEnabled()).resolves.toBe(true);
  await page.screenshot({ path: join(SHOTS, 'no-engine-podman-failed-dark.png'), fullPage: true });
  await quitBerth();
  expect(servicePids()).toEqual([]);
  await page.close();
});
