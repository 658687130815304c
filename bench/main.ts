/**
 * Berth benchmarks (`npm run bench` → scripts/bench.mjs bundles and runs this file).
 *
 *   node dist/bench/main.cjs [--only <name>[,<name>]] [--containers N] [--repeats N] [--changes N] [--list]
 *
 * Runs only against the engine in BERTH_BENCH_DOCKER_HOST (scripts/bench.mjs sets it to a private
 * engine it starts, unless you pass one). Every container created here carries the label
 * berth.bench=1 and is removed at start and end. Prints a table and writes
 * bench/results/<ISO timestamp>.json and bench/results/latest.json. Exits 0 even when a target is
 * missed (it is a measurement); exits 1 only when the harness itself cannot run.
 */
import Docker from 'dockerode';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { launchBenchBrowser } from './lib/browser';
import { runDocker } from './lib/cli';
import { createBenchContainers, removeBenchContainers, type BenchFixtures } from './lib/fixtures';
import { formatMs } from './lib/stats';
import { renderTable, verdict } from './lib/table';
import { startWebServer } from './lib/web';
import { measures } from './measures';
import type { BenchContext, BenchOptions, BrowserHandle, MeasureResult, ResultRow, WebServerHandle } from './types';

const HELP = `Usage: npm run bench -- [options]      (or: node scripts/bench.mjs [options])

  --only <name>      run only these measures (repeat or comma-separate)
  --containers <n>   bench containers to create (default 1000)
  --repeats <n>      measured repetitions for median figures (default 5)
  --changes <n>      state changes for the "changes" measure (default 50)
  --list             list the measures and exit

Measures:
${measures.map((m) => `  ${m.name.padEnd(12)} ${m.description}`).join('\n')}

Engine: BERTH_BENCH_DOCKER_HOST (scripts/bench.mjs starts a private one when unset).`;

const log = (msg: string): void => {
  process.stderr.write(`[bench] ${msg}\n`);
};

function intOption(value: string | undefined, name: string, def: number, min: number, max: number): number {
  if (value === undefined) return def;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`--${name} must be an integer from ${min} to ${max} (got "${value}")`);
  }
  return n;
}

function engineClient(dockerHost: string): Docker {
  const url = new URL(dockerHost);
  if (url.protocol === 'unix:') return new Docker({ socketPath: url.pathname });
  if (url.protocol === 'tcp:' || url.protocol === 'http:') {
    return new Docker({ host: url.hostname, port: Number(url.port || 2375), protocol: 'http' });
  }
  throw new Error(`BERTH_BENCH_DOCKER_HOST ${dockerHost}: only unix:// and tcp:// (no TLS) engines are supported`);
}

interface MeasureRecord {
  name: string;
  description: string;
  startedAt: string;
  durationMs: number;
  result?: MeasureResult;
  error?: string;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', multiple: true },
      containers: { type: 'string' },
      repeats: { type: 'string' },
      changes: { type: 'string' },
      list: { type: 'boolean' },
      // Used by scripts/bench.mjs to reject bad arguments before it starts an engine.
      'check-args': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.list) {
    for (const m of measures) console.log(`${m.name.padEnd(12)} ${m.description}`);
    return 0;
  }
  const options: BenchOptions = {
    containers: intOption(values.containers, 'containers', 1000, 1, 20_000),
    repeats: intOption(values.repeats, 'repeats', 5, 1, 100),
    changes: intOption(values.changes, 'changes', 50, 2, 10_000),
  };
  const only = (values.only ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const unknown = only.filter((n) => !measures.some((m) => m.name === n));
  if (unknown.length) {
    throw new Error(`unknown measure(s): ${unknown.join(', ')}; known: ${measures.map((m) => m.name).join(', ')}`);
  }
  const selected = only.length ? measures.filter((m) => only.includes(m.name)) : [...measures];
  if (values['check-args']) return 0;

  const dockerHost = process.env.BERTH_BENCH_DOCKER_HOST;
  if (!dockerHost) {
    throw new Error(
      'BERTH_BENCH_DOCKER_HOST is not set. Run the bench through `npm run bench` / `node scripts/bench.mjs` ' +
        '(it starts a private engine), or set BERTH_BENCH_DOCKER_HOST to an engine the bench may fill with ' +
        'containers labelled berth.bench=1.',
    );
  }
  const engine = engineClient(dockerHost);
  const [version, info] = await Promise.all([engine.version(), engine.info() as Promise<Record<string, unknown>>]);
  log(`engine ${version.Version} (API ${version.ApiVersion}) at ${dockerHost}`);

  const startedAt = new Date();
  const t0 = performance.now();

  // Lazily created shared resources; torn down in `finally`.
  let fixtures: Promise<BenchFixtures> | undefined;
  let web: Promise<WebServerHandle> | undefined;
  let browser: Promise<BrowserHandle & { close(): Promise<void> }> | undefined;

  const abort = new AbortController();
  const ctx: BenchContext = {
    dockerHost,
    signal: abort.signal,
    options,
    engine,
    cli: (args, opts) => runDocker(dockerHost, args, opts),
    fixtures: () =>
      (fixtures ??= (async () => {
        log(`creating ${options.containers} bench containers (Engine API, 8 at a time; setup, not measured)…`);
        const f = await createBenchContainers(engine, options.containers, abort.signal);
        log(`created ${f.names.length} containers in ${formatMs(f.createMs)}`);
        return f;
      })()),
    web: () => (web ??= startWebServer(dockerHost, log)),
    browser: () =>
      (browser ??= launchBenchBrowser().then((b) => {
        log(`browser: ${b.version}`);
        return b;
      })),
    log,
  };

  const records: MeasureRecord[] = [];
  let interrupted = false;
  let firstSignalAt = 0;
  const onSignal = (sig: NodeJS.Signals): void => {
    // Ctrl+C reaches both this process and scripts/bench.mjs, which forwards it: a repeat within
    // a second is the same keypress; a later one means "stop now, skip cleanup".
    if (interrupted) {
      if (Date.now() - firstSignalAt > 1000) process.exit(130);
      return;
    }
    interrupted = true;
    firstSignalAt = Date.now();
    abort.abort();
    log(`${sig}: stopping after the current step, then cleaning up (again to quit at once)`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const leftovers = await removeBenchContainers(engine);
    if (leftovers) log(`removed ${leftovers} leftover bench containers`);
    for (const m of selected) {
      if (interrupted) break;
      log(`── ${m.name}: ${m.description}`);
      const rec: MeasureRecord = {
        name: m.name,
        description: m.description,
        startedAt: new Date().toISOString(),
        durationMs: 0,
      };
      const mt0 = performance.now();
      try {
        rec.result = await m.run(ctx);
        abort.signal.throwIfAborted();
      } catch (e) {
        if (abort.signal.aborted) {
          delete rec.result;
          rec.error = 'interrupted';
          records.push(rec);
          break;
        }
        rec.error = e instanceof Error ? (e.stack ?? e.message) : String(e);
        log(`${m.name} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      rec.durationMs = Math.round(performance.now() - mt0);
      records.push(rec);
    }
  } finally {
    await Promise.allSettled([browser?.then((b) => b.close()), web?.then((w) => w.stop())]);
    try {
      const n = await removeBenchContainers(engine);
      if (n) log(`removed ${n} bench containers`);
    } catch (e) {
      log(`cleanup failed (remove containers labelled berth.bench=1 by hand): ${String(e)}`);
    }
  }

  // ---- report ------------------------------------------------------------
  const fixtureInfo = fixtures ? await fixtures.catch(() => undefined) : undefined;
  const rows: (ResultRow & { error?: boolean })[] = records.flatMap((r) =>
    r.result
      ? r.result.rows
      : [
          {
            measure: `${r.name}: ${r.error?.split('\n')[0] ?? 'failed'}`,
            berth: '—',
            cli: '—',
            target: '—',
            pass: false,
            error: true,
          },
        ],
  );
  const notes = records.flatMap((r) => (r.result?.notes ?? []).map((n) => `${r.name}: ${n}`));
  const cpus = os.cpus();
  const report = {
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    options,
    only: only.length ? only : undefined,
    interrupted,
    machine: {
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      memoryBytes: os.totalmem(),
      node: process.version,
      browser: browser ? await browser.then((b) => b.version).catch(() => undefined) : undefined,
    },
    engine: {
      dockerHost,
      version: version.Version,
      apiVersion: version.ApiVersion,
      os: version.Os,
      kernel: version.KernelVersion,
      storageDriver: info.Driver,
      ncpu: info.NCPU,
      memTotal: info.MemTotal,
    },
    setup: fixtureInfo
      ? { containers: fixtureInfo.names.length, createMs: Math.round(fixtureInfo.createMs) }
      : undefined,
    summary: rows.map((r) => ({ ...r, result: verdict(r.pass, r.error) })),
    measures: records,
  };

  console.log('');
  console.log(
    `Berth bench — ${report.machine.cpus} CPU (${report.machine.cpuModel}), ` +
      `${(report.machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, engine ${version.Version}, ` +
      `${fixtureInfo ? `${fixtureInfo.names.length} bench containers (created in ${formatMs(fixtureInfo.createMs)})` : 'no bench containers'}`,
  );
  console.log('');
  console.log(renderTable(rows));
  if (notes.length) {
    console.log('');
    for (const n of notes) console.log(`  * ${n}`);
  }
  const missed = rows.filter((r) => r.pass === false && !r.error);
  const failed = records.filter((r) => r.error);
  console.log('');
  if (missed.length) {
    console.log(`MISSED: ${missed.length} target(s) not met:`);
    for (const r of missed) console.log(`  MISSED  ${r.measure} — Berth ${r.berth} (${r.target})`);
  } else if (!failed.length) {
    console.log('All targets met.');
  }
  for (const r of failed) console.log(`ERROR: measure "${r.name}" did not complete: ${r.error?.split('\n')[0] ?? ''}`);

  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${startedAt.toISOString().replace(/:/g, '-')}.json`);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(file, json);
  writeFileSync(join(dir, 'latest.json'), json);
  console.log(`\nResults: ${file} (and bench/results/latest.json); total ${formatMs(report.durationMs)}`);
  return interrupted ? 130 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`cannot run: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
