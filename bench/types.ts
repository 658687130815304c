import type Docker from 'dockerode';
import type { Page } from 'playwright-core';
import type { BenchFixtures } from './lib/fixtures';
import type { TimedRun } from './lib/cli';

/** One line of the summary table. */
export interface ResultRow {
  /** What was measured, e.g. "list 1,000 containers: load → table ready (median of 5)". */
  measure: string;
  /** Berth's figure, formatted (e.g. "412 ms"). */
  berth: string;
  /** The docker CLI's figure on the same engine in the same run, or "—". */
  cli: string;
  /** Ratio and/or target, e.g. "1.6× (≤ 2×)". */
  target: string;
  /** true = target met, false = MISSED, null = informational only. */
  pass: boolean | null;
}

/** What a measure hands back: table lines plus everything needed to recompute them. */
export interface MeasureResult {
  rows: ResultRow[];
  /** Raw samples (ms unless the key says otherwise) and any other data worth keeping. */
  samples: Record<string, unknown>;
  notes?: string[];
}

export interface WebServerHandle {
  /** URL including the `#token=` fragment. */
  url: string;
  origin: string;
  token: string;
  /** The server process, for memory readings (/proc/<pid>/status). */
  pid: number;
  stop(): Promise<void>;
}

export interface BrowserHandle {
  /** A fresh page (1400×860) in the shared headless Chromium; close it when done. */
  newPage(): Promise<Page>;
  version: string;
}

export interface BenchOptions {
  /** Number of bench containers to create (default 1000). */
  containers: number;
  /** Measured repetitions where a measure uses a fixed count (default 5). */
  repeats: number;
  /** Number of state changes for the `changes` measure (default 50). */
  changes: number;
}

/** Shared state handed to every measure. Expensive things are created lazily and once. */
export interface BenchContext {
  dockerHost: string;
  options: BenchOptions;
  /** Aborted on Ctrl+C / SIGTERM: long loops should stop early (the harness then cleans up). */
  signal: AbortSignal;
  /** Engine API client for the bench engine. */
  engine: Docker;
  /** Runs the docker CLI against the bench engine and times it (wall clock, process start to exit). */
  cli(args: string[], opts?: { allowFail?: boolean; timeoutMs?: number }): Promise<TimedRun>;
  /** Bench containers (label berth.bench=1), created on first use. */
  fixtures(): Promise<BenchFixtures>;
  /** The Berth web server (dist/server/web.cjs), started on first use. */
  web(): Promise<WebServerHandle>;
  /** Headless Chromium, launched on first use. */
  browser(): Promise<BrowserHandle>;
  log(msg: string): void;
}

/** A benchmark module: bench/measures/<name>.ts exports one of these. */
export interface Measure {
  /** Short id used with `--only`. */
  name: string;
  /** One-line description for `--help`. */
  description: string;
  run(ctx: BenchContext): Promise<MeasureResult>;
}
