import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { createTracker, docker, requireEngine, TEST_IMAGE, uniqueName, waitFor } from '../helpers/engine';
import { startBerthWeb, type BerthWeb } from '../helpers/web';

/**
 * The file browser in web mode on the private engine: a running and a stopped container's /etc,
 * breadcrumbs, path box, filter, sort, the viewer (text and binary), download of a file and a folder,
 * upload through the chooser and by a dropped file, the overwrite questions, a 50,000-entry folder,
 * odd names, and a volume. Every effect is checked with the docker CLI or the host file.
 */

const run = promisify(execFile);
const tracker = createTracker();
let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;
let dir: string;
let running: string;
let stopped: string;
let volume: string;

const grid = (): Locator => page.getByRole('grid', { name: 'Files' });
const row = (name: string): Locator => grid().getByRole('row', { name, exact: true });
const pathBox = (): Locator => page.getByRole('textbox', { name: 'Path', exact: true });

async function gotoHash(hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

async function openFiles(container: string, path: string): Promise<void> {
  await gotoHash(`#/containers/${container}/files?path=${encodeURIComponent(path)}`);
  await grid().waitFor();
}

async function hashPath(): Promise<string | null> {
  return page.evaluate(() => new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('path'));
}

async function exec(container: string, script: string): Promise<string> {
  return (await docker(['exec', container, 'sh', '-c', script])).stdout;
}

beforeAll(async () => {
  requireEngine();
  dir = mkdtempSync(join(tmpdir(), 'berth-e2e-files-'));
  running = tracker.container(uniqueName('files-run'));
  await docker([
    'run',
    '-d',
    '--name',
    running,
    TEST_IMAGE,
    'sh',
    '-c',
    [
      'mkdir -p /data/sub /big',
      'echo hello world > /data/hello.txt',
      "printf 'a\\000b\\001' > /data/bin.dat",
      'echo inner > /data/sub/inner.txt',
      `touch "/data/$(printf 'new\\nline')" "/data/$(printf 'odd\\377name')"`,
      `mkdir "/data/$(printf 'dir\\376x')" && echo deep > "/data/$(printf 'dir\\376x')/deep.txt"`,
      'ln -s /etc/hostname /tmp/l-file && ln -s /etc /tmp/l-dir && ln -s /nope /tmp/l-dead',
      'cd /big && seq 1 50000 | xargs touch',
      'exec sleep 3600',
    ].join(' && '),
  ]);
  stopped = tracker.container(uniqueName('files-stopped'));
  await docker(['run', '--name', stopped, TEST_IMAGE, 'sh', '-c', 'echo stopped-here > /etc/marker']);
  volume = tracker.volume(uniqueName('files-vol'));
  await docker(['volume', 'create', volume]);
  await docker(['run', '--rm', '-v', `${volume}:/v`, TEST_IMAGE, 'sh', '-c', 'echo in-volume > /v/vol.txt']);
  await waitFor(async () => (await exec(running, 'ls /big | wc -l')).trim() === '50000', { timeoutMs: 60_000 });

  web = await startBerthWeb();
  browser = await launchChromium({ viewport: { width: 1400, height: 860 } });
  page = await browser.context.newPage();
  await page.goto(web.url);
  await page
    .getByRole('link', { name: /^Containers/ })
    .first()
    .waitFor();
}, 120_000);

afterEach(async () => {
  for (let i = 0; i < 3 && (await page.getByRole('dialog').count()) > 0; i++) await page.keyboard.press('Escape');
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await tracker.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('browsing', () => {
  test('a running container: /etc from the Files tab, path box, breadcrumbs, Back, filter, sort', async () => {
    await gotoHash(`#/containers/${running}`);
    await page.getByRole('tab', { name: 'Files' }).click();
    await grid().waitFor();
    await row('etc').waitFor();
    expect(await pathBox().inputValue()).toBe('/');

    await pathBox().fill('/etc');
    await pathBox().press('Enter');
    await row('passwd').waitFor();
    expect(await hashPath()).toBe('/etc');
    expect(await row('passwd').textContent()).toMatch(/-rw-r--r--/);
    expect(await row('passwd').textContent()).toMatch(/root/);

    await page.getByRole('searchbox', { name: 'Filter this folder' }).fill('pass');
    await waitFor(async () => (await grid().getByRole('row').count()) === 2); // header + passwd
    await page.getByRole('searchbox', { name: 'Filter this folder' }).fill('');

    // Size, descending: the biggest file right after the folders.
    await grid().getByRole('button', { name: 'Size' }).click();
    await grid().getByRole('button', { name: 'Size' }).click();
    const sizes = await exec(running, "ls -lA /etc | awk '$1 ~ /^-/ {print $5, $9}' | sort -rn | head -1");
    const biggest = sizes.trim().split(' ')[1] ?? '';
    const names = await grid()
      .getByRole('row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
    const firstFile = names.find((n, i) => i > 0 && n !== null && n === biggest);
    expect(firstFile).toBe(biggest);

    // Breadcrumb to the root, then Back returns to /etc.
    await page.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name: '/' }).click();
    await row('etc').waitFor();
    expect(await hashPath()).toBe('/');
    await page.goBack();
    await row('passwd').waitFor();
    expect(await pathBox().inputValue()).toBe('/etc');
  });

  test('a path that does not exist says so next to the path box', async () => {
    await openFiles(running, '/etc');
    await pathBox().fill('/no/such/place');
    await pathBox().press('Enter');
    const err = page.locator('.fb-pathbox [role="alert"]');
    await err.waitFor();
    expect(await err.textContent()).toMatch(/no such|not exist|not found/i);
  });

  test('a stopped container is browsed through the archive API', async () => {
    await openFiles(stopped, '/etc');
    await row('marker').waitFor();
    await row('passwd').waitFor();
    // Keyboard: Enter on a folder goes in; Backspace goes up.
    await gotoHash(`#/containers/${stopped}/files?path=/`);
    await row('etc').click();
    await page.keyboard.press('Enter');
    await row('marker').waitFor();
    await page.keyboard.press('Backspace');
    await row('etc').waitFor();
    expect(await hashPath()).toBe('/');
  });

  test('odd names: newlines shown escaped; a folder whose name is not UTF-8 opens', async () => {
    await openFiles(running, '/data');
    await row('new\\nline').waitFor();
    await row('odd\uFFFDname').waitFor();
    await row('dir\uFFFDx').dblclick();
    await row('deep.txt').waitFor();
    expect(await hashPath()).toBe('/data/dir\uFFFDx');
  });

  test('a 50,000-entry folder streams in, stays responsive and scrolls to the end', async () => {
    await openFiles(running, '/big');
    await row('1').waitFor({ timeout: 30_000 });
    // The page answers while entries stream in.
    const t0 = Date.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    expect(Date.now() - t0).toBeLessThan(2000);
    await page.getByRole('status').filter({ hasText: '50000 items' }).waitFor({ timeout: 60_000 });
    expect(await grid().getByRole('row').count()).toBeLessThan(200); // virtualized
    await row('1').click();
    await page.keyboard.press('End');
    await row('50000').waitFor();
  }, 90_000);
});

describe('viewer', () => {
  test('a text file is shown; a binary one offers the download', async () => {
    await openFiles(running, '/data');
    await row('hello.txt').dblclick();
    const viewer = page.getByRole('dialog', { name: 'hello.txt' });
    await viewer.getByLabel('Contents of hello.txt').waitFor();
    expect(await viewer.getByLabel('Contents of hello.txt').textContent()).toBe('hello world\n');
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });

    await row('bin.dat').getByRole('button', { name: 'View bin.dat' }).click();
    const bin = page.getByRole('dialog', { name: 'bin.dat' });
    await bin.getByText('This file looks binary').waitFor();
    await bin.getByRole('button', { name: 'Download instead' }).click();
    await page.getByRole('dialog', { name: 'Download bin.dat' }).waitFor();
  });
});

describe('links', () => {
  test('a link opens what it leads to: the viewer, the folder, or says it is broken', async () => {
    const hostname = await exec(running, 'cat /etc/hostname');
    await openFiles(running, '/tmp');
    const viewer = page.getByRole('dialog', { name: 'l-file' });
    const contents = viewer.getByLabel('Contents of l-file');
    await row('l-file').dblclick();
    await contents.waitFor();
    expect(await contents.textContent()).toBe(hostname);
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    // Enter on the focused row does the same.
    await row('l-file').click();
    await page.keyboard.press('Enter');
    await contents.waitFor();
    expect(await contents.textContent()).toBe(hostname);
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });

    const broken = page.getByRole('alert').filter({ hasText: 'l-dead is a broken link' });
    await row('l-dead').dblclick();
    await broken.waitFor();
    expect(await broken.textContent()).toContain('It points to /nope, which does not exist.');
    await broken.getByRole('button', { name: 'Dismiss' }).click();
    await broken.waitFor({ state: 'detached' });
    await row('l-dead').click();
    await page.keyboard.press('Enter');
    await broken.waitFor();
    expect(await hashPath()).toBe('/tmp');
    expect(await page.getByRole('dialog').count()).toBe(0);

    await row('l-dir').dblclick();
    await row('passwd').waitFor();
    expect(await hashPath()).toBe('/tmp/l-dir');
    await page.goBack();
    await row('l-dir').click();
    await page.keyboard.press('Enter');
    await row('passwd').waitFor();
    expect(await hashPath()).toBe('/tmp/l-dir');
  });
});

describe('download', () => {
  test('a file as itself; an existing file asks before it is replaced', async () => {
    await openFiles(running, '/data');
    await row('hello.txt').getByRole('button', { name: 'Download hello.txt' }).click();
    const dlg = page.getByRole('dialog', { name: 'Download hello.txt' });
    const dest = join(dir, 'hello.txt');
    await dlg.getByRole('textbox', { name: 'Save as' }).fill(dest);
    await dlg.getByRole('button', { name: 'Download', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Downloaded hello.txt' }).waitFor();
    expect(readFileSync(dest, 'utf8')).toBe('hello world\n');

    writeFileSync(dest, 'old');
    await row('hello.txt').getByRole('button', { name: 'Download hello.txt' }).click();
    await dlg.getByRole('textbox', { name: 'Save as' }).fill(dest);
    await dlg.getByRole('button', { name: 'Download', exact: true }).click();
    await dlg.getByRole('alert').filter({ hasText: 'already exists' }).waitFor();
    expect(readFileSync(dest, 'utf8')).toBe('old');
    await dlg.getByRole('button', { name: 'Replace' }).click();
    await dlg.waitFor({ state: 'detached' });
    expect(readFileSync(dest, 'utf8')).toBe('hello world\n');
  });

  test('a folder as a tar', async () => {
    await openFiles(running, '/data/sub');
    await page.getByRole('button', { name: 'Download folder…' }).click();
    const dlg = page.getByRole('dialog', { name: 'Download sub' });
    const dest = join(dir, 'sub.tar');
    await dlg.getByRole('textbox', { name: 'Save as' }).fill(dest);
    await dlg.getByRole('button', { name: 'Download', exact: true }).click();
    await dlg.waitFor({ state: 'detached' });
    const { stdout } = await run('tar', ['tf', dest]);
    expect(stdout).toMatch(/sub\/inner\.txt/);
  });
});

describe('upload', () => {
  test('through the chooser, then again with the overwrite confirmed', async () => {
    const src = join(dir, 'up.txt');
    writeFileSync(src, 'uploaded once\n');
    await openFiles(running, '/data');
    await page.getByRole('button', { name: 'Upload…' }).click();
    const dlg = page.getByRole('dialog', { name: 'Upload files' });
    await dlg.getByRole('textbox', { name: 'Host file' }).fill(src);
    await dlg.getByRole('button', { name: 'Upload', exact: true }).click();
    await dlg.waitFor({ state: 'detached' });
    await row('up.txt').waitFor();
    expect(await exec(running, 'cat /data/up.txt')).toBe('uploaded once\n');

    writeFileSync(src, 'uploaded twice\n');
    await page.getByRole('button', { name: 'Upload…' }).click();
    await dlg.getByRole('textbox', { name: 'Host file' }).fill(src);
    await dlg.getByRole('button', { name: 'Upload', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Replace 1 item?' });
    await confirm.getByText('up.txt').waitFor();
    expect(await exec(running, 'cat /data/up.txt')).toBe('uploaded once\n');
    await confirm.getByRole('button', { name: 'Replace' }).click();
    await dlg.waitFor({ state: 'detached' });
    expect(await exec(running, 'cat /data/up.txt')).toBe('uploaded twice\n');
  });

  test('a file dropped on the listing is streamed from the page', async () => {
    await openFiles(running, '/data/sub');
    await row('inner.txt').waitFor();
    const dt = await page.evaluateHandle(() => {
      const d = new DataTransfer();
      d.items.add(new File(['dropped bytes\n'.repeat(100_000)], 'dropped.txt', { type: 'text/plain' }));
      return d;
    });
    const target = page.locator('.fb-table');
    await target.dispatchEvent('dragover', { dataTransfer: dt });
    await target.dispatchEvent('drop', { dataTransfer: dt });
    const dlg = page.getByRole('dialog', { name: 'Upload files' });
    await dlg.getByRole('list', { name: 'Items to upload' }).getByText('dropped.txt').waitFor();
    await dlg.getByRole('radio', { name: 'As on this host' }).click();
    await dlg.getByRole('button', { name: 'Upload', exact: true }).click();
    await dlg.waitFor({ state: 'detached', timeout: 30_000 });
    await row('dropped.txt').waitFor();
    const { stdout } = await docker([
      'exec',
      running,
      'sh',
      '-c',
      'wc -c < /data/sub/dropped.txt; head -1 /data/sub/dropped.txt',
    ]);
    expect(stdout).toBe(`${'dropped bytes\n'.length * 100_000}\ndropped bytes\n`);
  });
});

describe('upload cancel', () => {
  test('Cancel on a dropped file stops its chunks, says Cancelled and leaves nothing', async () => {
    // A page of its own, so the socket it opens is watched from the start.
    const tab = await browser.context.newPage();
    let chunks = 0;
    tab.on('websocket', (ws) =>
      ws.on('framesent', (f) => {
        if (String(f.payload).includes('"files.uploadChunk"')) chunks++;
      }),
    );
    try {
      await exec(running, 'mkdir -p /data/cancel && echo keep > /data/cancel/keep.txt');
      await tab.goto(web.url);
      await tab
        .getByRole('link', { name: /^Containers/ })
        .first()
        .waitFor();
      const hash = `#/containers/${running}/files?path=${encodeURIComponent('/data/cancel')}`;
      await tab.evaluate((h) => {
        window.location.hash = h;
      }, hash);
      await tab.getByRole('grid', { name: 'Files' }).getByRole('row', { name: 'keep.txt', exact: true }).waitFor();
      const dt = await tab.evaluateHandle(() => {
        const d = new DataTransfer();
        d.items.add(new File([new Uint8Array(512 * 1024 * 1024)], 'huge.bin'));
        return d;
      });
      await tab.locator('.fb-table').dispatchEvent('dragover', { dataTransfer: dt });
      await tab.locator('.fb-table').dispatchEvent('drop', { dataTransfer: dt });
      const dlg = tab.getByRole('dialog', { name: 'Upload files' });
      await dlg.getByRole('list', { name: 'Items to upload' }).getByText('huge.bin').waitFor();
      await dlg.getByRole('button', { name: 'Upload', exact: true }).click();
      await waitFor(() => chunks >= 2, { timeoutMs: 20_000, intervalMs: 10 });
      await dlg.getByRole('button', { name: 'Cancel upload' }).click();
      await dlg.getByRole('status').filter({ hasText: 'Cancelled' }).waitFor();
      const sent = chunks;
      await new Promise((r) => setTimeout(r, 1000));
      // At most the one already on its way when Cancel was clicked.
      expect(chunks - sent).toBeLessThanOrEqual(1);
      expect(await exec(running, 'ls -A /data/cancel')).toBe('keep.txt\n');
    } finally {
      await tab.close();
    }
  });
});

describe('volume', () => {
  test('a volume is browsed from its drawer and its file viewed', async () => {
    await gotoHash(`#/volumes?inspect=${volume}`);
    await page.getByRole('link', { name: 'Browse files' }).click();
    await grid().waitFor();
    await row('vol.txt').waitFor({ timeout: 30_000 });
    await row('vol.txt').dblclick();
    const viewer = page.getByRole('dialog', { name: 'vol.txt' });
    await viewer.getByLabel('Contents of vol.txt').waitFor();
    expect(await viewer.getByLabel('Contents of vol.txt').textContent()).toBe('in-volume\n');
    const { stdout } = await docker(['volume', 'inspect', '--format', '{{.Name}}', volume]);
    expect(stdout.trim()).toBe(volume);
  });
});
