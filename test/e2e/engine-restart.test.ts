/**
 * The engine dies under an open session (dockerd SIGKILL) and comes back, N times (5 by default,
 * BERTH_RESTART_CYCLES=50 for the long run). On its OWN private engine (scripts/engine.sh with a
 * dedicated BERTH_ENGINE_DIR): the shared test engine is never killed.
 *
 * Each cycle: the Containers list, a followed log and a terminal are open (three tabs). After the
 * SIGKILL the banner shows within 2 s, the list stays on screen (stale, actions disabled), and the
 * terminal ends with "Engine connection lost". Then dockerd is started again and a container is
 * created and one removed at once: the list shows both changes within 2 s of the engine answering,
 * and the log holds exactly the engine's lines (no duplicate, none lost; without live-restore the
 * container is stopped by the restart and `--restart always` starts it again, its counter kept in a
 * file, so what it printed while dockerd was down is lost by the engine itself, not by Berth: the
 * check is against `docker logs`, not against a perfect counter).
 * Per cycle the server's RSS and open descriptors are printed.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { createTracker, docker, TEST_IMAGE, uniqueName, waitFor } from '../helpers/engine';
import { terminalOf } from '../helpers/terminalUi';
import { startBerthWeb, waitForViewsReady, type BerthWeb } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

const run = promisify(execFile);
const CYCLES = Number(process.env.BERTH_RESTART_CYCLES ?? 5);
const ENGINE_DIR = '/tmp/berth-engine-restart-e2e';
const ENGINE_SH = join(process.cwd(), 'scripts', 'engine.sh');
const COUNTER =
  'i=$(cat /n 2>/dev/null || echo 0); while :; do i=$((i+1)); echo $i > /n; echo "n=$i;"; sleep 0.1; done';

const savedHost = process.env.DOCKER_HOST;
const tracker = createTracker();
let web: BerthWeb;
let browser: LaunchedChromium;
let list: Page;
let logs: Page;
let term: Page;

async function engineStart(): Promise<void> {
  const { stdout } = await run('bash', [ENGINE_SH, 'start'], { env: { ...process.env, BERTH_ENGINE_DIR: ENGINE_DIR } });
  const host = /export DOCKER_HOST=(\S+)/.exec(stdout)?.[1];
  if (!host) throw new Error(`engine.sh start printed no DOCKER_HOST: ${stdout}`);
  process.env.DOCKER_HOST = host;
}

async function dockerdPid(): Promise<number> {
  return Number((await readFile(join(ENGINE_DIR, 'dockerd.pid'), 'utf8')).trim());
}

interface Usage {
  rssMiB: number;
  fds: number;
  /** JS heap of the Containers page (Chromium's performance.memory), MiB. */
  pageHeapMiB: number;
}

async function usage(pid: number): Promise<Usage> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  const fds = (await readdir(`/proc/${pid}/fd`)).length;
  const heap = await list.evaluate(
    () => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN,
  );
  return { rssMiB: Math.round(rss / 1024), fds, pageHeapMiB: Math.round((heap / 1048576) * 10) / 10 };
}

const usageText = (u: Usage): string =>
  `server rss ${u.rssMiB} MiB, open fds ${u.fds}; list page JS heap ${u.pageHeapMiB} MiB`;

/** The p-th percentile (nearest rank) of `values`. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

const banner = (p: Page): Locator => p.getByRole('status').filter({ hasText: 'Engine connection lost' });
const grid = (): Locator => list.getByRole('grid', { name: 'Containers' });
const received = async (): Promise<number> =>
  Number((await logs.getByRole('status', { name: 'Lines received' }).innerText()).replace(/\D/g, ''));

/**
 * The engine's own log of the counter container. Not always unique: a shim that outlived the killed
 * dockerd can run beside the restarted container for a moment, both counting from the same file.
 */
async function engineLines(name: string): Promise<string[]> {
  return (await docker(['logs', name])).stdout.split('\n').filter(Boolean);
}

beforeAll(async () => {
  await engineStart();
  web = await startBerthWeb({ env: { DOCKER_HOST: process.env.DOCKER_HOST } });
  browser = await launchChromium({ viewport: { width: 1300, height: 800 }, colorScheme: 'dark' });
  await browser.context.addInitScript(() => window.localStorage.setItem('berth.terminal.renderer', 'dom'));
  list = await browser.context.newPage();
  logs = await browser.context.newPage();
  term = await browser.context.newPage();
  for (const p of [list, logs, term]) {
    p.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
    p.on('console', (m) => m.type() === 'error' && console.error(`[console] ${m.text()}`));
    p.on('load', () => console.log(`[load] ${p.url()}`));
  }
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await tracker.cleanup().catch(() => undefined);
  await run('bash', [ENGINE_SH, 'stop'], { env: { ...process.env, BERTH_ENGINE_DIR: ENGINE_DIR } }).catch(
    () => undefined,
  );
  if (savedHost === undefined) delete process.env.DOCKER_HOST;
  else process.env.DOCKER_HOST = savedHost;
});

test(
  `the views survive ${CYCLES} dockerd SIGKILLs and resync in place`,
  { timeout: 120_000 + CYCLES * 60_000 },
  async () => {
    const counter = tracker.container(uniqueName('restart-counter'));
    const id = (
      await docker([
        'run',
        '-d',
        '--network',
        'none',
        '--restart',
        'always',
        '--name',
        counter,
        TEST_IMAGE,
        'sh',
        '-c',
        COUNTER,
      ])
    ).stdout.trim();
    let doomed = tracker.container(uniqueName('restart-doomed'));
    await docker(['create', '--network', 'none', '--name', doomed, TEST_IMAGE, 'sleep', '600']);

    await list.goto(web.url);
    await grid()
      .getByRole('row', { name: new RegExp(counter) })
      .waitFor({ timeout: 20_000 });
    await logs.goto(web.url);
    await logs.evaluate((cid) => (window.location.hash = `#/containers/${cid}/logs`), id);
    const { activeSession, waitScreen, openShell, typeLine } = terminalOf(() => term);
    await term.goto(web.url);
    await term.evaluate((cid) => (window.location.hash = `#/containers/${cid}/terminal`), id);
    await term.getByRole('form', { name: 'Open a terminal' }).waitFor({ timeout: 20_000 });
    await openShell();
    await waitFor(async () => (await received()) > 10, { message: 'counter lines in the log view' });
    // A dockerd start changes the host's networks: have every view's code loaded before (see web.ts).
    for (const p of [list, logs, term]) await waitForViewsReady(p);

    const resyncs: number[] = [];
    const usages: Usage[] = [];
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      // ---- the engine dies ----
      const killedAt = Date.now();
      process.kill(await dockerdPid(), 'SIGKILL');
      await banner(list).waitFor({ timeout: 2000 });
      const lostAfter = Date.now() - killedAt;
      expect(lostAfter).toBeLessThan(2000);
      // The list stays, stale, with its engine actions disabled.
      await expect.poll(() => list.locator('main[data-stale="true"]').count()).toBe(1);
      await grid()
        .getByRole('row', { name: new RegExp(counter) })
        .waitFor();
      await expect(list.getByText('Stale', { exact: true }).isVisible()).resolves.toBe(true);
      await expect(list.getByRole('button', { name: 'Run container' }).isDisabled()).resolves.toBe(true);
      await banner(logs).waitFor({ timeout: 2000 });
      await activeSession()
        .getByRole('status')
        .getByText('Engine connection lost')
        .waitFor({ timeout: 5000 })
        .catch(async (e: Error) => {
          await term.screenshot({ path: join(SHOTS, 'survive-fail-terminal.png') });
          throw e;
        });
      await waitScreen(/Engine connection lost/);
      if (cycle === 1) {
        // Pages start dark (init script); the sidebar's toggle shows each in light, then back.
        for (const [page, what] of [
          [list, 'list'],
          [logs, 'logs'],
          [term, 'terminal'],
        ] as const) {
          await page.screenshot({ path: join(SHOTS, `survive-${what}-dark.png`) });
          await page.getByRole('button', { name: 'Toggle theme' }).click();
          await page.screenshot({ path: join(SHOTS, `survive-${what}-light.png`) });
          await page.getByRole('button', { name: 'Toggle theme' }).click();
        }
      }

      // ---- it comes back; the list changes at once ----
      await engineStart();
      const answeredAt = Date.now();
      const created = tracker.container(uniqueName('restart-new'));
      await docker(['create', '--network', 'none', '--name', created, TEST_IMAGE, 'sleep', '600']);
      await docker(['rm', '-f', doomed]);
      await waitFor(
        async () =>
          (await grid()
            .getByRole('row', { name: new RegExp(created) })
            .count()) === 1 &&
          (await grid()
            .getByRole('row', { name: new RegExp(doomed) })
            .count()) === 0,
        { timeoutMs: 5000, message: 'the list to resync' },
      );
      const resyncedIn = Date.now() - answeredAt;
      resyncs.push(resyncedIn);
      expect(resyncedIn, 'list resynced within 2 s of the engine answering').toBeLessThan(2000);
      await expect.poll(() => list.locator('main[data-stale="true"]').count()).toBe(0);
      await expect(banner(list).count()).resolves.toBe(0);
      doomed = created;

      // ---- the log holds exactly the engine's lines (compared while the counter is paused) ----
      await waitFor(
        async () => (await docker(['inspect', '-f', '{{.State.Running}}', counter])).stdout.trim() === 'true',
        {
          message: 'the counter container to run again (restart always)',
        },
      );
      await waitFor(async () => (await engineLines(counter)).length > 0, { message: 'a line after the restart' });
      await docker(['pause', counter]);
      await waitFor(async () => (await received()) === (await engineLines(counter)).length, {
        timeoutMs: 10_000,
        message: 'the log view to hold every engine line once',
      }).catch(async (e: Error) => {
        throw new Error(`${e.message}: view ${await received()}, engine ${(await engineLines(counter)).length}`);
      });
      // The newest line is in the view exactly as often as in the engine's log (no duplicate).
      const lines = await engineLines(counter);
      const last = lines.at(-1) ?? '';
      const times = lines.filter((l) => l === last).length;
      const search = logs.getByRole('searchbox', { name: 'Search logs' });
      await search.fill(last);
      await expect
        .poll(() => logs.getByRole('status', { name: 'Matches' }).innerText())
        .toMatch(new RegExp(`of ${times}$`));
      await search.fill('');
      await docker(['unpause', counter]);

      // ---- the terminal reconnects ----
      await activeSession().getByRole('button', { name: 'Reconnect' }).first().click();
      await activeSession().getByText('Connected', { exact: true }).waitFor({ timeout: 10_000 });
      await typeLine(`echo cycle-$((${cycle}*11))`);
      await waitScreen(new RegExp(`cycle-${cycle * 11}`));

      const u = await usage(web.proc.pid!);
      usages.push(u);
      console.log(
        `cycle ${cycle}: banner after ${lostAfter} ms, list resynced ${resyncedIn} ms after the engine answered, ` +
          `${await received()} log lines; ${usageText(u)}`,
      );
    }
    const [first, last] = [usages[0], usages.at(-1)];
    console.log(
      `SUMMARY ${CYCLES} cycles: engine answering → list correct: p50 ${percentile(resyncs, 50)} ms, ` +
        `p95 ${percentile(resyncs, 95)} ms, max ${Math.max(...resyncs)} ms; ` +
        `first cycle: ${first ? usageText(first) : '?'}; last cycle: ${last ? usageText(last) : '?'}; ` +
        `load average ${(await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')}`,
    );
  },
);
