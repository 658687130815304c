/**
 * Opening and closing the streaming tabs (Logs, Terminal with a live shell, Stats) 200 times leaves
 * no engine connection and no exec behind. Engine connections are counted as the web server
 * process's unix sockets (/proc/<pid>/fd ∩ /proc/net/unix): node opens unix sockets only to the
 * engine, and the one long-lived among them is the /events stream, which is part of the baseline.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';
import Dockerode from 'dockerode';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
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

const CYCLES = 200;
const tracker = createTracker();
let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;

async function unixSocketsOf(pid: number): Promise<number> {
  const unix = new Set(
    (await readFile('/proc/net/unix', 'utf8'))
      .split('\n')
      .slice(1)
      .map((l) => l.trim().split(/\s+/)[6])
      .filter((x): x is string => Boolean(x)),
  );
  let n = 0;
  for (const fd of await readdir(`/proc/${pid}/fd`)) {
    const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const m = /^socket:\[(\d+)\]$/.exec(link);
    if (m && unix.has(m[1]!)) n++;
  }
  return n;
}

async function runningExecs(id: string): Promise<number> {
  const d = new Dockerode({ socketPath: engineSocketPath() });
  const info = await d.getContainer(id).inspect();
  const states = await Promise.all(
    (info.ExecIDs ?? []).map((x) =>
      d
        .getExec(x)
        .inspect()
        .catch(() => undefined),
    ),
  );
  return states.filter((s) => s?.Running).length;
}

beforeAll(async () => {
  requireEngine();
  web = await startBerthWeb();
  browser = await launchChromium({ viewport: { width: 1400, height: 860 } });
  page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(web.url);
  await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 20_000 });
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await tracker.cleanup();
});

test(`opening and closing Logs, Terminal and Stats ${CYCLES} times leaves no engine connection behind`, async () => {
  const pid = web.proc.pid!;
  const name = tracker.container(uniqueName('leaks'));
  const id = (
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
      'i=0; while true; do i=$((i+1)); echo "line $i"; sleep 0.05; done',
    ])
  ).stdout.trim();
  await page.evaluate((cid) => {
    window.location.hash = `#/containers/${cid}`;
  }, id);
  const tabs = page.getByRole('tablist', { name: 'Container details' });
  await tabs.getByRole('tab', { name: 'Overview' }).waitFor();
  // The steady state: short-lived requests (inspect, one-shot stats) come and go, so take the minimum.
  let baseline = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 6; i++) {
    await page.waitForTimeout(250);
    baseline = Math.min(baseline, await unixSocketsOf(pid));
  }
  console.log(`engine sockets at baseline: ${baseline} (includes the /events stream)`);
  expect(baseline).toBeGreaterThanOrEqual(1);

  const order = ['Logs', 'Terminal', 'Stats'] as const;
  let shells = 0;
  let peak = baseline;
  const t0 = Date.now();
  for (let i = 0; i < CYCLES; i++) {
    const name = order[i % order.length]!;
    await tabs.getByRole('tab', { name }).click();
    if (name === 'Terminal') {
      await page.getByRole('button', { name: 'Open shell' }).click();
      shells++;
      // Every other time wait until the shell is live; otherwise leave while it is still opening.
      if (shells % 2 === 0) await page.locator('.term-session').getByText('Connected', { exact: true }).waitFor();
    } else {
      await page.waitForTimeout(i % 5 === 0 ? 150 : 20);
    }
    if (i % 20 === 0) peak = Math.max(peak, await unixSocketsOf(pid));
  }
  await tabs.getByRole('tab', { name: 'Overview' }).click();
  console.log(`${CYCLES} tab switches (${shells} shells) in ${Date.now() - t0} ms; peak engine sockets ${peak}`);

  // Closed shells are hung up asynchronously (SIGHUP, then SIGKILL after a grace period).
  await waitFor(async () => (await runningExecs(id)) === 0, { timeoutMs: 20_000, message: 'every exec to end' });
  const after = await waitFor(
    async () => {
      const n = await unixSocketsOf(pid);
      return n <= baseline && { n };
    },
    { timeoutMs: 20_000, intervalMs: 250, message: `engine sockets back to ${baseline}` },
  ).catch(async (e: Error) => {
    throw new Error(`${e.message}; now ${await unixSocketsOf(pid)}`);
  });
  console.log(`engine sockets after: ${after.n}`);
  expect(after.n).toBeLessThanOrEqual(baseline);
  // The server is still healthy: the list still answers.
  expect(web.proc.exitCode).toBeNull();
});
