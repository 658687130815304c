/**
 * The Containers feature in web mode, in Chromium, against the private engine. Every container is
 * made here with the docker CLI under a unique name, checked with the docker CLI, and removed after.
 */
import { mkdir } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
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
import { startBerthWeb, type BerthWeb } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

const VIEWPORT = { width: 1400, height: 860 };
const tracker = createTracker();
/** Every name in this file starts with this, so one filter shows just our rows. */
const RUN = uniqueName('ui');

let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;

const name = (suffix: string): string => tracker.container(`${RUN}-${suffix}`);

async function run(n: string, ...args: string[]): Promise<string> {
  // sleep as PID 1 ignores SIGTERM: a short stop timeout keeps Stop from waiting the default 10 s.
  const { stdout } = await docker([
    'run',
    '-d',
    '--name',
    n,
    '--stop-timeout',
    '1',
    ...args,
    TEST_IMAGE,
    'sleep',
    '600',
  ]);
  return stdout.trim();
}

async function inspectField(n: string, format: string): Promise<string> {
  return (await docker(['inspect', '-f', format, n])).stdout.trim();
}

async function exists(n: string): Promise<boolean> {
  const { stdout } = await docker(['ps', '-a', '-q', '--filter', `name=^/${n}$`]);
  return stdout.trim() !== '';
}

const grid = (): Locator => page.getByRole('grid', { name: 'Containers' });
const row = (n: string): Locator => grid().getByRole('row', { name: n, exact: true });

async function setFilter(text: string): Promise<void> {
  const box = page.getByRole('searchbox', { name: 'Filter containers' });
  await box.fill(text);
}

async function showAll(): Promise<void> {
  await page.getByRole('radio', { name: /^All/ }).click();
  await setFilter(RUN);
}

beforeAll(async () => {
  requireEngine();
  await mkdir(SHOTS, { recursive: true });
  web = await startBerthWeb();
  browser = await launchChromium({ viewport: VIEWPORT });
  page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(web.url);
  await grid().waitFor({ timeout: 20_000 });
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await tracker.cleanup();
});

describe('list', () => {
  test('containers made with the CLI appear as rows with state, image and ports', async () => {
    const a = name('list-a');
    const b = name('list-b');
    await Promise.all([run(a, '-p', '127.0.0.1::80'), run(b)]);
    await setFilter(RUN);
    await row(a).waitFor({ timeout: 5_000 });
    await row(b).waitFor();
    await row(a).getByText('Running', { exact: true }).waitFor();
    await row(a).getByText(TEST_IMAGE).first().waitFor();
    const port = await inspectField(a, '{{(index (index .NetworkSettings.Ports "80/tcp") 0).HostPort}}');
    const link = row(a).getByRole('link', { name: `${port}→80` });
    expect(await link.getAttribute('href')).toBe(`http://127.0.0.1:${port}`);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toContain('noreferrer');
    // Screenshots of the list in both themes.
    await setFilter('');
    const theme = (): Promise<string | undefined> => page.evaluate(() => document.documentElement.dataset.theme);
    if ((await theme()) !== 'dark') await page.getByRole('button', { name: 'Toggle theme' }).click();
    expect(await theme()).toBe('dark');
    await page.mouse.move(0, 0);
    await grid().getByRole('row').nth(1).waitFor();
    await page.screenshot({ path: join(SHOTS, 'containers-dark.png') });
    await page.getByRole('button', { name: 'Toggle theme' }).click();
    expect(await theme()).toBe('light');
    await page.screenshot({ path: join(SHOTS, 'containers-light.png') });
    await page.getByRole('button', { name: 'Toggle theme' }).click();
    await setFilter(RUN);
  });

  test('CLI changes (run, stop, rm) show without a reload, fast', async () => {
    const n = name('live');
    await setFilter(RUN);
    let t0 = Date.now();
    await run(n);
    await row(n).waitFor({ timeout: 5_000 });
    const appeared = Date.now() - t0;

    await docker(['stop', '-t', '0', n]);
    t0 = Date.now();
    await row(n).getByText('Exited', { exact: true }).waitFor({ timeout: 5_000 });
    const stopped = Date.now() - t0;

    await docker(['rm', n]);
    t0 = Date.now();
    await row(n).waitFor({ state: 'detached', timeout: 5_000 });
    const removed = Date.now() - t0;

    console.log(
      `live updates: run→row ${appeared} ms (incl. docker run), stop→Exited ${stopped} ms, rm→gone ${removed} ms`,
    );
    expect(stopped).toBeLessThan(1_000);
    expect(removed).toBeLessThan(1_000);
  });

  test('the filter box and the state filter narrow the rows', async () => {
    const up = name('filter-up');
    const down = name('filter-down');
    await Promise.all([run(up), run(down)]);
    await docker(['stop', '-t', '0', down]);
    await setFilter(RUN);
    await row(up).waitFor();
    await row(down).getByText('Exited', { exact: true }).waitFor();

    await setFilter(`${RUN}-filter-up`);
    await row(down).waitFor({ state: 'detached' });
    await row(up).waitFor();

    await setFilter(RUN);
    await page.getByRole('radio', { name: /^Stopped/ }).click();
    await row(up).waitFor({ state: 'detached' });
    await row(down).waitFor();
    await page.getByRole('radio', { name: /^Running/ }).click();
    await row(down).waitFor({ state: 'detached' });
    await row(up).waitFor();
    await showAll();
    await row(down).waitFor();
  });
});

describe('actions', () => {
  test('Stop on a row stops the container', async () => {
    const n = name('stop');
    await run(n);
    await showAll();
    await row(n).getByText('Running', { exact: true }).waitFor();
    await row(n).getByRole('button', { name: 'Stop', exact: true }).click();
    await waitFor(async () => (await inspectField(n, '{{.State.Running}}')) === 'false', { timeoutMs: 20_000 });
    await row(n).getByText('Exited', { exact: true }).waitFor({ timeout: 5_000 });
    // And Start brings it back.
    await row(n).getByRole('button', { name: 'Start', exact: true }).click();
    await waitFor(async () => (await inspectField(n, '{{.State.Running}}')) === 'true', { timeoutMs: 10_000 });
    await row(n).getByText('Running', { exact: true }).waitFor({ timeout: 5_000 });
  });

  test('Pause and Unpause', async () => {
    const n = name('pause');
    await run(n);
    await showAll();
    await row(n).getByRole('button', { name: 'Pause', exact: true }).click();
    await waitFor(async () => (await inspectField(n, '{{.State.Paused}}')) === 'true', { timeoutMs: 10_000 });
    await row(n).getByText('Paused', { exact: true }).waitFor({ timeout: 5_000 });
    await row(n).getByRole('button', { name: 'Unpause', exact: true }).click();
    await waitFor(async () => (await inspectField(n, '{{.State.Paused}}')) === 'false', { timeoutMs: 10_000 });
    await row(n).getByText('Running', { exact: true }).waitFor({ timeout: 5_000 });
  });

  test('Remove asks first, names the container, then it is gone', async () => {
    const n = name('rm');
    await run(n);
    await docker(['stop', '-t', '0', n]);
    await showAll();
    await row(n).getByText('Exited', { exact: true }).waitFor();
    await row(n).getByRole('button', { name: 'Remove', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Remove container ${n}?` });
    await dialog.waitFor();
    await dialog.getByRole('list', { name: 'Containers to remove' }).getByText(n, { exact: true }).waitFor();
    await dialog.getByLabel('Force (stop running containers first)').waitFor();
    await dialog.getByLabel('Also remove anonymous volumes').waitFor();
    await page.screenshot({ path: join(SHOTS, 'remove-dialog.png') });
    // Cancel keeps it.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await exists(n)).toBe(true);
    // Escape also cancels; then confirm for real.
    await row(n).getByRole('button', { name: 'Remove', exact: true }).click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await row(n).getByRole('button', { name: 'Remove', exact: true }).click();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitFor(async () => !(await exists(n)), { timeoutMs: 10_000 });
    await row(n).waitFor({ state: 'detached', timeout: 5_000 });
  });

  test('removing a running container without force shows the engine reason; Force remove works', async () => {
    const n = name('rm-running');
    await run(n);
    await showAll();
    await row(n).getByText('Running', { exact: true }).waitFor();
    await row(n).getByRole('button', { name: 'Remove', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Remove container ${n}?` });
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    const text = await alert.innerText();
    expect(text).toContain(n);
    expect(text.toLowerCase()).toMatch(/running|stop/); // the engine's own reason
    expect(await exists(n)).toBe(true);
    await dialog.getByRole('button', { name: 'Force remove' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    await waitFor(async () => !(await exists(n)), { timeoutMs: 10_000 });
    await row(n).waitFor({ state: 'detached', timeout: 5_000 });
  });

  test('bulk: select two containers, Stop them, then Remove them', async () => {
    const a = name('bulk-a');
    const b = name('bulk-b');
    const keep = name('bulk-keep');
    await Promise.all([run(a), run(b), run(keep)]);
    await showAll();
    await row(a).getByText('Running', { exact: true }).waitFor();
    await row(b).getByText('Running', { exact: true }).waitFor();
    await row(a)
      .getByRole('checkbox', { name: `Select ${a}` })
      .check();
    await row(b)
      .getByRole('checkbox', { name: `Select ${b}` })
      .check();
    const bar = page.getByRole('toolbar', { name: 'Selection actions' });
    await bar.getByText('2 selected').waitFor();
    await bar.getByRole('button', { name: 'Stop', exact: true }).click();
    await waitFor(
      async () =>
        (await inspectField(a, '{{.State.Running}}')) === 'false' &&
        (await inspectField(b, '{{.State.Running}}')) === 'false',
      { timeoutMs: 30_000 },
    );
    expect(await inspectField(keep, '{{.State.Running}}')).toBe('true');
    await row(a).getByText('Exited', { exact: true }).waitFor({ timeout: 5_000 });
    await row(b).getByText('Exited', { exact: true }).waitFor({ timeout: 5_000 });

    await bar.getByRole('button', { name: 'Remove', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove 2 containers?' });
    await dialog.waitFor();
    const items = dialog.getByRole('list', { name: 'Containers to remove' });
    await items.getByText(a, { exact: true }).waitFor();
    await items.getByText(b, { exact: true }).waitFor();
    expect(await items.getByRole('listitem').count()).toBe(2);
    await dialog.getByRole('button', { name: 'Remove 2 containers' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    await waitFor(async () => !(await exists(a)) && !(await exists(b)), { timeoutMs: 10_000 });
    expect(await exists(keep)).toBe(true);
    await bar.waitFor({ state: 'detached' });
  });

  test('an engine refusal on a row action shows the engine message in a toast', async () => {
    const n = name('refuse');
    // The engine creates it fine but refuses to start it: the command does not exist.
    await docker(['create', '--name', n, TEST_IMAGE, '/no-such-binary']);
    await showAll();
    await row(n).getByText('Created', { exact: true }).waitFor();
    await row(n).getByRole('button', { name: 'Start', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: `Could not start ${n}` });
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.innerText()).toContain('no-such-binary');
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await alert.waitFor({ state: 'detached' });
  });
});

describe('keyboard and detail page', () => {
  let detailName: string;
  let detailId: string;

  beforeAll(async () => {
    detailName = name('detail');
    detailId = await run(
      detailName,
      '--memory',
      '64m',
      '--cpus',
      '0.5',
      '-p',
      '127.0.0.1::80',
      '-e',
      'FOO=bar',
      '-e',
      'API_TOKEN=s3cret',
    );
    await run(name('detail-sibling'));
  });

  test('keyboard selection: Space, Ctrl+A, Escape, and Delete asks to remove', async () => {
    await showAll();
    await setFilter(`${RUN}-detail`);
    await row(detailName).waitFor();
    await row(`${RUN}-detail-sibling`).waitFor();
    await grid().focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Space');
    const bar = page.getByRole('toolbar', { name: 'Selection actions' });
    await bar.getByText('1 selected').waitFor();
    await page.keyboard.press('Control+a');
    await bar.getByText('2 selected').waitFor();
    expect(await row(detailName).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Escape');
    await bar.waitFor({ state: 'detached' });
    // Delete with nothing selected asks about the active row only.
    await page.keyboard.press('End');
    const lastName = (await grid().getByRole('row').last().getAttribute('aria-label'))!;
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog', { name: `Remove container ${lastName}?` });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Focus went back to the grid.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('grid');
  });

  test('arrow keys move to a row and Enter opens its detail page', async () => {
    await showAll();
    await setFilter(`${RUN}-detail`);
    await row(detailName).waitFor();
    const index = Number(await row(detailName).getAttribute('aria-rowindex')) - 2;
    await grid().focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    expect(await row(detailName).getAttribute('class')).toContain('is-active');
    await page.keyboard.press('Enter');
    await waitFor(() => page.url().includes(`#/containers/${detailId}`));
    await page.getByRole('heading', { name: detailName, level: 1 }).waitFor();

    // Back: the list kept behind the detail page is as it was, the keyboard on the row it opened.
    await page.goBack();
    await row(detailName).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('grid');
    expect(await row(detailName).getAttribute('class')).toContain('is-active');
    expect(await page.getByRole('searchbox', { name: 'Filter containers' }).inputValue()).toBe(`${RUN}-detail`);
    await page.goForward();
    await page.getByRole('heading', { name: detailName, level: 1 }).waitFor();
  });

  test('Overview shows env (secrets masked), ports, memory and CPU limits, command form', async () => {
    const env = page.getByRole('table', { name: 'Environment' });
    await env.getByRole('row', { name: /FOO\s+bar/ }).waitFor();
    await env.getByText('s3cret').waitFor({ state: 'detached' });
    await env.getByRole('button', { name: 'Reveal API_TOKEN' }).click();
    await env.getByText('s3cret').waitFor();
    const port = await inspectField(detailName, '{{(index (index .NetworkSettings.Ports "80/tcp") 0).HostPort}}');
    const ports = page.getByRole('table', { name: 'Ports' });
    await ports.getByText('80/tcp').waitFor();
    await ports.getByRole('link', { name: `http://127.0.0.1:${port}` }).waitFor();
    const resources = page.getByRole('region', { name: 'Resources' });
    await resources.getByText('64 MiB', { exact: true }).waitFor();
    await resources.getByText('0.5 CPU', { exact: true }).waitFor();
    const command = page.getByRole('region', { name: 'Command' });
    await command.getByText('exec form', { exact: true }).waitFor();
    await command.getByText('sleep 600', { exact: true }).waitFor();
    await env.getByRole('button', { name: 'Hide API_TOKEN' }).click();
    await page.screenshot({ path: join(SHOTS, 'container-detail.png') });
  });

  test('the detail page stays live: a CLI stop shows, and removal is announced', async () => {
    await docker(['stop', '-t', '0', detailName]);
    const detail = page.getByRole('region', { name: `Container ${detailName}` });
    await detail.getByText('Exited', { exact: true }).waitFor({ timeout: 5_000 });
    await page.getByRole('region', { name: 'Summary' }).getByText('Exit code').waitFor();
  });

  test('Inspect tab: raw JSON, search highlights a value', async () => {
    await page.getByRole('tab', { name: 'Inspect' }).click();
    await waitFor(() => page.url().endsWith('/inspect'));
    const viewer = page.getByRole('region', { name: 'Container inspect' });
    await viewer.waitFor();
    await viewer.getByRole('searchbox', { name: 'Search Container inspect' }).fill('FOO=bar');
    await viewer
      .getByRole('status')
      .getByText(/1 of 1 match/)
      .waitFor();
    await viewer.locator('mark', { hasText: 'FOO=bar' }).waitFor();
    await viewer.getByRole('button', { name: 'Copy' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'container-inspect.png') });
    await viewer.getByRole('searchbox', { name: 'Search Container inspect' }).fill('');
    await viewer.getByRole('button', { name: 'Collapse all' }).click();
    await viewer.getByRole('button', { name: 'Expand Config' }).waitFor();
    await viewer.getByRole('button', { name: 'Expand all' }).click();
    await viewer.getByRole('button', { name: 'Collapse Config' }).waitFor();
    // Back returns to Overview.
    await page.goBack();
    await page.getByRole('tab', { name: 'Overview', selected: true }).waitFor();
  });

  test('removing the container from the CLI is announced on its detail page', async () => {
    await docker(['rm', '-f', detailName]);
    await page.getByText('This container was removed').waitFor({ timeout: 5_000 });
  });
});

describe('scale', () => {
  const COUNT = 1000;
  const names = Array.from({ length: COUNT }, (_, i) => `${RUN}-scale-${String(i).padStart(4, '0')}`);

  /** Creates a container through the engine API (the CLI would take a minute for 1,000). */
  function createViaApi(n: string): Promise<void> {
    const body = JSON.stringify({ Image: TEST_IMAGE, Cmd: ['sleep', '1'] });
    return new Promise((resolve, reject) => {
      const req = request(
        {
          socketPath: engineSocketPath(),
          path: `/containers/create?name=${encodeURIComponent(n)}`,
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 201 ? resolve() : reject(new Error(`create ${n}: HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  afterAll(async () => {
    for (let i = 0; i < names.length; i += 200) {
      await docker(['rm', '-f', ...names.slice(i, i + 200)], { allowFail: true });
    }
  });

  test('1,000 containers: live, virtualized (< 100 rows in the DOM), End reaches the last, filter stays quick', async () => {
    await page.goto(web.origin + '/#/containers');
    await grid().waitFor();
    await showAll();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < names.length) await createViaApi(names[next++]!);
    };
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 16 }, worker));
    const created = Date.now() - t0;
    await setFilter(`${RUN}-scale-`);
    const count = page.getByLabel(/^[\d,]+ of [\d,]+ containers$/);
    await waitFor(async () => (await count.innerText()).startsWith(`${COUNT.toLocaleString('en-US')} of`), {
      timeoutMs: 15_000,
      message: 'all 1,000 rows listed',
    });
    const listed = Date.now() - t0;
    console.log(`scale: created ${COUNT} via API in ${created} ms; all listed in the UI ${listed - created} ms later`);

    const trs = await grid().locator('tr').count();
    expect(trs).toBeLessThan(100);
    expect(await grid().getAttribute('aria-rowcount')).toBe(String(COUNT + 1));

    // Sort by name, jump to the end with the keyboard: the last container is rendered and active.
    await grid().getByRole('button', { name: 'Name' }).click();
    await grid().focus();
    await page.keyboard.press('End');
    const last = row(names[COUNT - 1]!);
    await last.waitFor({ timeout: 5_000 });
    expect(await last.getAttribute('class')).toContain('is-active');
    expect(await grid().locator('tr').count()).toBeLessThan(100);
    await page.keyboard.press('Home');
    await row(names[0]!).waitFor();

    // Typing in the filter narrows 1,000 rows quickly.
    const t1 = Date.now();
    await setFilter(`${RUN}-scale-0999`);
    await row(names[0]!).waitFor({ state: 'detached' });
    await row(names[999]!).waitFor();
    const filterMs = Date.now() - t1;
    console.log(`scale: filter 1,000 → 1 in ${filterMs} ms`);
    expect(filterMs).toBeLessThan(1_500);

    await setFilter(RUN);
    await grid().getByRole('button', { name: 'Name' }).click(); // back to descending
    await grid().getByRole('button', { name: 'Name' }).click(); // and unsorted
  });
});
