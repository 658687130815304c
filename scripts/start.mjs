// `npm start`: run the desktop app when Electron can run here, otherwise fall back to web mode.
//
// We locate the Electron binary ourselves instead of `require('electron')`: that module throws
// ("Electron failed to install correctly") or even tries to download when its binary is missing,
// which is the normal state on machines where the download was skipped or blocked.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** @returns {{ path: string } | { reason: string }} */
export function findElectron(projectRoot = root, env = process.env) {
  const pkgDir = join(projectRoot, 'node_modules', 'electron');
  if (!existsSync(join(pkgDir, 'package.json'))) {
    return { reason: 'the electron package is not installed (run `npm install`)' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      reason:
        "Electron's binary is not installed (its download was skipped or blocked; run `npm rebuild electron` " +
        'with internet access to fetch it)',
    };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || join(pkgDir, 'dist');
  const binary = join(distDir, relative || 'electron');
  if (!existsSync(binary)) {
    return {
      reason: `Electron's binary is missing at ${binary} (run \`npm rebuild electron\` with internet access to fetch it)`,
    };
  }
  return { path: binary };
}

/** @returns {string | undefined} why no window can be shown, if so */
export function noDisplayReason(platform = process.platform, env = process.env) {
  if (platform === 'darwin' || platform === 'win32') return undefined;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return undefined;
  return 'no display found (neither DISPLAY nor WAYLAND_DISPLAY is set)';
}

/** Runs a child with inherited stdio; forwards our signals to it and its exit status to us. */
function run(command, commandArgs, env) {
  const child = spawn(command, commandArgs, { cwd: root, env, stdio: 'inherit' });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, forward);
  child.on('error', (err) => {
    console.error(`Could not start ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const s of signals) process.off(s, forward);
    if (signal) {
      // Die of the same signal so our parent sees what happened to the app.
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
}

function main() {
  const webEntry = join(root, 'dist', 'server', 'web.cjs');
  const mainEntry = join(root, 'dist', 'electron', 'main.cjs');
  const electron = findElectron();
  const why = 'reason' in electron ? electron.reason : noDisplayReason();

  if (!why) {
    if (!existsSync(mainEntry)) {
      console.error(`${mainEntry} is missing: run \`npm run build\` first.`);
      process.exit(1);
    }
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE; // would make the binary behave as plain Node
    run(electron.path, [root, ...args], env);
    return;
  }

  console.log(`Berth: ${why}; starting web mode instead.`);
  if (!existsSync(webEntry)) {
    console.error(`${webEntry} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  run(process.execPath, [webEntry, ...args], process.env);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
