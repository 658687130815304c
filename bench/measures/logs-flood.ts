import { performance } from 'node:perf_hooks';
import { formatMs, max, median, percentile } from '../lib/stats';
import type { Measure } from '../types';
import { openApp, receivedCount, runLogContainer } from './logs-common';

const LINES = 500_000;
const LATENCY_TARGET_MS = 100;
const HEAP_TARGET_MB = 300;
const FLOOD_TIMEOUT_MS = 180_000;

/**
 * Follow a flood: a container prints 500,000 lines as fast as it can while its Logs tab follows.
 * During the flood, clicks on the "Timestamps" toggle are timed from the click (sent through the
 * browser's input pipeline) to the toggled state painted: p95 must stay under 100 ms. At the end the
 * renderer's JS heap (after GC, via CDP) must be under 300 MB and the viewer must have received every line.
 */
export const logsFloodMeasure: Measure = {
  name: 'logs-flood',
  description: 'follow a 500,000-line flood: click latency p95, renderer heap, lines received',
  async run(ctx) {
    const page = await openApp(ctx);
    // The flood starts 3 s after the container does, once its Logs tab is open and following.
    const { id, name } = await runLogContainer(ctx, 'logs-flood', `sleep 3; seq 1 ${LINES}; sleep 3600`);
    try {
      await page.evaluate((cid) => {
        window.location.hash = `#/containers/${cid}/logs`;
      }, id);
      const toggle = page.getByRole('button', { name: 'Timestamps' });
      await toggle.waitFor();
      await page.getByText('Following').waitFor({ timeout: 30_000 });
      const waitUntil = Date.now() + 30_000;
      while ((await receivedCount(page)) === 0 && !ctx.signal.aborted) {
        if (Date.now() > waitUntil) throw new Error('the flood did not start within 30 s');
        await new Promise((r) => setTimeout(r, 20));
      }
      // Long tasks (> 50 ms) on the renderer's main thread during the flood: where click latency comes from.
      await page.evaluate(() => {
        const w = window as unknown as { __longTasks: number[] };
        w.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__longTasks.push(Math.round(e.duration));
        }).observe({ type: 'longtask', buffered: false });
      });
      const t0 = performance.now();
      const latencies: number[] = [];
      let received = 0;
      let doneAt = 0;
      while (!ctx.signal.aborted && performance.now() - t0 < FLOOD_TIMEOUT_MS) {
        const before = await toggle.getAttribute('aria-pressed');
        const box = await toggle.boundingBox();
        if (!box) throw new Error('Timestamps button not on screen');
        // Arm a probe in the page first (awaited: input events can overtake a pending evaluate), then click;
        // the probe resolves on the frame after aria-pressed flips.
        await page.evaluate((prev) => {
          const w = window as unknown as { __logsProbe?: Promise<number> };
          w.__logsProbe = new Promise<number>((resolve) => {
            const btn = document.querySelector('button[aria-label="Timestamps"]');
            if (!btn) return resolve(-1);
            // A click that never takes effect counts as 10 s.
            const timer = setTimeout(() => {
              obs.disconnect();
              resolve(Date.now());
            }, 10_000);
            const obs = new MutationObserver(() => {
              if (btn.getAttribute('aria-pressed') === prev) return;
              obs.disconnect();
              clearTimeout(timer);
              requestAnimationFrame(() => resolve(Date.now()));
            });
            obs.observe(btn, { attributes: true, attributeFilter: ['aria-pressed'] });
          });
        }, before);
        const clickAt = Date.now();
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        const paintedAt = await page.evaluate(
          () => (window as unknown as { __logsProbe: Promise<number> }).__logsProbe,
        );
        latencies.push(paintedAt - clickAt);
        received = await receivedCount(page);
        if (received >= LINES) {
          doneAt = performance.now();
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      const floodMs = doneAt ? doneAt - t0 : NaN;
      const lastRow = await page
        .locator('[role=log] .log-row .log-text')
        .last()
        .innerText()
        .catch(() => '');
      const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
      const heapMb = heap.usedSize / (1024 * 1024);
      const cli = await ctx.cli(['logs', name], { timeoutMs: 120_000 });
      const cliLines = cli.stdout.split('\n').filter(Boolean).length;
      const p95 = percentile(latencies, 95);
      return {
        rows: [
          {
            measure: `500k-line flood: click → painted, p95 of ${latencies.length} clicks`,
            berth: formatMs(p95),
            cli: '—',
            target: `< ${LATENCY_TARGET_MS} ms`,
            pass: latencies.length > 0 && p95 < LATENCY_TARGET_MS,
          },
          {
            measure: 'renderer JS heap after the flood (after GC)',
            berth: `${heapMb.toFixed(0)} MB`,
            cli: '—',
            target: `< ${HEAP_TARGET_MB} MB`,
            pass: heapMb < HEAP_TARGET_MB,
          },
          {
            measure: 'lines received by the viewer (no line lost)',
            berth: received.toLocaleString('en-US'),
            cli: cliLines.toLocaleString('en-US'),
            target: `= ${LINES.toLocaleString('en-US')}`,
            pass: received === LINES && lastRow === String(LINES),
          },
          {
            measure: 'flood → all lines in the viewer vs `docker logs` (whole log)',
            berth: Number.isNaN(floodMs) ? 'timeout' : formatMs(floodMs),
            cli: formatMs(cli.ms),
            target: 'info',
            pass: null,
          },
        ],
        samples: {
          longTasksMs: longTasks,
          latenciesMs: latencies,
          heapUsedBytes: heap.usedSize,
          received,
          floodMs,
          cliMs: cli.ms,
          lastRow,
        },
        notes: [
          `click latency median ${formatMs(median(latencies))}, max ${formatMs(max(latencies))}; last row shown: "${lastRow}"`,
          `renderer long tasks during the flood: ${longTasks.length}, longest ${formatMs(max(longTasks.length ? longTasks : [0]))}, ` +
            `total ${formatMs(longTasks.reduce((a, b) => a + b, 0))}`,
        ],
      };
    } finally {
      await page.close();
    }
  },
};
