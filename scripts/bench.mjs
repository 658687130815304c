#!/usr/bin/env node
// Berth benchmarks (`npm run bench` runs it after `npm run build`; it never builds the app).
//
//   node scripts/bench.mjs [--only <name>] [--containers N] [--repeats N] [--changes N] [--list]
//
// Bundles bench/main.ts with esbuild into dist/bench/main.cjs and runs it.
//
// Engine selection (never a user's real engine by default):
//   BERTH_BENCH_DOCKER_HOST set -> that engine is used as is (never started/stopped here); the bench
//                                  creates and removes containers labelled berth.bench=1 on it
//   otherwise                   -> `scripts/engine.sh start` with BERTH_ENGINE_DIR=/tmp/berth-engine-bench,
//                                  stopped again at the end (also on failure or Ctrl+C) unless it
//                                  was already running before
//
// Registry (for the registry-pull measure): BERTH_BENCH_REGISTRY=host:port as is, otherwise
// `scripts/registry.sh start` with its own dir and ports (127.0.0.1:5010, auth :5011), stopped at the
// end unless it was already running.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const engineScript = join(root, 'scripts', 'engine.sh');
const registryScript = join(root, 'scripts', 'registry.sh');
const registryEnv = { ...process.env, BERTH_REGISTRY_DIR: '/tmp/berth-registry-bench', BERTH_REGISTRY_PORT: '5010' };
let registryToStop = false;
function stopRegistry() {
  if (!registryToStop) return;
  registryToStop = false;
  spawnSync('bash', [registryScript, 'stop'], { env: registryEnv, stdio: ['ignore', 'inherit', 'inherit'] });
}
const outfile = join(root, 'dist', 'bench', 'main.cjs');
const args = process.argv.slice(2);
const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const infoOnly = args.some((a) => a === '--help' || a === '-h' || a === '--list');

const engineEnv = { ...process.env, BERTH_ENGINE_DIR: '/tmp/berth-engine-bench' };
delete engineEnv.DOCKER_CONTEXT;

let engineToStop = false;
let engineStopped = false;
function stopEngine() {
  if (!engineToStop || engineStopped) return;
  engineStopped = true;
  log(`stopping private bench engine (${engineEnv.BERTH_ENGINE_DIR})`);
  spawnSync('bash', [engineScript, 'stop'], { env: engineEnv, stdio: ['ignore', 'inherit', 'inherit'] });
}

let child = null;
let interrupted = null;
function onSignal(sig) {
  if (interrupted) {
    if (child) child.kill('SIGKILL');
    return;
  }
  interrupted = sig;
  log(`${sig} received; stopping the bench (it cleans up its containers first)`);
  if (child) child.kill(sig);
  else {
    stopEngine();
    process.exit(130);
  }
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('SIGHUP', onSignal);
// Last resort: never leave our engine running.
process.on('exit', () => {
  stopRegistry();
  stopEngine();
});

function finish(code) {
  stopRegistry();
  stopEngine();
  process.exit(code);
}

// ---- bundle ---------------------------------------------------------------
try {
  await build({
    entryPoints: [join(root, 'bench', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
} catch (e) {
  log(`could not bundle bench/main.ts: ${e instanceof Error ? e.message : String(e)}`);
  finish(1);
}

// Reject bad arguments before starting an engine.
if (!infoOnly) {
  const check = spawnSync(process.execPath, [outfile, '--check-args', ...args], { cwd: root, stdio: 'inherit' });
  if (check.status !== 0) finish(check.status ?? 1);
}

// ---- engine ---------------------------------------------------------------
let dockerHost = process.env.BERTH_BENCH_DOCKER_HOST;
if (infoOnly) {
  dockerHost = dockerHost || 'unix:///nonexistent';
} else if (dockerHost) {
  log(`using engine from BERTH_BENCH_DOCKER_HOST: ${dockerHost}`);
} else {
  const wasRunning = spawnSync('bash', [engineScript, 'status'], { env: engineEnv, stdio: 'ignore' }).status === 0;
  log(`${wasRunning ? 'reusing' : 'starting'} private bench engine (${engineEnv.BERTH_ENGINE_DIR})`);
  engineToStop = !wasRunning;
  const r = spawnSync('bash', [engineScript, 'start'], {
    env: engineEnv,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (interrupted) finish(130);
  const line = (r.stdout ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('export DOCKER_HOST='))
    .pop();
  if (r.status !== 0 || !line) {
    log(`could not start the private bench engine (scripts/engine.sh start exited ${r.status ?? r.signal}).`);
    log('Set BERTH_BENCH_DOCKER_HOST to an engine the bench may fill with containers labelled berth.bench=1.');
    finish(1);
  }
  dockerHost = line.slice('export DOCKER_HOST='.length);
  log(`DOCKER_HOST=${dockerHost}`);
}

// ---- registry -------------------------------------------------------------
let benchRegistry = process.env.BERTH_BENCH_REGISTRY;
if (!infoOnly && !benchRegistry) {
  const wasRunning = spawnSync('bash', [registryScript, 'status'], { env: registryEnv, stdio: 'ignore' }).status === 0;
  const r = spawnSync('bash', [registryScript, 'start'], {
    env: registryEnv,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  const m = /^export BERTH_TEST_REGISTRY=(.*)$/m.exec(r.stdout ?? '');
  if (r.status === 0 && m) {
    registryToStop = !wasRunning;
    benchRegistry = m[1].trim();
    log(`registry at ${benchRegistry}`);
  } else {
    log('could not start the bench registry (scripts/registry.sh); the registry-pull measure will fail');
  }
}

// ---- run ------------------------------------------------------------------
const benchEnv = { ...process.env, BERTH_BENCH_DOCKER_HOST: dockerHost };
if (benchRegistry) benchEnv.BERTH_BENCH_REGISTRY = benchRegistry;
// The bench talks only to BERTH_BENCH_DOCKER_HOST; keep anything else from redirecting its CLI calls.
delete benchEnv.DOCKER_CONTEXT;
delete benchEnv.DOCKER_HOST;
child = spawn(process.execPath, ['--enable-source-maps', outfile, ...args], {
  cwd: root,
  env: benchEnv,
  stdio: 'inherit',
});
child.on('error', (e) => {
  log(`could not run the bench: ${e.message}`);
  finish(1);
});
child.on('exit', (code, signal) => {
  child = null;
  finish(code ?? (signal ? 130 : 1));
});
