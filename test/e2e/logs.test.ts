/**
 * The logs viewer in web mode, in Chromium, against the private engine. Containers are made here with
 * the docker CLI under unique names, checked with the docker CLI, and removed after.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { createTracker, docker, requireEngine, TEST_IMAGE, uniqueName, waitFor } from '../helpers/engine';
import { startBerthWeb, type BerthWeb } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

const VIEWPORT = { width: 1400, height: 860 };
const tracker = createTracker();

let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;

/** Runs a container whose shell script prints known lines; returns its id. */
async function run(name: string, script: string, extra: string[] = []): Promise<string> {
  tracker.container(name);
  const { stdout } = await docker([
    'run',
    '-d',
    '--name',
    name,
    '--stop-timeout',
    '1',
    ...extra,
    TEST_IMAGE,
    'sh',
    '-c',
    script,
  ]);
  return stdout.trim();
}

async function gotoHash(hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

const log = (): Locator => page.getByRole('log', { name: 'Log lines' });
const received = (): Locator => page.getByRole('status', { name: 'Lines received' });

async function setTheme(theme: 'dark' | 'light'): Promise<void> {
  await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
}

async function shot(name: string): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    await setTheme(theme);
    await page.screenshot({ path: join(SHOTS, `logs-${name}-${theme}.png`) });
  }
  await setTheme('dark');
}

beforeAll(async () => {
  requireEngine();
  await mkdir(SHOTS, { recursive: true });
  web = await startBerthWeb();
  browser = await launchChromium({ viewport: VIEWPORT });
  page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(web.url);
  await page.getByRole('grid', { name: 'Containers' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await tracker.cleanup();
});

describe('logs tab', () => {
  const name = uniqueName('logs');
  let id = '';

  beforeAll(async () => {
    id = await run(
      name,
      [
        'i=1; while [ $i -le 300 ]; do echo "line $i of the log"; i=$((i+1)); done',
        'printf "\\033[32mgreen ok\\033[0m plain \\033[1;31mbold red\\033[0m\\n"',
        // stdout and stderr are separate pipes: pauses keep the engine's order deterministic.
        'sleep 0.2; echo "an error happened" >&2; sleep 0.2',
        'head -c 30000 /dev/zero | tr "\\0" L; echo',
        'echo READY',
        'sleep 600',
      ].join('; '),
    );
    await waitFor(async () => (await docker(['logs', name])).stdout.includes('READY'), { timeoutMs: 20_000 });
  });

  test('shows the lines the container printed, stderr marked, colours rendered', async () => {
    await gotoHash(`#/containers/${id}/logs`);
    await expect.poll(() => log().getByText('READY').count(), { timeout: 15_000 }).toBe(1);
    // Following: the end of the log is in view.
    await expect.poll(() => log().getByText('an error happened').isVisible()).toBe(true);
    const errRow = log().locator('.log-row.is-stderr');
    await expect.poll(() => errRow.count()).toBe(1);
    expect(await errRow.innerText()).toContain('stderr:');
    expect(await log().locator('.ansi-green', { hasText: 'green ok' }).count()).toBe(1);
    expect(await log().getByText('line 300 of the log').isVisible()).toBe(true);
    // A 30,000-char line is cut with a way to see it whole, and does not break the layout.
    const more = log().getByRole('button', { name: 'Show full line (30,000 characters)' });
    expect(await more.count()).toBe(1);
    const box = await log().boundingBox();
    expect(box && box.width).toBeLessThan(VIEWPORT.width);
    await more.click();
    const dlg = page.getByRole('dialog', { name: 'Full line' });
    expect(((await dlg.getByRole('textbox', { name: 'Line text' }).inputValue()) ?? '').length).toBe(30_000);
    await dlg.getByRole('button', { name: 'Close' }).last().click();
    await shot('tab');
  });

  test('search counts and highlights matches, next/previous move, only matching filters', async () => {
    const search = page.getByRole('searchbox', { name: 'Search logs' });
    await search.fill('line 29');
    // "line 29", "line 290".."line 299" → 11 lines.
    const count = page.getByRole('status', { name: 'Matches' });
    await expect.poll(() => count.innerText()).toBe('– of 11');
    await page.getByRole('button', { name: 'Next match' }).click();
    await expect.poll(() => count.innerText()).toBe('1 of 11');
    await page.getByRole('button', { name: 'Next match' }).click();
    await expect.poll(() => count.innerText()).toBe('2 of 11');
    await page.getByRole('button', { name: 'Previous match' }).click();
    await expect.poll(() => count.innerText()).toBe('1 of 11');
    expect(await log().locator('mark', { hasText: 'line 29' }).count()).toBeGreaterThan(0);
    expect(await log().locator('.log-row.is-current').innerText()).toContain('line 29 of the log');

    await page.getByRole('button', { name: 'Only matching lines' }).click();
    await expect.poll(() => log().locator('.log-row').count()).toBe(11);
    await shot('search');
    await page.getByRole('button', { name: 'Only matching lines' }).click();

    // Regex and case options; an invalid regex says so next to the field.
    await page.getByRole('button', { name: 'Regular expression' }).click();
    await search.fill('line (12|13)0 ');
    await expect.poll(() => count.innerText()).toBe('– of 2');
    await search.fill('line (');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Invalid regex' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Match case' }).click();
    await page.getByRole('button', { name: 'Regular expression' }).click();
    await search.fill('READY');
    await expect.poll(() => count.innerText()).toBe('– of 1');
    await search.fill('ready');
    await expect.poll(() => count.innerText()).toBe('No matches');
    await page.getByRole('button', { name: 'Match case' }).click();
    await search.fill('');
  });

  test('download saves every line', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download logs' }).click(),
    ]);
    const path = await download.path();
    const text = await readFile(path, 'utf8');
    const cli = await docker(['logs', name]);
    const lines = text.split('\n').filter(Boolean);
    expect(lines).toHaveLength(300 + 4);
    expect(lines[0]).toBe('line 1 of the log');
    expect(lines).toContain('an error happened');
    expect(lines).toContain('green ok plain bold red');
    // Every stdout line of the CLI is in the file.
    for (const l of cli.stdout.split('\n').filter(Boolean))
      expect(lines).toContain(l.replace(new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g'), ''));
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${name}-\\d{8}-\\d{6}\\.log$`));
  });

  test('scrolling up pauses follow; Jump to end resumes it', async () => {
    const follower = uniqueName('follow');
    const fid = await run(follower, 'i=1; while true; do echo "tick $i"; i=$((i+1)); sleep 0.05; done');
    await gotoHash(`#/containers/${fid}/logs`);
    await expect
      .poll(
        () =>
          log()
            .getByText(/^tick \d+$/)
            .count(),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    await waitFor(async () => Number((await received().innerText()).replace(/,/g, '')) > 60, { timeoutMs: 20_000 });
    await log().hover();
    await page.mouse.wheel(0, -2000);
    const jump = page.getByRole('button', { name: /Jump to end/ });
    await jump.waitFor();
    expect(await page.getByText('Paused (scrolled up)').count()).toBe(1);
    // Lines keep arriving but the view stays where the reader is.
    const firstVisible = await log().locator('.log-row').first().innerText();
    await waitFor(async () => /new/.test(await jump.innerText()), { timeoutMs: 10_000 });
    expect(await log().locator('.log-row').first().innerText()).toBe(firstVisible);
    await shot('paused');
    await jump.click();
    await expect.poll(() => jump.count()).toBe(0);
    expect(await page.getByText('Following').count()).toBe(1);
    // The newest line the engine has is (soon) on screen.
    await waitFor(
      async () => {
        const last = (await docker(['logs', '--tail', '1', follower])).stdout.trim();
        const n = Number(last.split(' ')[1]);
        const shown = await log().locator('.log-row').allInnerTexts();
        return shown.some((t) => Number(t.split(' ')[1]) >= n - 2);
      },
      { timeoutMs: 10_000 },
    );
  });

  test('merged logs of two containers show both names in time order', async () => {
    const a = uniqueName('ma');
    const b = uniqueName('mb');
    // Started together, each printing every 0.4 s: their lines interleave in time.
    const [ida, idb] = await Promise.all([
      run(a, 'for i in 1 2 3 4; do echo "from-a $i"; sleep 0.4; done; sleep 600'),
      run(b, 'for i in 1 2 3 4; do echo "from-b $i"; sleep 0.4; done; sleep 600'),
    ]);
    await waitFor(
      async () =>
        (await docker(['logs', b])).stdout.includes('from-b 4') &&
        (await docker(['logs', a])).stdout.includes('from-a 4'),
      { timeoutMs: 15_000 },
    );
    // Through the Containers list: select both, press "Logs".
    await gotoHash('#/containers');
    const grid = page.getByRole('grid', { name: 'Containers' });
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill('berth-t-m');
    for (const n of [a, b]) {
      const row = grid.getByRole('row', { name: n, exact: true });
      await row.waitFor();
      await row.getByRole('checkbox').check();
    }
    await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Logs' }).click();
    await expect.poll(() => log().locator('.log-row').count(), { timeout: 15_000 }).toBe(8);
    const rows = (await log().locator('.log-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    // Expected order: both containers' lines sorted by the engine's timestamps.
    const stamped = async (n: string): Promise<Array<[string, string]>> =>
      (await docker(['logs', '-t', n])).stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf(' ')), `${n} ${l.slice(l.indexOf(' ') + 1)}`] as [string, string]);
    const expected = [...(await stamped(a)), ...(await stamped(b))]
      .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
      .map((x) => x[1]);
    expect(rows).toEqual(expected);
    expect(rows.filter((r) => r.startsWith(a))).toHaveLength(4);
    expect(rows.filter((r) => r.startsWith(b))).toHaveLength(4);
    // The two containers interleave, so the order really came from merging by time.
    expect(rows.slice(0, 4).some((r) => r.startsWith(b)) && rows.slice(4).some((r) => r.startsWith(a))).toBe(true);
    expect(page.url()).toContain(ida);
    expect(page.url()).toContain(idb);
    await page.getByRole('button', { name: 'Timestamps' }).click();
    await shot('merged');
    await page.getByRole('button', { name: 'Timestamps' }).click();
    await page.getByRole('searchbox', { name: 'Filter containers' }).count();
  });

  test('leaving the tab closes the stream', async () => {
    await gotoHash(`#/containers/${id}/logs`);
    await log().getByText('READY').waitFor();
    await gotoHash(`#/containers/${id}`);
    await page.getByRole('tab', { name: 'Overview', selected: true }).waitFor();
    expect(await log().count()).toBe(0);
  });
});

describe('merged logs of compose services', () => {
  const project = uniqueName('proj');
  const names = { web1: uniqueName('web1'), web2: uniqueName('web2'), db: uniqueName('db1') };
  const compose = (service: string, n: number): string[] => [
    '--label',
    `com.docker.compose.project=${project}`,
    '--label',
    `com.docker.compose.service=${service}`,
    '--label',
    `com.docker.compose.container-number=${n}`,
  ];
  let ids: string[] = [];

  beforeAll(async () => {
    // "first" at once, "second" 3 s later, then a tick every 0.5 s to follow.
    const script = (who: string): string =>
      `echo "${who} first"; sleep 3; echo "${who} second"; i=0; while true; do i=$((i+1)); echo "${who} tick $i"; sleep 0.5; done`;
    ids = await Promise.all([
      run(names.web1, script('w1'), compose('web', 1)),
      run(names.web2, script('w2'), compose('web', 2)),
      run(names.db, script('db'), compose('db', 1)),
    ]);
    await waitFor(async () => (await docker(['logs', names.db])).stdout.includes('db second'), { timeoutMs: 20_000 });
  });

  const prefixOf = (text: string): Locator => log().locator('.log-row', { hasText: text }).locator('.log-src');
  const colourOf = async (text: string): Promise<string> =>
    ((await prefixOf(text).first().getAttribute('class')) ?? '').replace('log-src', '').trim();

  test('replicas of a service share one colour and read service-N; follow, search and time range work', async () => {
    await gotoHash(`#/logs?ids=${ids.join(',')}`);
    const legend = page.getByRole('list', { name: 'Containers' });
    for (const label of ['web-1', 'web-2', 'db-1']) await legend.getByRole('link', { name: label }).waitFor();
    await expect.poll(() => log().getByText('db second').count(), { timeout: 15_000 }).toBe(1);
    expect(await prefixOf('w1 first').innerText()).toBe('web-1');
    expect(await prefixOf('w2 first').innerText()).toBe('web-2');
    expect(await prefixOf('db first').innerText()).toBe('db-1');
    expect(await prefixOf('w1 first').getAttribute('title')).toBe(names.web1);
    const web = await colourOf('w1 first');
    expect(web).toMatch(/^log-src-\d$/);
    expect(await colourOf('w2 first')).toBe(web);
    expect(await colourOf('db first')).not.toBe(web);

    // Follow: ticks printed after opening arrive and the newest is in view.
    const last = async (): Promise<number> =>
      Number(/tick (\d+)/.exec(await log().locator('.log-row').last().innerText())?.[1] ?? 0);
    const before = await last();
    await expect.poll(last, { timeout: 10_000 }).toBeGreaterThan(before + 2);

    // Search across the services.
    const search = page.getByRole('searchbox', { name: 'Search logs' });
    await search.fill('second');
    await expect.poll(() => page.getByRole('status', { name: 'Matches' }).innerText()).toBe('– of 3');
    await search.fill('');

    // Time range: since one second before web-1's "second" line leaves out every "first" line.
    const stamped = (await docker(['logs', '-t', names.web1])).stdout.split('\n').find((l) => l.includes('w1 second'))!;
    const since = new Date(stamped.slice(0, stamped.indexOf(' '))).getTime() - 1200;
    const local = await page.evaluate((ms) => {
      const d = new Date(ms);
      const p = (n: number): string => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
    }, since);
    await page.getByRole('button', { name: 'Time range' }).click();
    const form = page.getByRole('form', { name: 'Time range' });
    await form.getByLabel('Since').fill(local);
    await form.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => log().getByText('w2 second').count(), { timeout: 15_000 }).toBe(1);
    expect(
      await log()
        .getByText(/ first$/)
        .count(),
    ).toBe(0);
    expect(await prefixOf('w2 second').innerText()).toBe('web-2');
    expect(await colourOf('w2 second')).toBe(web);
    await shot('compose');
    await form.getByRole('button', { name: 'Reset' }).click();
  });
});
