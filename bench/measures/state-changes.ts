import type { Page } from 'playwright-core';
import { setTimeout as sleep } from 'node:timers/promises';
import { armStateWatch, installReadyProbe, renderedRowLabels, rowState, waitReady, waitStateWatch } from '../lib/page';
import { formatMs, max, percentile } from '../lib/stats';
import type { BenchContext, Measure } from '../types';
import { CONTAINERS_GRID } from './ui';

const TARGETS = 4;
const P95_TARGET_MS = 250;
const CHANGE_TIMEOUT_MS = 10_000;
/** Pause between changes, so each change is a separate burst of events (as from a person or a script step). */
const GAP_MS = 100;

interface ChangeSample {
  i: number;
  container: string;
  command: 'pause' | 'unpause';
  expected: string;
  /** Date.now() before spawning the CLI and right after it returned. */
  cliStartAt: number;
  cliEndAt: number;
  /** Date.now() in the page when the row's state label changed; 0 = not seen within the timeout. */
  seenAt: number;
  /** seenAt − cliEndAt (the measure; can be < 0 when the page updated before the CLI process exited). */
  ms: number;
  missingRow: boolean;
  /** The row's state label right before the command (lower case; null = row not in the DOM). */
  stateBefore: string | null;
  /** The row already showed the new state before the command: the page was stale (no latency measurable). */
  staleBefore: boolean;
  /** On a miss: the engine's own state for the container, and what the row showed at the end. */
  engineStateAfter?: string;
  rowStateAfter?: string | null;
}

async function openReadyPage(ctx: BenchContext, minRows: number): Promise<Page> {
  const [web, browser] = await Promise.all([ctx.web(), ctx.browser()]);
  const page = await browser.newPage();
  await installReadyProbe(page, CONTAINERS_GRID, minRows);
  await page.goto(`${web.origin}/${CONTAINERS_GRID.route}#token=${web.token}`, { waitUntil: 'commit' });
  await waitReady(page, 60_000);
  return page;
}

async function waitRowState(page: Page, name: string, expected: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await rowState(page, CONTAINERS_GRID, name);
    if (last === expected) return;
    await sleep(50);
  }
  throw new Error(`row "${name}" shows ${last === null ? 'no row in the DOM' : `"${last}"`}, expected "${expected}"`);
}

/**
 * (b) State changes made with the CLI (`docker pause` / `docker unpause`, alternating on a few
 * running bench containers whose rows are on screen) → time until the row's state label shows the
 * new state. The clock starts right after the CLI returned; a MutationObserver in the page stamps
 * the change.
 */
export const stateChangesMeasure: Measure = {
  name: 'changes',
  description: 'CLI pause/unpause → row state label updated in the page (p50/p95/max)',
  async run(ctx) {
    const fixtures = await ctx.fixtures();
    const page = await openReadyPage(ctx, fixtures.names.length);
    try {
      // Targets: bench containers whose rows are on screen now (the grid is virtualized).
      const benchNames = new Set(fixtures.names);
      const onScreen = await renderedRowLabels(page, CONTAINERS_GRID);
      let targets = onScreen.filter((n) => benchNames.has(n)).slice(0, TARGETS);
      if (targets.length === 0) {
        throw new Error(
          `no bench container row is on screen in the "${CONTAINERS_GRID.label}" table ` +
            `(rows seen: ${onScreen.slice(0, 5).join(', ') || 'none'})`,
        );
      }
      await ctx.cli(['start', ...targets]);
      for (const name of targets) await waitRowState(page, name, 'running', 15_000).catch(() => undefined);
      // Starting may re-sort the table (e.g. running first); keep the targets that are still on screen.
      const visibleNow = new Set(await renderedRowLabels(page, CONTAINERS_GRID));
      targets = targets.filter((n) => visibleNow.has(n));
      for (const name of targets) await waitRowState(page, name, 'running', 15_000);
      if (targets.length === 0) throw new Error('the started bench containers left the screen (table re-sorted?)');
      ctx.log(`changing ${targets.join(', ')}`);

      const paused = new Set<string>();
      const samples: ChangeSample[] = [];
      for (let i = 0; i < ctx.options.changes && !ctx.signal.aborted; i++) {
        const container = targets[i % targets.length] as string;
        const command = paused.has(container) ? 'unpause' : 'pause';
        const expected = command === 'pause' ? 'paused' : 'running';
        const { stateBefore } = await armStateWatch(page, CONTAINERS_GRID, container, expected);
        const cliStartAt = Date.now();
        await ctx.cli([command, container]);
        const cliEndAt = Date.now();
        if (command === 'pause') paused.add(container);
        else paused.delete(container);
        const staleBefore = stateBefore === expected;
        const seen = await waitStateWatch(page, CHANGE_TIMEOUT_MS);
        const sample: ChangeSample = {
          i,
          container,
          command,
          expected,
          cliStartAt,
          cliEndAt,
          seenAt: seen.seenAt,
          ms: staleBefore ? Number.NaN : seen.seenAt ? seen.seenAt - cliEndAt : Number.POSITIVE_INFINITY,
          missingRow: seen.missingRow,
          stateBefore,
          staleBefore,
        };
        samples.push(sample);
        if (staleBefore) {
          ctx.log(`change ${i + 1} (${command} ${container}): the row already showed "${expected}" before the command`);
        } else if (!seen.seenAt) {
          const info = await ctx.engine.getContainer(container).inspect();
          sample.engineStateAfter = info.State.Status;
          sample.rowStateAfter = await rowState(page, CONTAINERS_GRID, container);
          ctx.log(
            `change ${i + 1} (${command} ${container}) not seen within ${CHANGE_TIMEOUT_MS / 1000} s: ` +
              `engine says "${sample.engineStateAfter}", row shows ${JSON.stringify(sample.rowStateAfter)}`,
          );
          // Let the page catch up before the next change so one miss does not cascade (it may never).
          await waitRowState(page, container, expected, CHANGE_TIMEOUT_MS).catch(() => undefined);
        }
        await sleep(GAP_MS);
      }
      // Leave nothing paused (the harness force-removes the containers afterwards).
      if (paused.size) await ctx.cli(['unpause', ...paused], { allowFail: true });

      // Stale-before samples have no measurable latency; misses count as ∞.
      const ms = samples.filter((s) => !s.staleBefore).map((s) => s.ms);
      const stale = samples.filter((s) => s.staleBefore).length;
      const p50 = percentile(ms, 50);
      const p95 = percentile(ms, 95);
      const worst = max(ms);
      const missed = samples.filter((s) => !s.seenAt && !s.staleBefore).length;
      const early = samples.filter((s) => s.ms < 0).length;
      const cliMs = samples.map((s) => s.cliEndAt - s.cliStartAt);
      const notes = [
        `${samples.length} changes on ${targets.length} containers (${targets.join(', ')}); ` +
          `CLI command itself took p50 ${formatMs(percentile(cliMs, 50))}`,
      ];
      if (early) notes.push(`${early} change(s) reached the page before the CLI process exited (negative samples)`);
      if (stale) {
        notes.push(
          `${stale} change(s) not measurable: the row already showed the new state before the command ` +
            '(the page had missed the previous change)',
        );
      }
      if (missed) notes.push(`${missed} change(s) never showed within ${CHANGE_TIMEOUT_MS / 1000} s (counted as ∞)`);
      return {
        rows: [
          {
            measure: `CLI state change → row updated, p50 (${ms.length} changes)`,
            berth: formatMs(p50),
            cli: '—',
            target: 'info',
            pass: null,
          },
          {
            measure: 'CLI state change → row updated, p95',
            berth: formatMs(p95),
            cli: '—',
            target: `< ${P95_TARGET_MS} ms`,
            pass: p95 < P95_TARGET_MS,
          },
          {
            measure: `state changes never shown within ${CHANGE_TIMEOUT_MS / 1000} s (stale rows)`,
            berth: `${missed} of ${ms.length}`,
            cli: '—',
            target: '0',
            pass: missed === 0,
          },
          {
            measure: 'CLI state change → row updated, max',
            berth: formatMs(worst),
            cli: '—',
            target: 'info',
            pass: null,
          },
        ],
        samples: {
          latencyMs: ms.map((x) => (Number.isFinite(x) ? x : null)),
          staleBefore: stale,
          missed,
          cliCommandMs: cliMs,
          changes: samples,
          targets,
        },
        notes,
      };
    } finally {
      await page.close().catch(() => undefined);
    }
  },
};
