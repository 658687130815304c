import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { requireEngine } from '../helpers/engine';
import { startBerthWeb, waitForViewsReady, type BerthWeb } from '../helpers/web';

/**
 * A view's code that fails to download (Chromium aborts requests in flight when the host's network
 * changes, e.g. on `docker network create`) must not leave a blank or half-broken window: the app
 * reloads itself while idle, and past its reload guard says what happened with a Reload button.
 */
let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;
/** Abort the next N requests for the Volumes view's chunk. */
let blockVolumes = 0;
/**
 * Abort every request for it while the page is this document (1 = the first one loaded): a view with
 * its own CSS asks for its chunk twice (a modulepreload, then the import once the CSS is in), and a
 * blip must hit both for the chunk to stay failed.
 */
let blockOnDocument: number | undefined;
let documents = 0;
let aborted = 0;
let loads = 0;

beforeAll(async () => {
  requireEngine();
  web = await startBerthWeb();
  browser = await launchChromium({ viewport: { width: 1280, height: 800 } });
  page = await browser.context.newPage();
  page.on('load', () => loads++);
  page.on('domcontentloaded', () => documents++);
  await page.route('**/assets/VolumesView-*.js', async (route) => {
    if (blockVolumes > 0 || blockOnDocument === documents) {
      if (blockVolumes > 0) blockVolumes--;
      aborted++;
      await route.abort('internetdisconnected');
    } else await route.continue();
  });
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

describe('chunk load failures', () => {
  test('a view chunk that fails while prefetching: the idle page reloads itself and every view works', async () => {
    blockOnDocument = 1;
    await page.goto(web.url);
    await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 20_000 });
    await waitForViewsReady(page);
    blockOnDocument = undefined;
    expect(aborted).toBeGreaterThan(0);
    expect(loads).toBe(2);
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: /^Volumes/ })
      .click();
    await page.getByRole('grid', { name: 'Volumes' }).waitFor();
  });

  test('failing again within the reload guard: the view says so and offers Reload (no blank window)', async () => {
    blockVolumes = 1_000;
    await page.evaluate(() => {
      window.location.hash = '#/containers';
    });
    await page.reload();
    await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 20_000 });
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: /^Volumes/ })
      .click();
    const alert = page.getByRole('alert').filter({ hasText: 'could not be downloaded' });
    await alert.waitFor();
    // The shell stays usable around it.
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: /^Containers/ })
      .click();
    await page.getByRole('grid', { name: 'Containers' }).waitFor();
    blockVolumes = 0;
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: /^Volumes/ })
      .click();
    await page.getByRole('alert').getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('grid', { name: 'Volumes' }).waitFor({ timeout: 20_000 });
  });
});
