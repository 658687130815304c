import type Docker from 'dockerode';
import type { Page } from 'playwright-core';
import { COMPOSE_LABELS } from '../../shared/compose-labels';
import { BENCH_IMAGE, BENCH_LABEL } from '../lib/fixtures';
import { mapPool } from '../lib/pool';
import { formatMs, max, median, min } from '../lib/stats';
import type { BenchContext, Measure } from '../types';
import { backToContainers, openApp } from './logs-common';

const PROJECTS = 50;
const SERVICES = 5;
/** Containers are `berth-bench-stk-p<i>-s<j>` and labelled berth.bench=1; projects `bench-p<i>`. */
const NAME_PREFIX = 'berth-bench-stk-';
const RATIO_TARGET = 2;
const READY_TIMEOUT_MS = 60_000;

async function benchStackContainers(engine: Docker): Promise<string[]> {
  const list = await engine.listContainers({ all: true, filters: { label: [`${BENCH_LABEL}=1`] } });
  return list.filter((c) => (c.Names ?? []).some((n) => n.startsWith(`/${NAME_PREFIX}`))).map((c) => c.Id);
}

/** Removes this measure's containers (and only those: label and name prefix both match). */
async function removeStackContainers(engine: Docker): Promise<number> {
  const ids = await benchStackContainers(engine);
  await mapPool(ids, 8, (id) => engine.getContainer(id).remove({ force: true }));
  return ids.length;
}

/** 50 × 5 created (never started) containers with compose's labels, as `docker create --label …` makes them. */
async function createStacks(engine: Docker, signal: AbortSignal): Promise<void> {
  const specs = Array.from({ length: PROJECTS * SERVICES }, (_, k) => ({
    p: Math.floor(k / SERVICES),
    s: k % SERVICES,
  }));
  await mapPool(
    specs,
    8,
    ({ p, s }) =>
      engine.createContainer({
        name: `${NAME_PREFIX}p${p}-s${s}`,
        Image: BENCH_IMAGE,
        Cmd: ['sleep', '3600'],
        Labels: {
          [BENCH_LABEL]: '1',
          [COMPOSE_LABELS.project]: `bench-p${p}`,
          [COMPOSE_LABELS.service]: `s${s}`,
          [COMPOSE_LABELS.number]: '1',
          [COMPOSE_LABELS.oneoff]: 'False',
        },
      }),
    signal,
  );
}

/**
 * From the Containers view (warm app): sets `#/stacks` and stamps, with a MutationObserver, the frame
 * in which the Stacks treegrid has a project row for each of the 50 bench projects.
 */
async function timeOpenStacks(page: Page): Promise<number> {
  return page.evaluate(
    ({ projects, timeoutMs }) =>
      new Promise<number>((resolve, reject) => {
        const startAt = performance.now();
        const timer = setTimeout(() => {
          obs.disconnect();
          reject(new Error(`the Stacks view did not show ${projects} bench projects within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        const check = (): void => {
          const tree = document.querySelector('[role="treegrid"][aria-label="Stacks"]');
          if (!tree) return;
          let n = 0;
          for (const tr of tree.querySelectorAll('tr[aria-level="1"]')) {
            if (/^bench-p\d+,/.test(tr.getAttribute('aria-label') ?? '')) n++;
          }
          if (n < projects) return;
          obs.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve(performance.now() - startAt));
        };
        const obs = new MutationObserver(check);
        obs.observe(document, { subtree: true, childList: true, attributes: true });
        window.location.hash = '#/stacks';
      }),
    { projects: PROJECTS, timeoutMs: READY_TIMEOUT_MS },
  );
}

/** Runs `fn` with the 50 × 5 bench stack containers in place (leftovers removed first), removing them after. */
async function withStacks<R>(ctx: BenchContext, fn: () => Promise<R>): Promise<R> {
  const left = await removeStackContainers(ctx.engine);
  if (left) ctx.log(`removed ${left} leftover stack containers`);
  const t0 = Date.now();
  try {
    await createStacks(ctx.engine, ctx.signal);
    ctx.log(`created ${PROJECTS * SERVICES} labelled containers in ${formatMs(Date.now() - t0)}`);
    return await fn();
  } finally {
    ctx.log(`removed ${await removeStackContainers(ctx.engine)} bench stack containers`);
  }
}

/**
 * 50 compose projects of 5 containers (made with labels, not compose): opening the Stacks view in the
 * running app until the 50 project rows are painted, vs `docker ps -a --filter label=…project` (v1
 * compose has no `ls`; that is what it would read).
 */
export const stacksOpenMeasure: Measure = {
  name: 'stacks-open',
  description: '50 projects × 5 containers: `docker ps -a --filter label=com.docker.compose.project` vs opening Stacks',
  async run(ctx) {
    return withStacks(ctx, async () => {
      const psArgs = ['ps', '-a', '--filter', `label=${COMPOSE_LABELS.project}`];
      const page = await openApp(ctx);
      const cliMs: number[] = [];
      const opens: number[] = [];
      try {
        // Samples interleaved after a warm-up round, so both see the same engine and machine load.
        for (let i = 0; i <= ctx.options.repeats && !ctx.signal.aborted; i++) {
          const c = await ctx.cli(psArgs);
          const o = await timeOpenStacks(page);
          await backToContainers(page, READY_TIMEOUT_MS);
          if (i === 0) {
            ctx.log(`warm-up: docker ps ${formatMs(c.ms)}, open Stacks ${formatMs(o)}`);
            continue;
          }
          const lines = c.stdout.split('\n').filter(Boolean).length - 1;
          ctx.log(`round ${i}: docker ps ${formatMs(c.ms)} (${lines} rows), open Stacks ${formatMs(o)}`);
          cliMs.push(c.ms);
          opens.push(o);
        }
      } finally {
        await page.close();
      }
      const cli = median(cliMs);
      const open = median(opens);
      return {
        rows: [
          {
            measure: `${PROJECTS} projects × ${SERVICES} containers: open Stacks in the running app → ${PROJECTS} project rows painted (median of ${opens.length})`,
            berth: formatMs(open),
            cli: formatMs(cli),
            target: `${(open / cli).toFixed(2)}× CLI (≤ ${RATIO_TARGET}×)`,
            pass: open / cli <= RATIO_TARGET,
          },
        ],
        samples: { berthOpenMs: opens, cliMs, projects: PROJECTS, servicesPerProject: SERVICES },
        notes: [
          `Open Stacks ${formatMs(min(opens))}–${formatMs(max(opens))}, \`docker ${psArgs.join(' ')}\` ${formatMs(min(cliMs))}–${formatMs(max(cliMs))}; ` +
            'docker-compose 1.29 has no `ls`, so the CLI side is the `docker ps` it would need. The app is warm (open on Containers); the Stacks view groups the live containers store.',
        ],
      };
    });
  },
};
