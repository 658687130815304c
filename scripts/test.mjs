#!/usr/bin/env node
// Berth test runner (`npm test` runs it after `npm run build`; it never builds).
//
//   node scripts/test.mjs [vitest args...]      e.g. --project unit, --project integration, a file filter
//
// Engine selection:
//   BERTH_TEST_DOCKER_HOST set  -> tests use that engine as is (never started/stopped here)
//   otherwise                   -> `scripts/engine.sh start` with BERTH_ENGINE_DIR
//                                  (default /tmp/berth-engine-test); stopped again at the end
//                                  unless it was already running before.
//   `--project unit` only       -> no engine at all (DOCKER_HOST is removed from the env).
//
// Registries: unless BERTH_TEST_REGISTRY is set, `scripts/registry.sh start` runs Debian's
// docker-registry on 127.0.0.1:5000 (open) and :5001 (htpasswd) for any run that needs the engine,
// and stops it at the end unless it was already running. Vitest gets BERTH_TEST_REGISTRY,
// BERTH_TEST_REGISTRY_AUTH, BERTH_TEST_REGISTRY_USER and BERTH_TEST_REGISTRY_PASSWORD.
//
// Podman: unless BERTH_TEST_PODMAN_HOST is set, `scripts/podman.sh start` runs `podman system service`
// on a private socket (state in BERTH_PODMAN_DIR, default /tmp/berth-podman) for any run that needs
// the engine, when `podman` is installed, and stops it at the end unless it was already running.
// Vitest gets BERTH_TEST_PODMAN_HOST (unset: the Podman tests skip themselves).
//
// Vitest gets DOCKER_HOST=<private socket> and BERTH_TEST_ENGINE=1. The last line printed is
// `Tests: N passed, N failed, N skipped`; the exit code is vitest's.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const engineScript = join(root, 'scripts', 'engine.sh');
const registryScript = join(root, 'scripts', 'registry.sh');
const podmanScript = join(root, 'scripts', 'podman.sh');
const vitestBin = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const args = process.argv.slice(2);
const log = (msg) => process.stderr.write(`[test] ${msg}\n`);

/** Projects named with --project X / --project=X (empty = all). */
function selectedProjects(argv) {
  const out = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--project' && i + 1 < argv.length) out.push(argv[++i]);
    else if (a.startsWith('--project=')) out.push(a.slice('--project='.length));
  }
  return out;
}

const projects = selectedProjects(args);
const needsEngine = !(projects.length > 0 && projects.every((p) => p === 'unit'));

const engineEnv = {
  ...process.env,
  BERTH_ENGINE_DIR: process.env.BERTH_ENGINE_DIR || '/tmp/berth-engine-test',
};

let engineToStop = false;
let engineStopped = false;
function stopEngine() {
  if (!engineToStop || engineStopped) return;
  engineStopped = true;
  log(`stopping private engine (${engineEnv.BERTH_ENGINE_DIR})`);
  spawnSync('bash', [engineScript, 'stop'], { env: engineEnv, stdio: ['ignore', 'inherit', 'inherit'] });
}

let registryToStop = false;
function stopRegistry() {
  if (!registryToStop) return;
  registryToStop = false;
  log('stopping test registries');
  spawnSync('bash', [registryScript, 'stop'], { stdio: ['ignore', 'inherit', 'inherit'] });
}

let podmanToStop = false;
function stopPodman() {
  if (!podmanToStop) return;
  podmanToStop = false;
  log('stopping test podman service');
  spawnSync('bash', [podmanScript, 'stop'], { stdio: ['ignore', 'inherit', 'inherit'] });
}

let child = null;
let interrupted = null;
function onSignal(sig) {
  if (interrupted) {
    // Second signal: stop waiting politely.
    if (child) child.kill('SIGKILL');
    return;
  }
  interrupted = sig;
  log(`${sig} received; stopping tests`);
  if (child) child.kill(sig);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('SIGHUP', onSignal);
// Last resort (uncaught errors, process.exit anywhere): never leave our engine running.
process.on('exit', () => {
  stopPodman();
  stopRegistry();
  stopEngine();
});

function finish(code, summary) {
  stopPodman();
  stopRegistry();
  stopEngine();
  const s = summary ?? { passed: 0, failed: 0, skipped: 0 };
  process.stdout.write(`\nTests: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped\n`);
  process.exit(code);
}

const signalExit = () => 128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[interrupted] ?? 2);

// ---- engine ---------------------------------------------------------------
const testEnv = { ...process.env };
delete testEnv.DOCKER_CONTEXT;
if (!needsEngine) {
  log('unit tests only: no engine');
  delete testEnv.DOCKER_HOST;
  delete testEnv.BERTH_TEST_ENGINE;
} else if (process.env.BERTH_TEST_DOCKER_HOST) {
  testEnv.DOCKER_HOST = process.env.BERTH_TEST_DOCKER_HOST;
  testEnv.BERTH_TEST_ENGINE = '1';
  log(`using engine from BERTH_TEST_DOCKER_HOST: ${testEnv.DOCKER_HOST}`);
} else {
  const wasRunning = spawnSync('bash', [engineScript, 'status'], { env: engineEnv, stdio: 'ignore' }).status === 0;
  log(`${wasRunning ? 'reusing' : 'starting'} private engine (${engineEnv.BERTH_ENGINE_DIR})`);
  engineToStop = !wasRunning;
  const r = spawnSync('bash', [engineScript, 'start'], {
    env: engineEnv,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (interrupted) finish(signalExit());
  const line = (r.stdout ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('export DOCKER_HOST='))
    .pop();
  if (r.status !== 0 || !line) {
    log(`could not start the private engine (scripts/engine.sh start exited ${r.status ?? r.signal}).`);
    log('Set BERTH_TEST_DOCKER_HOST to use an existing engine, or run only unit tests: npm test -- --project unit');
    finish(1);
  }
  testEnv.DOCKER_HOST = line.slice('export DOCKER_HOST='.length);
  testEnv.BERTH_TEST_ENGINE = '1';
  log(`DOCKER_HOST=${testEnv.DOCKER_HOST}`);
}

// ---- registries -----------------------------------------------------------
if (needsEngine && !process.env.BERTH_TEST_REGISTRY) {
  const wasRunning = spawnSync('bash', [registryScript, 'status'], { stdio: 'ignore' }).status === 0;
  log(`${wasRunning ? 'reusing' : 'starting'} test registries (scripts/registry.sh)`);
  const r = spawnSync('bash', [registryScript, 'start'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (interrupted) finish(signalExit());
  if (r.status !== 0) {
    log(
      `could not start the test registries (scripts/registry.sh start exited ${r.status ?? r.signal}); registry tests will fail`,
    );
  } else {
    registryToStop = !wasRunning;
    for (const line of (r.stdout ?? '').split('\n')) {
      const m = /^export (BERTH_TEST_REGISTRY[A-Z_]*)=(.*)$/.exec(line.trim());
      if (m) testEnv[m[1]] = m[2];
    }
    log(
      `BERTH_TEST_REGISTRY=${testEnv.BERTH_TEST_REGISTRY} BERTH_TEST_REGISTRY_AUTH=${testEnv.BERTH_TEST_REGISTRY_AUTH}`,
    );
  }
}

// ---- podman ---------------------------------------------------------------
const hasPodman = () => spawnSync('podman', ['--version'], { stdio: 'ignore' }).status === 0;
if (!needsEngine) {
  delete testEnv.BERTH_TEST_PODMAN_HOST;
} else if (process.env.BERTH_TEST_PODMAN_HOST) {
  log(`using podman from BERTH_TEST_PODMAN_HOST: ${process.env.BERTH_TEST_PODMAN_HOST}`);
} else if (!hasPodman()) {
  log('podman is not installed: the Podman tests will be skipped (apt-get install podman)');
} else {
  const wasRunning = spawnSync('bash', [podmanScript, 'status'], { stdio: 'ignore' }).status === 0;
  log(`${wasRunning ? 'reusing' : 'starting'} test podman service (scripts/podman.sh)`);
  podmanToStop = !wasRunning;
  const r = spawnSync('bash', [podmanScript, 'start'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (interrupted) finish(signalExit());
  const m = /^export BERTH_TEST_PODMAN_HOST=(.*)$/m.exec(r.stdout ?? '');
  if (r.status !== 0 || !m) {
    log(
      `could not start podman (scripts/podman.sh start exited ${r.status ?? r.signal}); Podman tests will be skipped`,
    );
    stopPodman();
  } else {
    testEnv.BERTH_TEST_PODMAN_HOST = m[1].trim();
    log(`BERTH_TEST_PODMAN_HOST=${testEnv.BERTH_TEST_PODMAN_HOST}`);
  }
}

// ---- vitest ---------------------------------------------------------------
const jsonFile = join(tmpdir(), `berth-vitest-${process.pid}-${Date.now()}.json`);
const vitestArgs = ['run', '--reporter=default', '--reporter=json', `--outputFile=${jsonFile}`, ...args];
const [cmd, cmdArgs] = existsSync(vitestBin)
  ? [process.execPath, [vitestBin, ...vitestArgs]]
  : ['npx', ['vitest', ...vitestArgs]];

child = spawn(cmd, cmdArgs, { cwd: root, env: testEnv, stdio: 'inherit' });
child.on('error', (e) => {
  log(`could not run vitest: ${e.message}`);
  finish(1);
});
child.on('exit', (code, signal) => {
  child = null;
  const summary = summarize(jsonFile);
  rmSync(jsonFile, { force: true });
  let exitCode = code ?? (signal ? 128 + ({ SIGINT: 2, SIGTERM: 15, SIGKILL: 9 }[signal] ?? 1) : 1);
  if (interrupted && exitCode === 0) exitCode = signalExit();
  if (exitCode === 0 && (!summary || summary.failed > 0)) exitCode = 1;
  if (!summary) log('vitest wrote no JSON report');
  finish(exitCode, summary);
});

/**
 * Counts from vitest's JSON report. A test file that failed without any failed test
 * (e.g. an import error or a failing hook) counts as one failure, so the line never
 * says "0 failed" for a red run.
 */
function summarize(file) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const suite of report.testResults ?? []) {
    let suiteFailed = 0;
    for (const t of suite.assertionResults ?? []) {
      if (t.status === 'passed') passed++;
      else if (t.status === 'failed') suiteFailed++;
      else skipped++; // skipped, pending, todo, disabled
    }
    if (suite.status === 'failed' && suiteFailed === 0) suiteFailed = 1;
    failed += suiteFailed;
  }
  if (!report.testResults) {
    passed = report.numPassedTests ?? 0;
    failed = report.numFailedTests ?? 0;
    skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
  return { passed, failed, skipped };
}
