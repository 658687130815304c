import type Docker from 'dockerode';
import { BENCH_IMAGE } from '../lib/fixtures';
import type { Page } from 'playwright-core';
import { installReadyProbe, waitReady, type ReadyState } from '../lib/page';
import { mapPool } from '../lib/pool';
import { formatMs, max, median, min } from '../lib/stats';
import type { BenchContext, Measure } from '../types';
import { openApp } from './logs-common';

const TAGS = 2000;
/** Every bench tag is `berth-bench-images/t<n>:v1`: found and removed by this prefix, never anything else. */
const REPO_PREFIX = 'berth-bench-images/t';
const READY_TIMEOUT_MS = 60_000;
const RATIO_TARGET = 2;
const IMAGES_GRID = { label: 'Images' };

function benchRefs(): string[] {
  return Array.from({ length: TAGS }, (_, i) => `${REPO_PREFIX}${String(i).padStart(4, '0')}:v1`);
}

/** Bench tags present on the engine (from an earlier interrupted run too). */
async function existingBenchTags(engine: Docker): Promise<string[]> {
  const images = await engine.listImages({ filters: JSON.stringify({ reference: [`${REPO_PREFIX}*`] }) });
  return images.flatMap((i) => (i.RepoTags ?? []).filter((t) => t.startsWith(REPO_PREFIX)));
}

/** Untags (never deletes: the bench image keeps its own tag) every bench tag. */
async function removeBenchTags(engine: Docker, signal?: AbortSignal): Promise<number> {
  const tags = await existingBenchTags(engine);
  await mapPool(tags, 16, (t) => engine.getImage(t).remove({ noprune: true }), signal);
  return tags.length;
}

interface LoadSample extends ReadyState {
  startAt: number;
  ms: number;
  domMs: number;
}

/** One cold page (new tab) straight into #/images, to the Images table knowing every row, painted. */
async function loadImagesPage(ctx: BenchContext, minRows: number): Promise<LoadSample> {
  const [web, browser] = await Promise.all([ctx.web(), ctx.browser()]);
  const page = await browser.newPage();
  try {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // The token normally arrives in the URL fragment, which the app then clears (and with it the route):
    // hand it over in session storage instead, as a reload does, so the page opens on #/images.
    await page.addInitScript((token: string) => window.sessionStorage.setItem('berth.token', token), web.token);
    await installReadyProbe(page, IMAGES_GRID, minRows);
    const startAt = Date.now();
    await page.goto(`${web.origin}/#/images`, { waitUntil: 'commit' });
    const ready = await waitReady(page, READY_TIMEOUT_MS).catch((e: unknown) => {
      throw new Error(
        `the Images table did not show ${minRows}+ rows within ${READY_TIMEOUT_MS / 1000} s` +
          `${problems.length ? ` (${problems.slice(0, 3).join('; ')})` : ''}: ` +
          `${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      );
    });
    return { ...ready, startAt, ms: ready.paintedAt - startAt, domMs: ready.readyAt - startAt };
  } finally {
    await page.close();
  }
}

interface NavSample {
  startAt: number;
  readyAt: number;
  paintedAt: number;
  rowCount: number;
  domRows: number;
}

/**
 * In a warm app on #/containers: one more bench tag is made (so only a fresh list can show it), then
 * the hash changes to #/images; done when the Images table knows `minRows`+ rows, shows a data row,
 * and that frame is painted. Back to #/containers afterwards.
 */
async function navigateToImages(ctx: BenchContext, page: Page, ref: string, minRows: number): Promise<NavSample> {
  const colon = ref.lastIndexOf(':');
  await ctx.engine.getImage(BENCH_IMAGE).tag({ repo: ref.slice(0, colon), tag: ref.slice(colon + 1) });
  const s = await page.evaluate(
    ({ label, minRows, timeoutMs }) =>
      new Promise<NavSample>((resolve, reject) => {
        const sel = `[role=grid][aria-label="${label}"], table[aria-label="${label}"]`;
        const startAt = Date.now();
        const timer = setTimeout(() => {
          obs.disconnect();
          reject(new Error(`the Images table did not show ${minRows}+ rows within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        const obs = new MutationObserver(() => {
          const el = document.querySelector(sel);
          const rowCount = Number(el?.getAttribute('aria-rowcount') ?? '0') - 1;
          if (!el || rowCount < minRows) return;
          if (!el.querySelector('tbody tr[aria-label], [role=row][aria-rowindex]:not([aria-rowindex="1"])')) return;
          const readyAt = Date.now();
          const domRows = document.querySelectorAll('[role=row], tr').length;
          obs.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve({ startAt, readyAt, paintedAt: Date.now(), rowCount, domRows }));
        });
        obs.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        window.location.hash = '#/images';
      }),
    { label: IMAGES_GRID.label, minRows, timeoutMs: READY_TIMEOUT_MS },
  );
  await page.evaluate(() => {
    window.location.hash = '#/containers';
  });
  await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: READY_TIMEOUT_MS });
  return s;
}

/**
 * 2,000 tagged images (tags of the bench image, made through the API in parallel and untagged at the
 * end): `docker images` wall time vs Berth from page load to the Images table knowing every row, painted.
 */
export const imagesListMeasure: Measure = {
  name: 'images',
  description:
    '2,000 tagged images: `docker images` vs Berth opening Images (in the running app, and from a cold start)',
  async run(ctx) {
    const leftovers = await removeBenchTags(ctx.engine);
    if (leftovers) ctx.log(`removed ${leftovers} leftover bench image tags`);
    const image = ctx.engine.getImage(BENCH_IMAGE);
    await image.inspect();
    const t0 = Date.now();
    try {
      await mapPool(
        benchRefs(),
        16,
        (ref) => {
          const colon = ref.lastIndexOf(':');
          return image.tag({ repo: ref.slice(0, colon), tag: ref.slice(colon + 1) });
        },
        ctx.signal,
      );
      ctx.log(`tagged ${TAGS} images in ${formatMs(Date.now() - t0)}`);

      // Every row the Images view has: one per tag, plus untagged images.
      const all = await ctx.engine.listImages();
      const rows = all.reduce(
        (n, i) => n + Math.max(1, (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>').length),
        0,
      );

      await ctx.cli(['images']);
      const cliMs: number[] = [];
      for (let i = 0; i < ctx.options.repeats; i++) cliMs.push((await ctx.cli(['images'])).ms);
      const cli = median(cliMs);
      ctx.log(`docker images: median ${formatMs(cli)} over ${cliMs.length} (${rows} rows)`);

      const warmup = await loadImagesPage(ctx, TAGS);
      ctx.log(`warm-up load: ${formatMs(warmup.ms)}`);
      const loads: LoadSample[] = [];
      for (let i = 0; i < ctx.options.repeats && !ctx.signal.aborted; i++) {
        const s = await loadImagesPage(ctx, TAGS);
        ctx.log(
          `load ${i + 1}: ${formatMs(s.ms)} (DOM ${formatMs(s.domMs)}), ${s.gridRowCount} rows, ${s.domRows} DOM rows`,
        );
        loads.push(s);
      }
      const ms = loads.map((s) => s.ms);
      const m = median(ms);

      // The everyday case: the app is open and the user goes to Images. Each visit adds a tag first.
      const page = await openApp(ctx);
      const navs: NavSample[] = [];
      let expected = rows;
      try {
        for (let i = 0; i <= ctx.options.repeats && !ctx.signal.aborted; i++) {
          const s = await navigateToImages(ctx, page, `${REPO_PREFIX}nav${i}:v1`, ++expected);
          const took = s.paintedAt - s.startAt;
          if (i === 0) ctx.log(`in-app navigation warm-up: ${formatMs(took)}`);
          else {
            ctx.log(`navigation ${i}: ${formatMs(took)}, ${s.rowCount} rows, ${s.domRows} DOM rows`);
            navs.push(s);
          }
        }
      } finally {
        await page.close();
      }
      const navMs = navs.map((s) => s.paintedAt - s.startAt);
      const nav = median(navMs);
      const ratio = nav / cli;

      // The same page load without the bench tags: what the 2,000 rows themselves cost.
      const untagged = await removeBenchTags(ctx.engine, ctx.signal);
      ctx.log(`removed ${untagged} bench image tags; baseline loads`);
      const baseRows = (await ctx.engine.listImages()).length > 0 ? 1 : 0;
      const base: LoadSample[] = [];
      for (let i = 0; i < ctx.options.repeats && !ctx.signal.aborted && baseRows > 0; i++) {
        const s = await loadImagesPage(ctx, baseRows);
        ctx.log(`baseline load ${i + 1}: ${formatMs(s.ms)}, ${s.gridRowCount} rows`);
        base.push(s);
      }
      const baseMs = base.map((s) => s.ms);
      return {
        rows: [
          {
            measure: `${rows.toLocaleString('en-US')} image rows (${TAGS.toLocaleString('en-US')} bench tags): open Images in the running app → table ready with a fresh list (median of ${navs.length})`,
            berth: formatMs(nav),
            cli: formatMs(cli),
            target: `${ratio.toFixed(2)}× CLI (≤ ${RATIO_TARGET}×)`,
            pass: ratio <= RATIO_TARGET,
          },
          {
            measure: `The same rows from a cold start: new tab on #/images → table ready (median of ${loads.length})`,
            berth: formatMs(m),
            cli: formatMs(cli),
            target: `${(m / cli).toFixed(2)}× CLI (app start-up included)`,
            pass: null,
          },
          {
            measure: `Same page load without the bench tags (${base[0]?.gridRowCount ?? '?'} rows; median of ${base.length})`,
            berth: base.length ? formatMs(median(baseMs)) : '—',
            cli: '—',
            target: base.length ? `2,000 rows add ${formatMs(m - median(baseMs))}` : 'informational',
            pass: null,
          },
          {
            measure: 'Images: DOM rows rendered at ready ([role=row], tr)',
            berth: String(max([...loads.map((s) => s.domRows), ...navs.map((s) => s.domRows)])),
            cli: '—',
            target: '< 100',
            pass: max([...loads.map((s) => s.domRows), ...navs.map((s) => s.domRows)]) < 100,
          },
        ],
        samples: {
          berthNavigationMs: navMs,
          berthLoadMs: ms,
          berthLoadDomMs: loads.map((s) => s.domMs),
          berthWarmupMs: warmup.ms,
          baselineLoadMs: baseMs,
          cliMs,
          imageRows: rows,
          gridRowCounts: loads.map((s) => s.gridRowCount),
        },
        notes: [
          `In-app navigation (#/containers → #/images in a warm page; a new tag made before each visit, so a ` +
            `cached list cannot pass): range ${formatMs(min(navMs))}–${formatMs(max(navMs))}`,
          `Images page load range ${formatMs(min(ms))}–${formatMs(max(ms))}; each load is a new tab opened on #/images ` +
            '(token in session storage), after a warm-up load; `docker images` after a warm-up run',
        ],
      };
    } finally {
      const removed = await removeBenchTags(ctx.engine);
      ctx.log(`removed ${removed} bench image tags`);
    }
  },
};
