import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface TimedRun {
  stdout: string;
  stderr: string;
  code: number;
  /** Wall time from spawn to exit (includes CLI start-up, as a person typing the command sees it). */
  ms: number;
}

/** Environment for the docker CLI: only our DOCKER_HOST, no context or TLS settings that could redirect it. */
export function cliEnv(dockerHost: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: dockerHost };
  delete env.DOCKER_CONTEXT;
  delete env.DOCKER_TLS_VERIFY;
  delete env.DOCKER_CERT_PATH;
  return env;
}

/** Runs `docker <args>` against `dockerHost` and times it. Throws on a non-zero exit unless `allowFail`. */
export function runDocker(
  dockerHost: string,
  args: string[],
  opts: { allowFail?: boolean; timeoutMs?: number } = {},
): Promise<TimedRun> {
  return runTimed('docker', args, { ...opts, env: cliEnv(dockerHost) });
}

/**
 * Runs `command <args>` (e.g. docker-compose) and times it, wall clock from spawn to exit. Throws on a
 * non-zero exit unless `allowFail`.
 */
export function runTimed(
  command: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; cwd?: string; allowFail?: boolean; timeoutMs?: number },
): Promise<TimedRun> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  return new Promise<TimedRun>((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { env: opts.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${command}: ${e.message}`));
    });
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      const run: TimedRun = {
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code: code ?? -1,
        ms,
      };
      if (run.code !== 0 && !opts.allowFail) {
        reject(
          new Error(`${command} ${args.join(' ')} failed (exit ${run.code}): ${run.stderr.trim() || '(no output)'}`),
        );
      } else resolve(run);
    });
  });
}

/** Runs `docker <args>` with its stdout written to `file` (e.g. `docker run … tar c > file`), timed. */
export function runDockerToFile(
  dockerHost: string,
  args: string[],
  file: string,
  opts: { timeoutMs?: number } = {},
): Promise<TimedRun> {
  return new Promise<TimedRun>((resolve, reject) => {
    const fd = openSync(file, 'w');
    const t0 = performance.now();
    const child = spawn('docker', args, { env: cliEnv(dockerHost), stdio: ['ignore', fd, 'pipe'] });
    closeSync(fd);
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 600_000);
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`could not run docker: ${e.message}`));
    });
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8');
      if (code !== 0) reject(new Error(`docker ${args.join(' ')} > ${file} failed (exit ${code}): ${stderr.trim()}`));
      else resolve({ stdout: '', stderr, code: 0, ms });
    });
  });
}
