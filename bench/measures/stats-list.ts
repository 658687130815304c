import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { cliEnv } from '../lib/cli';
import { BENCH_IMAGE, BENCH_LABEL } from '../lib/fixtures';
import { mapPool } from '../lib/pool';
import { round } from '../lib/stats';
import type { BenchContext, Measure, MeasureResult } from '../types';
import { CONTAINERS_GRID } from './ui';

/**
 * Engine cost of live stats: 50 running containers, the Containers list with its CPU / Memory
 * columns on screen (Berth polls one-shot stats for the running rows on screen, at most once a
 * second) vs `docker stats` for the same 50 containers (one stats stream per container). Measured as
 * CPU time (utime + stime from /proc/<pid>/stat) of the bench engine's dockerd, its containerd and
 * the containerd shims over WINDOW_S seconds each, plus an idle window as the floor. Target: Berth
 * ≤ 1/3 of docker stats. Only engine processes count (not Chromium, not Berth's own server).
 */

const RUNNING = 50;
const WINDOW_S = 60;
const IDLE_S = 20;
const WARMUP_MS = 3000;
const TARGET = 1 / 3;
const PREFIX = 'berth-bench-stats-';

interface EngineProcs {
  dockerd: number;
  execRoot: string | undefined;
}

function cmdline(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/** The dockerd serving `dockerHost` (its -H / --host argument), and its --exec-root. */
function findDockerd(dockerHost: string): EngineProcs {
  const sock = dockerHost.replace(/^unix:\/\//, '');
  for (const pid of allPids()) {
    const argv = cmdline(pid);
    if (!argv[0] || !/(^|\/)dockerd$/.test(argv[0])) continue;
    if (!argv.some((a) => a === dockerHost || a.endsWith(sock))) continue;
    const i = argv.indexOf('--exec-root');
    const eq = argv.find((a) => a.startsWith('--exec-root='));
    return { dockerd: pid, execRoot: i >= 0 ? argv[i + 1] : eq?.slice('--exec-root='.length) };
  }
  throw new Error(`no dockerd process serving ${dockerHost} found in /proc (the bench must run on the engine's host)`);
}

/** dockerd + containerd + shims of this engine: containerd and shims name a path under its exec-root. */
function enginePids(procs: EngineProcs): Map<number, string> {
  const out = new Map<number, string>([[procs.dockerd, 'dockerd']]);
  const marker = `${procs.execRoot ?? '/var/run/docker'}/containerd`;
  for (const pid of allPids()) {
    const argv = cmdline(pid);
    if (argv.some((a) => a.includes(marker))) out.set(pid, (argv[0] ?? '').split('/').pop() ?? '?');
  }
  return out;
}

/** utime + stime in clock ticks (fields 14 and 15, counted after the parenthesised comm). */
function cpuTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[11]) + Number(rest[12]);
  } catch {
    return undefined;
  }
}

function clockTicks(): number {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
}

/** Engine CPU seconds used while `during` runs for `seconds`, by process kind. */
async function measureEngineCpu(
  procs: EngineProcs,
  seconds: number,
  signal: AbortSignal,
): Promise<{ total: number; byKind: Record<string, number>; pids: number }> {
  const hz = clockTicks();
  const before = new Map<number, number>();
  for (const pid of enginePids(procs).keys()) before.set(pid, cpuTicks(pid) ?? 0);
  await sleep(seconds * 1000, signal);
  const after = enginePids(procs);
  const byKind: Record<string, number> = {};
  let total = 0;
  for (const [pid, kind] of after) {
    const t = cpuTicks(pid);
    if (t === undefined) continue;
    const used = (t - (before.get(pid) ?? 0)) / hz;
    byKind[kind] = round((byKind[kind] ?? 0) + used, 2);
    total += used;
  }
  return { total: round(total, 2), byKind, pids: after.size };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}

async function startContainers(ctx: BenchContext): Promise<string[]> {
  const names = Array.from({ length: RUNNING }, (_, i) => `${PREFIX}${String(i).padStart(2, '0')}`);
  await mapPool(names, 8, async (name) => {
    try {
      await ctx.engine.getContainer(name).remove({ force: true });
    } catch {
      /* not there */
    }
    const c = await ctx.engine.createContainer({
      name,
      Image: BENCH_IMAGE,
      Cmd: ['sleep', '3600'],
      Labels: { [BENCH_LABEL]: '1' },
      HostConfig: { AutoRemove: false },
    });
    await c.start();
  });
  return names;
}

async function removeContainers(ctx: BenchContext, names: string[]): Promise<void> {
  await mapPool(names, 8, async (name) => {
    try {
      await ctx.engine.getContainer(name).remove({ force: true });
    } catch {
      /* gone */
    }
  });
}

/** Opens the Containers list showing only our running containers; resolves when CPU values show. */
async function openList(
  ctx: BenchContext,
  requests: { stats: number; ids: number },
): Promise<{ page: Page; onScreen: number }> {
  const [web, browser] = await Promise.all([ctx.web(), ctx.browser()]);
  const page = await browser.newPage();
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => {
      const text = typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8');
      if (!text.includes('"containers.stats"')) return;
      requests.stats++;
      try {
        const msg = JSON.parse(text) as { args?: { ids?: unknown[] } };
        requests.ids += msg.args?.ids?.length ?? 0;
      } catch {
        /* not JSON */
      }
    });
  });
  await page.goto(`${web.origin}/${CONTAINERS_GRID.route}#token=${web.token}`);
  const grid = page.getByRole('grid', { name: CONTAINERS_GRID.label });
  await grid.waitFor({ timeout: 60_000 });
  await page.getByRole('radio', { name: /^Running/ }).click();
  await page.getByRole('searchbox', { name: 'Filter containers' }).fill(PREFIX);
  await page.waitForFunction(
    () => /\d+\.\d%/.test(document.querySelector('[role=grid] tbody')?.textContent ?? ''),
    undefined,
    { timeout: 30_000 },
  );
  const onScreen = await page.evaluate(() => {
    const scroller = document.querySelector('.dt-scroll');
    const box = scroller?.getBoundingClientRect();
    if (!box) return 0;
    return Array.from(document.querySelectorAll('[role=grid] tbody tr[aria-label]')).filter((tr) => {
      const r = tr.getBoundingClientRect();
      return r.bottom > box.top + 32 && r.top < box.bottom;
    }).length;
  });
  return { page, onScreen };
}

export const statsListMeasure: Measure = {
  name: 'stats-list',
  description: `engine CPU over ${WINDOW_S} s: list with CPU/MEM columns (${RUNNING} running) vs docker stats`,
  async run(ctx: BenchContext): Promise<MeasureResult> {
    const procs = findDockerd(ctx.dockerHost);
    ctx.log(`stats-list: engine dockerd pid ${procs.dockerd}, exec-root ${procs.execRoot ?? '(default)'}`);
    const names = await startContainers(ctx);
    try {
      ctx.log(`stats-list: idle floor (${IDLE_S} s)`);
      await sleep(WARMUP_MS, ctx.signal);
      const idle = await measureEngineCpu(procs, IDLE_S, ctx.signal);

      ctx.log(`stats-list: Berth list on screen (${WINDOW_S} s)`);
      const requests = { stats: 0, ids: 0 };
      const { page, onScreen } = await openList(ctx, requests);
      let berth;
      const before = { ...requests };
      try {
        await sleep(WARMUP_MS, ctx.signal);
        before.stats = requests.stats;
        before.ids = requests.ids;
        berth = await measureEngineCpu(procs, WINDOW_S, ctx.signal);
      } finally {
        await page.close();
      }
      const berthRequests = requests.stats - before.stats;
      const berthIds = requests.ids - before.ids;

      ctx.log(`stats-list: docker stats for ${RUNNING} containers (${WINDOW_S} s)`);
      await sleep(2000, ctx.signal); // let Berth's last request drain
      const child = spawn('docker', ['stats', '--format', '{{.Name}} {{.CPUPerc}} {{.MemUsage}}', ...names], {
        env: cliEnv(ctx.dockerHost),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let cliBytes = 0;
      child.stdout.on('data', (b: Buffer) => (cliBytes += b.length));
      let cli;
      try {
        await sleep(WARMUP_MS, ctx.signal);
        cli = await measureEngineCpu(procs, WINDOW_S, ctx.signal);
      } finally {
        child.kill('SIGTERM');
      }

      const ratio = cli.total > 0 ? berth.total / cli.total : Number.POSITIVE_INFINITY;
      const idleScaled = (idle.total * WINDOW_S) / IDLE_S;
      const netRatio =
        cli.total - idleScaled > 0 ? Math.max(0, berth.total - idleScaled) / (cli.total - idleScaled) : null;
      const pct = (s: number): string => `${round((s / WINDOW_S) * 100, 1)}% of a CPU`;
      return {
        rows: [
          {
            measure: `engine CPU, ${RUNNING} running, ${WINDOW_S} s: list stats columns (${onScreen} rows on screen) vs docker stats`,
            berth: `${berth.total.toFixed(2)} s (${pct(berth.total)})`,
            cli: `${cli.total.toFixed(2)} s (${pct(cli.total)})`,
            target: `${round(ratio, 2)}× (≤ ${round(TARGET, 2)}×)`,
            pass: ratio <= TARGET,
          },
          {
            measure: `engine CPU idle floor (${IDLE_S} s, scaled to ${WINDOW_S} s)`,
            berth: `${idleScaled.toFixed(2)} s`,
            cli: '—',
            target: netRatio === null ? 'info' : `above floor: ${round(netRatio, 2)}×`,
            pass: null,
          },
        ],
        samples: {
          windowS: WINDOW_S,
          idleS: IDLE_S,
          running: RUNNING,
          rowsOnScreen: onScreen,
          idle,
          berth,
          cli,
          berthStatsRequests: berthRequests,
          berthIdsPerRequest: berthRequests > 0 ? round(berthIds / berthRequests, 1) : 0,
          berthRequestsPerSecond: round(berthRequests / WINDOW_S, 2),
          cliStdoutBytes: cliBytes,
        },
        notes: [
          `Berth sent ${berthRequests} containers.stats requests in ${WINDOW_S} s (${round(berthRequests / WINDOW_S, 2)}/s, ` +
            `${berthRequests > 0 ? round(berthIds / berthRequests, 1) : 0} ids each) for the running rows on screen; ` +
            `docker stats keeps ${RUNNING} streams open.`,
          `CPU by process — Berth: ${JSON.stringify(berth.byKind)}; docker stats: ${JSON.stringify(cli.byKind)}; idle: ${JSON.stringify(idle.byKind)}.`,
        ],
      };
    } finally {
      await removeContainers(ctx, names);
    }
  },
};
