import { execFile } from 'node:child_process';

/**
 * The compose CLI Berth drives (the Engine API has no compose endpoint): `docker compose` (the v2
 * plugin) when present, else `docker-compose` (v1, or v2 installed standalone), or a path the user set.
 * Arguments always go as an array, never through a shell; the CLI is always pointed at the engine
 * Berth is connected to, never at whatever DOCKER_HOST or context the environment names.
 */
export interface ComposeCli {
  /** The program to run and the arguments before compose's own (`docker` + `compose`, or none). */
  command: string;
  baseArgs: string[];
  /** `plugin`: `docker compose`; `standalone`: a `docker-compose` binary (or the user's path). */
  kind: 'plugin' | 'standalone';
  /** As `version --short` prints it, without a leading "v", e.g. "1.29.2" or "2.24.6". */
  version: string;
  /** v2 has `ls` and JSON output (`ps --format json`); v1 has neither. */
  major: number;
}

export interface ComposeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const DETECT_TIMEOUT_MS = 10_000;

/** The environment for a compose run: the engine Berth uses, and no context that could point elsewhere. */
export function composeEnv(base: NodeJS.ProcessEnv, dockerHost: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, DOCKER_HOST: dockerHost };
  delete env.DOCKER_CONTEXT;
  return env;
}

/** "v2.24.6-desktop.1\n" → "2.24.6-desktop.1"; undefined when it is not a version. */
export function parseComposeVersion(out: string): string | undefined {
  const line = out.trim().split('\n').pop()?.trim() ?? '';
  const m = /^v?(\d+\.\d+\.\d+\S*)$/.exec(line);
  return m?.[1];
}

function run(
  command: string,
  args: readonly string[],
  opts: { env: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; signal?: AbortSignal },
): Promise<ComposeRun> {
  return new Promise((resolve) => {
    execFile(
      command,
      [...args],
      {
        env: opts.env,
        cwd: opts.cwd,
        timeout: opts.timeoutMs ?? 0,
        signal: opts.signal,
        maxBuffer: 64 * 1024 * 1024,
        windowsHide: true,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr || (err && code === null ? err.message : '')) });
      },
    );
  });
}

async function probe(
  command: string,
  baseArgs: string[],
  kind: ComposeCli['kind'],
  env: NodeJS.ProcessEnv,
): Promise<{ cli?: ComposeCli; error?: string }> {
  const res = await run(command, [...baseArgs, 'version', '--short'], { env, timeoutMs: DETECT_TIMEOUT_MS });
  const shown = [command, ...baseArgs].join(' ');
  if (res.code !== 0) {
    const why = res.stderr.trim().split('\n').pop() || `exit status ${String(res.code)}`;
    return { error: `${shown} did not answer "version --short": ${why}` };
  }
  const version = parseComposeVersion(res.stdout);
  if (!version)
    return { error: `${shown} is not a compose CLI: "version --short" printed "${res.stdout.trim().slice(0, 80)}"` };
  return { cli: { command, baseArgs, kind, version, major: Number.parseInt(version, 10) } };
}

/** Probes one user-given path; `error` says why it is not a compose CLI (missing, not executable, not compose). */
export function probeComposeCli(path: string, env: NodeJS.ProcessEnv): Promise<{ cli?: ComposeCli; error?: string }> {
  return probe(path, [], 'standalone', env);
}

/**
 * Finds the compose CLI: the user's path when set (and nothing else: a wrong path is reported, not
 * silently replaced), else `docker compose`, else `docker-compose`. Undefined when none answers
 * `version --short`.
 */
export async function detectComposeCli(env: NodeJS.ProcessEnv, userPath?: string): Promise<ComposeCli | undefined> {
  if (userPath) return (await probeComposeCli(userPath, env)).cli;
  return (
    (await probe('docker', ['compose'], 'plugin', env)).cli ??
    (await probe('docker-compose', [], 'standalone', env)).cli
  );
}

/** Runs compose with `args` (an array: no shell, no quoting) in `cwd`. */
export function runCompose(
  cli: ComposeCli,
  args: readonly string[],
  opts: { env: NodeJS.ProcessEnv; cwd?: string; signal?: AbortSignal },
): Promise<ComposeRun> {
  return run(cli.command, [...cli.baseArgs, ...args], opts);
}
