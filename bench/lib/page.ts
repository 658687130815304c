import type { Page } from 'playwright-core';

/**
 * Browser-side probes. The functions passed to `page.addInitScript` / `page.evaluate` are serialized
 * by Playwright and run in the page, so they must be self-contained (no imports, no outer variables).
 * Timestamps are taken in the page with Date.now() at the moment a MutationObserver sees the change;
 * Node and Chromium run on the same machine, so they compare directly with Node's Date.now().
 */

/** How to find the containers grid and its rows (kept in one place so a UI change is one edit here). */
export interface GridSpec {
  /** Accessible name of the grid/table (`aria-label`). */
  label: string;
}

export interface ReadyState {
  /** Date.now() in the page when the ready condition first held (end of the DOM mutation batch). */
  readyAt: number;
  /** Date.now() in the next animation frame after readyAt (≈ the frame that shows it). */
  paintedAt: number;
  /** `document.querySelectorAll('[role=row], tr').length` at readyAt. */
  domRows: number;
  /** Data rows of the grid actually in the DOM at readyAt. */
  renderedDataRows: number;
  /** Rows the grid says it has (aria-rowcount − 1 header row) at readyAt. */
  gridRowCount: number;
  /** Where the time went (Date.now() values in the page; 0 = not seen). */
  phases: LoadPhases;
}

export interface LoadPhases {
  /** Navigation timing: HTML response received, DOMContentLoaded finished. */
  responseEndAt: number;
  domContentLoadedAt: number;
  /** The grid element first appeared (empty or loading). */
  gridFirstAt: number;
  /** The app's WebSocket opened. */
  wsOpenAt: number;
  /** The app sent its first `containers.list` request. */
  listRequestAt: number;
  /** The first big WebSocket message (the full container list) arrived, before the app handled it. */
  listReplyAt: number;
  listReplyBytes: number;
}

interface ReadyArgs {
  label: string;
  minRows: number;
}

const REPORT_BINDING = '__berthBenchReport';
const reports = new WeakMap<Page, Promise<ReadyState>>();

/**
 * Installed before any page script runs: records when the grid labelled `label` first knows at
 * least `minRows` rows (aria-rowcount − 1, i.e. the whole list, not only the rendered window) and
 * shows at least one data row.
 */
export async function installReadyProbe(page: Page, grid: GridSpec, minRows: number): Promise<void> {
  let report!: (state: ReadyState) => void;
  reports.set(page, new Promise<ReadyState>((resolve) => (report = resolve)));
  // The page reports by itself when it is ready: nothing polls it (a Playwright poll would inject its
  // selector engine into the page, ~20 ms of main-thread work, right in the middle of the load measured).
  await page.exposeBinding(REPORT_BINDING, (_source, state: ReadyState) => report(state));
  await page.addInitScript(
    (args: ReadyArgs) => {
      const w = window as unknown as {
        __berthBenchReady?: ReadyState | null;
        __berthBenchReport?: (state: ReadyState) => void;
        WebSocket: typeof WebSocket;
      };
      w.__berthBenchReady = null;
      const phases: LoadPhases = {
        responseEndAt: 0,
        domContentLoadedAt: 0,
        gridFirstAt: 0,
        wsOpenAt: 0,
        listRequestAt: 0,
        listReplyAt: 0,
        listReplyBytes: 0,
      };
      // Observe (not alter) the app's WebSocket: when it opens and when the big list reply lands.
      const bigMessage = Math.max(20_000, args.minRows * 100);
      const Original = w.WebSocket;
      w.WebSocket = class ProbedWebSocket extends Original {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          this.addEventListener('open', () => {
            if (!phases.wsOpenAt) phases.wsOpenAt = Date.now();
          });
          const send = this.send.bind(this);
          this.send = (data: string | ArrayBufferLike | Blob | ArrayBufferView) => {
            if (!phases.listRequestAt && typeof data === 'string' && data.includes('"containers.list"')) {
              phases.listRequestAt = Date.now();
            }
            send(data);
          };
          this.addEventListener('message', (e: MessageEvent) => {
            if (!phases.listReplyAt && typeof e.data === 'string' && e.data.length >= bigMessage) {
              phases.listReplyAt = Date.now();
              phases.listReplyBytes = e.data.length;
            }
          });
        }
      };
      const sel = `[role=grid][aria-label="${args.label}"], table[aria-label="${args.label}"], [role=table][aria-label="${args.label}"]`;
      const check = (): boolean => {
        const el = document.querySelector(sel);
        if (!el) return false;
        if (!phases.gridFirstAt) phases.gridFirstAt = Date.now();
        const count = Number(el.getAttribute('aria-rowcount') ?? '0') - 1;
        if (!(count >= args.minRows)) return false;
        const rendered = el.querySelectorAll(
          'tbody tr[aria-label], [role=row][aria-rowindex]:not([aria-rowindex="1"])',
        ).length;
        if (rendered === 0) return false;
        const state: ReadyState = {
          readyAt: Date.now(),
          paintedAt: 0,
          domRows: document.querySelectorAll('[role=row], tr').length,
          renderedDataRows: rendered,
          gridRowCount: count,
          phases,
        };
        w.__berthBenchReady = state;
        requestAnimationFrame(() => {
          state.paintedAt = Date.now();
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          if (nav) {
            phases.responseEndAt = Math.round(performance.timeOrigin + nav.responseEnd);
            if (nav.domContentLoadedEventEnd > 0) {
              phases.domContentLoadedAt = Math.round(performance.timeOrigin + nav.domContentLoadedEventEnd);
            }
          }
          w.__berthBenchReport?.(state);
        });
        return true;
      };
      const mo = new MutationObserver(() => {
        if (check()) mo.disconnect();
      });
      mo.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    },
    { label: grid.label, minRows },
  );
}

/** Waits until the ready probe fired and its frame was painted; returns its record. */
export async function waitReady(page: Page, timeoutMs: number): Promise<ReadyState> {
  const reported = reports.get(page);
  if (!reported) throw new Error('installReadyProbe was not called for this page');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the ready probe did not report within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([reported, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Labels (accessible names) of the grid's data rows currently in the DOM, top to bottom. */
export async function renderedRowLabels(page: Page, grid: GridSpec): Promise<string[]> {
  return page.evaluate((label: string) => {
    const el = document.querySelector(`[role=grid][aria-label="${label}"], table[aria-label="${label}"]`);
    if (!el) return [];
    return Array.from(el.querySelectorAll('tbody tr[aria-label]')).map((tr) => tr.getAttribute('aria-label') ?? '');
  }, grid.label);
}

export interface WatchResult {
  /** Date.now() in the page when the row's state label became `expected`; 0 while waiting. */
  seenAt: number;
  /** The row was not in the DOM at some check (virtualized away or removed). */
  missingRow: boolean;
}

interface WatchArgs {
  label: string;
  rowLabel: string;
  expected: string;
}

/**
 * Installs (once per page) a MutationObserver on the whole document and arms it for one row:
 * when the row labelled `rowLabel` shows the state label `expected` (case-insensitive text of its
 * `.state-badge`), it records Date.now(). Returns the row's state label at arming time (null when
 * the row is not in the DOM): if that already equals `expected`, the page was stale before the command.
 */
export async function armStateWatch(
  page: Page,
  grid: GridSpec,
  rowLabel: string,
  expected: string,
): Promise<{ stateBefore: string | null }> {
  return page.evaluate(
    (args: WatchArgs) => {
      type Watch = WatchArgs & WatchResult;
      const w = window as unknown as {
        __berthBenchWatch?: Watch | null;
        __berthBenchObserver?: MutationObserver;
        __berthBenchStateOf?: (label: string, rowLabel: string) => string | null;
      };
      if (!w.__berthBenchStateOf) {
        w.__berthBenchStateOf = (label: string, rowLabel: string): string | null => {
          const grid = document.querySelector(`[role=grid][aria-label="${label}"], table[aria-label="${label}"]`);
          if (!grid) return null;
          let row: Element | undefined;
          for (const tr of Array.from(grid.querySelectorAll('tbody tr[aria-label]'))) {
            if (tr.getAttribute('aria-label') === rowLabel) {
              row = tr;
              break;
            }
          }
          if (!row) return null;
          const badge = row.querySelector('.state-badge');
          return (badge?.textContent ?? '').trim().toLowerCase();
        };
      }
      const check = (): void => {
        const watch = w.__berthBenchWatch;
        if (!watch || watch.seenAt) return;
        const state = w.__berthBenchStateOf?.(watch.label, watch.rowLabel) ?? null;
        if (state === null) watch.missingRow = true;
        else if (state === watch.expected) watch.seenAt = Date.now();
      };
      if (!w.__berthBenchObserver) {
        w.__berthBenchObserver = new MutationObserver(check);
        w.__berthBenchObserver.observe(document, {
          subtree: true,
          childList: true,
          characterData: true,
          attributes: true,
        });
      }
      const stateBefore = w.__berthBenchStateOf(args.label, args.rowLabel);
      w.__berthBenchWatch = { ...args, expected: args.expected.toLowerCase(), seenAt: 0, missingRow: false };
      check();
      return { stateBefore };
    },
    { label: grid.label, rowLabel, expected },
  );
}

/** Waits for the armed watch to fire; returns its result (seenAt 0 after a timeout). */
export async function waitStateWatch(page: Page, timeoutMs: number): Promise<WatchResult> {
  try {
    const handle = await page.waitForFunction(
      () => {
        const w = (window as unknown as { __berthBenchWatch?: WatchResult | null }).__berthBenchWatch;
        return w && w.seenAt > 0 ? { seenAt: w.seenAt, missingRow: w.missingRow } : null;
      },
      undefined,
      { timeout: timeoutMs, polling: 20 },
    );
    return (await handle.jsonValue()) as WatchResult;
  } catch {
    const last = await page.evaluate(() => {
      const w = (window as unknown as { __berthBenchWatch?: WatchResult | null }).__berthBenchWatch;
      return { seenAt: w?.seenAt ?? 0, missingRow: w?.missingRow ?? true };
    });
    return last;
  }
}

/** Current state label of a row (lower case), or null when the row is not in the DOM. */
export async function rowState(page: Page, grid: GridSpec, rowLabel: string): Promise<string | null> {
  return page.evaluate(
    ({ label, rowLabel: name }: { label: string; rowLabel: string }) => {
      const grid = document.querySelector(`[role=grid][aria-label="${label}"], table[aria-label="${label}"]`);
      const row = Array.from(grid?.querySelectorAll('tbody tr[aria-label]') ?? []).find(
        (tr) => tr.getAttribute('aria-label') === name,
      );
      if (!row) return null;
      return (row.querySelector('.state-badge')?.textContent ?? '').trim().toLowerCase();
    },
    { label: grid.label, rowLabel },
  );
}
