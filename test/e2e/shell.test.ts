/**
 * The app shell in web mode, in Chromium, against the private engine: sidebar and engine footer,
 * routing with back/forward, theme toggle (persisted), the no-engine screen, the token screen and
 * the "Reconnecting" banner when the link to the server drops.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { requireEngine, waitFor } from '../helpers/engine';
import { startBerthWeb, type BerthWeb } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

const VIEWPORT = { width: 1400, height: 860 };

let browser: LaunchedChromium;
const servers: BerthWeb[] = [];

async function openPage(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(url);
  return page;
}

beforeAll(async () => {
  requireEngine();
  await mkdir(SHOTS, { recursive: true });
  browser = await launchChromium({ viewport: VIEWPORT });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.stop()));
});

describe('shell against a running engine', () => {
  let web: BerthWeb;
  let page: Page;

  beforeAll(async () => {
    web = await startBerthWeb();
    servers.push(web);
    page = await openPage(web.url);
    await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 20_000 });
  });

  test('sidebar lists the sections and the engine footer shows the endpoint and version', async () => {
    const nav = page.getByRole('navigation', { name: 'Sections' });
    for (const name of ['Containers', 'Images', 'Volumes', 'Networks']) {
      await nav.getByRole('link', { name: new RegExp(name) }).waitFor();
    }
    const engine = page.getByRole('group', { name: 'Engine' });
    await engine.getByText('Connected').waitFor();
    await engine.getByText(process.env.DOCKER_HOST!).waitFor();
    await engine.getByText(/API 1\.\d+/).waitFor();
    // The token was moved out of the address bar.
    expect(page.url()).not.toContain('token=');
    // Live counts for images (busybox is always there).
    await nav
      .getByRole('link', { name: /Images/ })
      .getByLabel(/\d+ images/)
      .waitFor({ timeout: 10_000 });
  });

  test('routes: sidebar links, back and forward', async () => {
    await page.getByRole('link', { name: /Images/ }).click();
    await waitFor(() => page.url().endsWith('#/images'));
    expect(await page.getByRole('link', { name: /Images/ }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('link', { name: /Volumes/ }).click();
    await waitFor(() => page.url().endsWith('#/volumes'));
    await page.goBack();
    await waitFor(() => page.url().endsWith('#/images'));
    await page.goBack();
    await waitFor(() => page.url().endsWith('#/containers'));
    await page.getByRole('grid', { name: 'Containers' }).waitFor();
    await page.goForward();
    await waitFor(() => page.url().endsWith('#/images'));
    await page.getByRole('link', { name: /Containers/ }).click();
    await page.getByRole('grid', { name: 'Containers' }).waitFor();
  });

  test('theme toggle switches data-theme and persists across a reload', async () => {
    const theme = (): Promise<string | null> =>
      page.evaluate(() => document.documentElement.getAttribute('data-theme'));
    const before = await theme();
    expect(['dark', 'light']).toContain(before);
    await page.getByRole('button', { name: 'Toggle theme' }).click();
    const after = await theme();
    expect(after).toBe(before === 'dark' ? 'light' : 'dark');
    await page.reload();
    await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 20_000 });
    expect(await theme()).toBe(after);
    await page.getByRole('button', { name: 'Toggle theme' }).click();
    expect(await theme()).toBe(before);
  });

  test('a page without its token says how to get in', async () => {
    const p = await browser.context.newPage();
    try {
      // A fresh page on the bare origin: no fragment and nothing in sessionStorage.
      await p.goto(`${web.origin}/`);
      await p.getByText(/This page needs its access token/).waitFor({ timeout: 20_000 });
      await p.getByText('npm run web').waitFor();
    } finally {
      await p.close();
    }
  });
});

test('the "Reconnecting" banner appears when the server goes away', async () => {
  const web = await startBerthWeb();
  servers.push(web);
  const page = await openPage(web.url);
  try {
    await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 20_000 });
    await web.stop();
    await page.getByRole('status').filter({ hasText: 'Reconnecting to Berth…' }).waitFor({ timeout: 10_000 });
  } finally {
    await page.close();
  }
});

test('no engine, podman not installed: the screen gives the root command to start dockerd', async () => {
  // A PATH without podman (dockerd is still found in /usr/sbin, where Debian puts it).
  const bin = await mkdtemp(join(tmpdir(), 'berth-nopodman-'));
  const web = await startBerthWeb({ env: { DOCKER_HOST: 'unix:///nonexistent.sock', PATH: bin } });
  servers.push(web);
  const page = await openPage(web.url);
  try {
    await page.getByRole('heading', { name: 'No container engine found' }).waitFor({ timeout: 30_000 });
    await page.getByText('Docker Engine is installed').waitFor();
    await page.getByRole('button', { name: 'Copy “sudo systemctl start docker”' }).waitFor();
    await page.getByRole('button', { name: 'Copy “sudo dockerd”' }).waitFor();
    expect(await page.getByRole('button', { name: 'Start Podman' }).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'no-engine-dockerd-only.png'), fullPage: true });
  } finally {
    await page.close();
    await rm(bin, { recursive: true, force: true });
  }
});

test('no engine: a full-page screen lists what was tried and offers Retry', async () => {
  const web = await startBerthWeb({ env: { DOCKER_HOST: 'unix:///nonexistent.sock' } });
  servers.push(web);
  const page = await openPage(web.url);
  try {
    await page.getByRole('heading', { name: 'No container engine found' }).waitFor({ timeout: 30_000 });
    const tried = page.getByRole('list', { name: 'Endpoints tried' });
    await tried.getByText('unix:///nonexistent.sock').waitFor();
    // How to start one: "Start Podman" where podman is installed (this sandbox), else dockerd's root command.
    await page
      .getByRole('button', { name: 'Start Podman' })
      .or(page.getByText('sudo systemctl start docker'))
      .first()
      .waitFor();
    await page.screenshot({ path: join(SHOTS, 'no-engine.png') });
    // Retry asks the server to reconnect; the engine is still missing, so the screen stays.
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('button', { name: 'Retry' }).waitFor();
    await page.getByRole('heading', { name: 'No container engine found' }).waitFor();
  } finally {
    await page.close();
  }
});
