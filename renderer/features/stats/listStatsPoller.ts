import type { ContainerStats } from '../../../shared/models';

/**
 * Polls one-shot stats for the running rows on screen: one request for all of them, at most once a
 * second (counted between request starts, and never while one is in flight), nothing while the page
 * is hidden or no row is on screen. Each container sample costs the engine the same whether it is
 * streamed or one-shot, so the period also keeps a budget of about `samplesPerSecond` container
 * samples per second: 1 s for up to 8 rows, 2 s for 16, never slower than `maxIntervalMs` (3 s).
 * No DOM, no React: unit-tested with fake timers in test/unit/stats/listStatsPoller.test.ts;
 * `useListStats` wires it to the page.
 */

export interface StatsPollerOptions {
  fetch: (ids: string[]) => Promise<ContainerStats[]>;
  /** Samples of the ids asked for (stopped ones are missing). */
  onData: (samples: ContainerStats[], asked: string[]) => void;
  onError?: (err: unknown) => void;
  /** Shortest period (default 1000 ms). */
  intervalMs?: number;
  /** Engine sample budget that stretches the period for many rows (default 8/s). */
  samplesPerSecond?: number;
  /** Longest period, however many rows (default 3000 ms). */
  maxIntervalMs?: number;
  /** Ids per request (the contract's limit). */
  maxIds?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class StatsPoller {
  private ids: string[] = [];
  private hidden = false;
  private stopped = false;
  private inFlight = false;
  private timer: unknown;
  private lastStart = -Infinity;
  private readonly intervalMs: number;
  private readonly samplesPerSecond: number;
  private readonly maxIntervalMs: number;
  private readonly maxIds: number;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly opts: StatsPollerOptions) {
    this.intervalMs = opts.intervalMs ?? 1000;
    this.samplesPerSecond = opts.samplesPerSecond ?? 8;
    this.maxIntervalMs = Math.max(this.intervalMs, opts.maxIntervalMs ?? 3000);
    this.maxIds = opts.maxIds ?? 100;
    this.now = opts.now ?? Date.now;
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** The running rows on screen now. */
  setIds(ids: readonly string[]): void {
    this.ids = ids.slice(0, this.maxIds);
    this.schedule();
  }

  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    if (hidden) this.cancelTimer();
    else this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer();
  }

  /** True while a request or a timer is pending (for tests). */
  get active(): boolean {
    return this.inFlight || this.timer !== undefined;
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
  }

  /** Period for `n` ids: the sample budget, between intervalMs and maxIntervalMs. */
  periodFor(n: number): number {
    const budget = (n / this.samplesPerSecond) * 1000;
    return Math.min(this.maxIntervalMs, Math.max(this.intervalMs, budget));
  }

  private schedule(): void {
    if (this.stopped || this.hidden || this.inFlight || this.timer !== undefined || this.ids.length === 0) return;
    const wait = Math.max(0, this.lastStart + this.periodFor(this.ids.length) - this.now());
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      void this.run();
    }, wait);
  }

  private async run(): Promise<void> {
    if (this.stopped || this.hidden || this.ids.length === 0) return;
    const asked = this.ids;
    this.inFlight = true;
    this.lastStart = this.now();
    try {
      const samples = await this.opts.fetch(asked);
      if (!this.stopped) this.opts.onData(samples, asked);
    } catch (err) {
      if (!this.stopped) this.opts.onError?.(err);
    } finally {
      this.inFlight = false;
    }
    this.schedule();
  }
}
