import { installReadyProbe, waitReady, type ReadyState } from '../lib/page';
import { formatMs, median, min, max } from '../lib/stats';
import type { BenchContext, Measure } from '../types';
import { timeDockerPs } from './cli-ps';
import { CONTAINERS_GRID } from './ui';

const READY_TIMEOUT_MS = 60_000;
const DOM_ROW_TARGET = 100;
const RATIO_TARGET = 2;

export interface LoadSample extends ReadyState {
  /** Node's Date.now() right before page.goto. */
  startAt: number;
  /** paintedAt − startAt: page load to the painted frame with the ready table. */
  ms: number;
  /** readyAt − startAt: same, to the DOM mutation (before paint). */
  domMs: number;
}

/** One cold page (new tab, same browser) from page.goto to "table ready". */
export async function loadContainersPage(ctx: BenchContext, minRows: number): Promise<LoadSample> {
  const [web, browser] = await Promise.all([ctx.web(), ctx.browser()]);
  const page = await browser.newPage();
  try {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${new URL(r.url()).pathname}`);
    });
    await installReadyProbe(page, CONTAINERS_GRID, minRows);
    const startAt = Date.now();
    await page.goto(`${web.origin}/${CONTAINERS_GRID.route}#token=${web.token}`, { waitUntil: 'commit' });
    const ready = await waitReady(page, READY_TIMEOUT_MS).catch(async (e: unknown) => {
      const seen = await page
        .evaluate((label: string) => {
          const grid = document.querySelector(`[role=grid][aria-label="${label}"]`);
          return {
            rowcount: grid?.getAttribute('aria-rowcount') ?? 'no table',
            text: (document.body?.innerText ?? '').replace(/\s+/g, ' ').slice(0, 160),
          };
        }, CONTAINERS_GRID.label)
        .catch(() => ({ rowcount: '?', text: '?' }));
      throw new Error(
        `the "${CONTAINERS_GRID.label}" table did not show ${minRows}+ containers within ${READY_TIMEOUT_MS / 1000} s ` +
          `(aria-rowcount: ${seen.rowcount}; page says: "${seen.text}"` +
          `${problems.length ? `; ${problems.slice(0, 3).join('; ')}` : ''}): ` +
          `${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      );
    });
    return { ...ready, startAt, ms: ready.paintedAt - startAt, domMs: ready.readyAt - startAt };
  } finally {
    await page.close();
  }
}

/**
 * (a) 1,000+ containers: `docker ps -a` vs Berth web mode in headless Chromium, from page.goto to the
 * Containers table showing rows and knowing every container (its aria-rowcount covers at least all
 * the bench containers: the list is loaded in one call, so that means the whole list), painted.
 */
export const listMeasure: Measure = {
  name: 'list',
  description: '1,000 containers: `docker ps -a` vs Berth page load → Containers table ready; DOM rows',
  async run(ctx) {
    const fixtures = await ctx.fixtures();
    const ps = await timeDockerPs(ctx);
    ctx.log(
      `docker ps -a: median ${formatMs(ps.medianMs)} over ${ps.samplesMs.length} (engine has ${ps.engineCount} containers)`,
    );
    const minRows = fixtures.names.length;
    const warmup = await loadContainersPage(ctx, minRows);
    ctx.log(`warm-up load: ${formatMs(warmup.ms)}`);
    const loads: LoadSample[] = [];
    for (let i = 0; i < ctx.options.repeats && !ctx.signal.aborted; i++) {
      const s = await loadContainersPage(ctx, minRows);
      ctx.log(
        `load ${i + 1}: ${formatMs(s.ms)} (DOM ${formatMs(s.domMs)}), ${s.gridRowCount} rows known, ${s.domRows} DOM rows`,
      );
      loads.push(s);
    }
    const ms = loads.map((s) => s.ms);
    const m = median(ms);
    const ratio = m / ps.medianMs;
    const domRows = max(loads.map((s) => s.domRows));
    const engineAfter = (await ctx.engine.listContainers({ all: true })).length;
    return {
      rows: [
        {
          measure: `${containersLabel(ps.engineCount, minRows)}: page load → table ready (median of ${loads.length})`,
          berth: formatMs(m),
          cli: formatMs(ps.medianMs),
          target: `${ratio.toFixed(2)}× CLI (≤ ${RATIO_TARGET}×)`,
          pass: ratio <= RATIO_TARGET,
        },
        {
          measure: 'DOM rows rendered at ready ([role=row], tr)',
          berth: String(domRows),
          cli: '—',
          target: `< ${DOM_ROW_TARGET}`,
          pass: domRows < DOM_ROW_TARGET,
        },
      ],
      samples: {
        berthLoadMs: ms,
        berthLoadDomMs: loads.map((s) => s.domMs),
        berthWarmupMs: warmup.ms,
        berthLoads: loads,
        cliMs: ps.samplesMs,
        cliWarmupMs: ps.warmupMs,
        engineContainersBefore: ps.engineCount,
        engineContainersAfter: engineAfter,
        gridRowCounts: loads.map((s) => s.gridRowCount),
        phasesMs: loads.map(phaseOffsets),
      },
      notes: [
        `median timeline from page.goto (ms): ${phaseSummary(loads)}`,
        `page load range ${formatMs(min(ms))}–${formatMs(max(ms))}; the browser keeps its HTTP cache between loads ` +
          '(a warm-up load first, like the CLI), each load is a new tab',
      ],
    };
  },
};

const PHASES: readonly [string, (p: LoadSample) => number][] = [
  ['HTML', (s) => s.phases.responseEndAt],
  ['DOMContentLoaded', (s) => s.phases.domContentLoadedAt],
  ['grid shown', (s) => s.phases.gridFirstAt],
  ['WebSocket open', (s) => s.phases.wsOpenAt],
  ['containers.list sent', (s) => s.phases.listRequestAt],
  ['list reply received', (s) => s.phases.listReplyAt],
  ['table DOM ready', (s) => s.readyAt],
  ['painted', (s) => s.paintedAt],
];

/** Each phase's time since page.goto (null when the page did not report it). */
function phaseOffsets(s: LoadSample): Record<string, number | null> {
  return Object.fromEntries(PHASES.map(([name, at]) => [name, at(s) > 0 ? at(s) - s.startAt : null]));
}

function phaseSummary(loads: readonly LoadSample[]): string {
  return PHASES.map(([name, at]) => {
    const xs = loads.filter((s) => at(s) > 0).map((s) => at(s) - s.startAt);
    return `${name} ${xs.length ? Math.round(median(xs)) : '?'}`;
  }).join(' → ');
}

function containersLabel(engineCount: number, bench: number): string {
  const n = engineCount.toLocaleString('en-US');
  return engineCount > bench ? `${n} containers (${bench.toLocaleString('en-US')} bench)` : `${n} containers`;
}
