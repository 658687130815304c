/**
 * Helpers for tests that need a real container engine.
 *
 * The engine is always the PRIVATE dockerd started by `scripts/engine.sh`
 * (normally by `scripts/test.mjs`, i.e. `npm test`). Tests refuse to run
 * against anything unless `BERTH_TEST_ENGINE=1` is set, so a developer's real
 * engine is never touched by accident.
 *
 * Typical use:
 *
 *   import { afterAll, beforeAll, expect, test } from 'vitest';
 *   import { createTracker, docker, requireEngine, TEST_IMAGE, uniqueName } from '../helpers/engine';
 *
 *   const tracker = createTracker();
 *   beforeAll(() => { requireEngine(); });
 *   afterAll(() => tracker.cleanup());
 *
 *   test('runs', async () => {
 *     const name = tracker.container(uniqueName('run'));
 *     await docker(['run', '-d', '--name', name, TEST_IMAGE, 'sleep', '300']);
 *     ...
 *   });
 *
 * Rule: a test removes only what it created — register every container,
 * image, volume and network you create (by name or ID) with a tracker.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** Image every test should use. Built locally by scripts/engine.sh (no registry access). */
export const TEST_IMAGE = 'busybox:latest';

/** Same image under a second name; handy for tag/untag tests. */
export const TEST_IMAGE_ALIAS = 'berth-test/busybox:latest';

/** Prefix of every name produced by {@link uniqueName}. */
export const TEST_NAME_PREFIX = 'berth-t-';

/** True when the private test engine is configured (`BERTH_TEST_ENGINE=1` and `DOCKER_HOST` set). */
export function isEngineEnabled(): boolean {
  return process.env.BERTH_TEST_ENGINE === '1' && Boolean(process.env.DOCKER_HOST);
}

/**
 * Returns the `DOCKER_HOST` of the private test engine (e.g. `unix:///tmp/berth-engine-test/docker.sock`).
 * Throws a clear error when the engine was not configured; call it in `beforeAll` of every
 * test file that needs an engine.
 */
export function requireEngine(): string {
  const host = process.env.DOCKER_HOST;
  if (process.env.BERTH_TEST_ENGINE !== '1' || !host) {
    throw new Error(
      'This test needs the private Berth test engine, which is not configured ' +
        '(BERTH_TEST_ENGINE=1 and DOCKER_HOST must be set). Run the tests through ' +
        '`npm test` / `node scripts/test.mjs` (they start one with scripts/engine.sh), or set ' +
        'BERTH_TEST_DOCKER_HOST to an engine you are willing to let tests modify.',
    );
  }
  return host;
}

/** Filesystem path of the engine's unix socket (for dockerode's `socketPath`). Throws for non-unix hosts. */
export function engineSocketPath(): string {
  const host = requireEngine();
  if (!host.startsWith('unix://')) {
    throw new Error(`DOCKER_HOST ${host} is not a unix socket`);
  }
  return host.slice('unix://'.length);
}

/** Result of a docker CLI call. */
export interface DockerResult {
  stdout: string;
  stderr: string;
  /** Exit code (non-zero on failure; -1 when killed by a signal or timeout). */
  code: number;
}

export interface DockerOptions {
  /** Written to the CLI's stdin (e.g. for `docker load`, `docker exec -i`). */
  input?: string | Buffer;
  /** Return the result instead of throwing when the command exits non-zero. */
  allowFail?: boolean;
  /** Kill the CLI after this many ms (default 120 000). */
  timeoutMs?: number;
}

/** Error thrown by {@link docker} on failure; carries the full result. */
export class DockerCommandError extends Error {
  readonly args: readonly string[];
  readonly result: DockerResult;
  constructor(args: readonly string[], result: DockerResult) {
    super(
      `docker ${args.join(' ')} failed (exit ${result.code}): ${result.stderr.trim() || result.stdout.trim() || '(no output)'}`,
    );
    this.name = 'DockerCommandError';
    this.args = args;
    this.result = result;
  }
}

function engineEnv(host: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: host };
  delete env.DOCKER_CONTEXT; // would conflict with DOCKER_HOST
  delete env.DOCKER_TLS_VERIFY;
  delete env.DOCKER_CERT_PATH;
  return env;
}

/**
 * Runs the docker CLI (no shell) against the private engine.
 * Throws {@link DockerCommandError} (stderr included) on non-zero exit unless `allowFail`.
 */
export function docker(args: string[], opts: DockerOptions = {}): Promise<DockerResult> {
  const host = requireEngine();
  const timeoutMs = opts.timeoutMs ?? 120_000;
  return new Promise<DockerResult>((resolve, reject) => {
    const child = spawn('docker', args, { env: engineEnv(host), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`could not run docker CLI: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const result: DockerResult = {
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8') + (timedOut ? `\n(docker CLI killed after ${timeoutMs} ms)` : ''),
        code: code ?? -1,
      };
      if (result.code !== 0 && !opts.allowFail) reject(new DockerCommandError(args, result));
      else resolve(result);
    });
    // Ignore EPIPE when the CLI exits without reading stdin.
    child.stdin.on('error', () => {});
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

/**
 * Runs docker and parses stdout as JSON, e.g.
 * `const [info] = await dockerJson<ContainerInspect[]>(['container', 'inspect', name])`.
 * For `--format '{{json .}}'` style commands that print one object per line use
 * {@link dockerJsonLines}.
 */
export async function dockerJson<T = unknown>(args: string[], opts: Omit<DockerOptions, 'allowFail'> = {}): Promise<T> {
  const { stdout } = await docker(args, opts);
  try {
    return JSON.parse(stdout) as T;
  } catch {
    throw new Error(`docker ${args.join(' ')} did not print JSON: ${stdout.slice(0, 500)}`);
  }
}

/** Runs docker and parses each non-empty stdout line as JSON (`docker ps --format '{{json .}}'`). */
export async function dockerJsonLines<T = unknown>(
  args: string[],
  opts: Omit<DockerOptions, 'allowFail'> = {},
): Promise<T[]> {
  const { stdout } = await docker(args, opts);
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

/**
 * A fresh, valid name for any resource kind: `berth-t-<prefix>-<8 hex chars>`.
 * The prefix is lower-cased and characters invalid in image/container names become `-`.
 */
export function uniqueName(prefix: string): string {
  const clean =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9_.-]+/g, '-')
      .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || 'x';
  return `${TEST_NAME_PREFIX}${clean}-${randomBytes(4).toString('hex')}`;
}

export type ResourceKind = 'container' | 'image' | 'volume' | 'network';

/** Records resources a test created; `cleanup()` removes exactly those. */
export interface Tracker {
  /** Register a container (name or ID); returns it for chaining. */
  container(nameOrId: string): string;
  /** Register an image reference (`repo:tag` or ID); returns it. */
  image(ref: string): string;
  /** Register a volume; returns it. */
  volume(name: string): string;
  /** Register a network (name or ID); returns it. */
  network(nameOrId: string): string;
  /** Generic form of the above. */
  track(kind: ResourceKind, nameOrId: string): string;
  /** Forget a resource (e.g. the test already removed it and wants to reuse the name). */
  untrack(kind: ResourceKind, nameOrId: string): void;
  /** Snapshot of what is registered. */
  tracked(): Record<ResourceKind, string[]>;
  /**
   * Force-removes everything registered, in dependency order
   * (containers → networks → volumes → images). Not-found is ignored; any other
   * failure is collected and thrown after every removal was attempted.
   * Safe to call more than once.
   */
  cleanup(): Promise<void>;
}

const NOT_FOUND = /no such (container|image|volume|network|object)|not found|does not exist|unrecognized image/i;

const REMOVE: Record<ResourceKind, (id: string) => string[]> = {
  container: (id) => ['container', 'rm', '--force', '--volumes', id],
  network: (id) => ['network', 'rm', id],
  volume: (id) => ['volume', 'rm', '--force', id],
  image: (id) => ['image', 'rm', '--force', id],
};

const ORDER: ResourceKind[] = ['container', 'network', 'volume', 'image'];

export function createTracker(): Tracker {
  const sets: Record<ResourceKind, Set<string>> = {
    container: new Set(),
    image: new Set(),
    volume: new Set(),
    network: new Set(),
  };
  const track = (kind: ResourceKind, id: string): string => {
    if (!id) throw new Error(`tracker: empty ${kind} name`);
    sets[kind].add(id);
    return id;
  };
  return {
    container: (id) => track('container', id),
    image: (id) => track('image', id),
    volume: (id) => track('volume', id),
    network: (id) => track('network', id),
    track,
    untrack: (kind, id) => {
      sets[kind].delete(id);
    },
    tracked: () => ({
      container: [...sets.container],
      image: [...sets.image],
      volume: [...sets.volume],
      network: [...sets.network],
    }),
    async cleanup() {
      if (!isEngineEnabled()) return; // nothing could have been created
      const failures: string[] = [];
      for (const kind of ORDER) {
        const ids = [...sets[kind]];
        sets[kind].clear();
        await Promise.all(
          ids.map(async (id) => {
            const r = await docker(REMOVE[kind](id), { allowFail: true });
            if (r.code !== 0 && !NOT_FOUND.test(r.stderr)) {
              failures.push(`${kind} ${id}: ${r.stderr.trim()}`);
            }
          }),
        );
      }
      if (failures.length > 0) {
        throw new Error(`tracker cleanup failed for:\n  ${failures.join('\n  ')}`);
      }
    },
  };
}

export interface WaitForOptions {
  /** Give up after this many ms (default 10 000). */
  timeoutMs?: number;
  /** Delay between attempts in ms (default 100). */
  intervalMs?: number;
  /** Included in the timeout error. */
  message?: string;
}

/**
 * Polls `fn` until it returns a truthy value (which is returned) or the timeout passes.
 * Exceptions thrown by `fn` count as "not yet"; the last one is reported on timeout.
 *
 *   const state = await waitFor(async () => {
 *     const [c] = await dockerJson<{ State: { Status: string } }[]>(['inspect', name]);
 *     return c.State.Status === 'exited' && c.State;
 *   }, { timeoutMs: 15_000 });
 */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  opts: WaitForOptions = {},
): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const intervalMs = opts.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let lastValue: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as Exclude<T, false | null | undefined | 0 | ''>;
      lastValue = v;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, Math.max(0, deadline - Date.now()))));
  }
  const why =
    lastError !== undefined
      ? `last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`
      : `last value: ${JSON.stringify(lastValue)}`;
  throw new Error(`waitFor timed out after ${timeoutMs} ms${opts.message ? ` (${opts.message})` : ''}; ${why}`);
}
