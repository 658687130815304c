import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type { StreamSink } from '../../../shared/contract-kit';
import type { ComposeFrame } from '../../../shared/contracts/stacks';
import type { ComposeCli } from './cli';

/**
 * Runs compose CLI invocations one after another as a stream of frames: `start`, then `output`
 * chunks as the CLI writes them (ANSI kept, UTF-8 never split), stopping at the first failure. The
 * caller sends `exit` (it knows the project to report). Never a shell: `spawn` with an argument array.
 *
 * Cancelling (the signal) sends SIGINT to the CLI's process group, as Ctrl-C in a terminal would
 * (v1 builds through a `docker build` child), then SIGKILL if it is still there after `killAfterMs`.
 */

export interface RunResult {
  /** The last run's exit status; null when a signal ended it. */
  code: number | null;
  cancelled: boolean;
  /** stdout + stderr of every run, in arrival order (the last `OUTPUT_KEEP` characters), for the error parser. */
  output: string;
  /** Why the CLI could not be started at all (e.g. ENOENT), if so. */
  spawnError?: string;
}

/** Errors come at the end of the output: keep its tail for the parser, not all of a long build log. */
const OUTPUT_KEEP = 1024 * 1024;
const KILL_AFTER_MS = 5000;

export interface RunOptions {
  cli: Pick<ComposeCli, 'command' | 'baseArgs'>;
  runs: string[][];
  cwd: string;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  sink: StreamSink<ComposeFrame>;
  /** The op's id, in every `start` frame (for `stacks.cancel`). */
  run: string;
  killAfterMs?: number;
}

export async function runComposeStream(opts: RunOptions): Promise<RunResult> {
  let output = '';
  const keep = (text: string): void => {
    output += text;
    if (output.length > OUTPUT_KEEP * 2) output = output.slice(-OUTPUT_KEEP);
  };
  let last: RunResult = { code: 0, cancelled: false, output: '' };
  for (const args of opts.runs) {
    if (opts.signal.aborted) return { code: null, cancelled: true, output };
    last = await runOne(opts, args, keep);
    if (last.cancelled || last.code !== 0 || last.spawnError) break;
  }
  return { ...last, output: output.slice(-OUTPUT_KEEP) };
}

function runOne(opts: RunOptions, args: string[], keep: (text: string) => void): Promise<RunResult> {
  const argv = [opts.cli.command, ...opts.cli.baseArgs, ...args];
  opts.sink.emit({ kind: 'start', run: opts.run, argv, cwd: opts.cwd });
  return new Promise((resolve) => {
    const child = spawn(opts.cli.command, [...opts.cli.baseArgs, ...args], {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a cancel reaches the CLI's children too (POSIX only).
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    let spawnError: string | undefined;

    const signalGroup = (sig: NodeJS.Signals): void => {
      try {
        if (child.pid && process.platform !== 'win32') process.kill(-child.pid, sig);
        else child.kill(sig);
      } catch {
        /* already gone */
      }
    };
    const onAbort = (): void => {
      cancelled = true;
      signalGroup('SIGINT');
      killTimer = setTimeout(() => signalGroup('SIGKILL'), opts.killAfterMs ?? KILL_AFTER_MS);
    };
    if (opts.signal.aborted) onAbort();
    else opts.signal.addEventListener('abort', onAbort, { once: true });

    const pipe = (stream: NodeJS.ReadableStream, name: 'stdout' | 'stderr'): void => {
      const decoder = new StringDecoder('utf8');
      const send = (text: string): void => {
        if (!text) return;
        keep(text);
        opts.sink.emit({ kind: 'output', stream: name, text });
      };
      stream.on('data', (chunk: Buffer) => {
        send(decoder.write(chunk));
        // A consumer that is behind slows the CLI (its pipe fills) instead of Berth buffering.
        if (opts.sink.pressured) {
          stream.pause();
          void opts.sink.drained().then(() => stream.resume());
        }
      });
      stream.on('end', () => send(decoder.end()));
    };
    pipe(child.stdout, 'stdout');
    pipe(child.stderr, 'stderr');

    let settled = false;
    const finish = (code: number | null): void => {
      if (settled) return;
      settled = true;
      opts.signal.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      const result: RunResult = { code: spawnError ? null : code, cancelled, output: '' };
      if (spawnError) result.spawnError = spawnError;
      resolve(result);
    };
    child.on('error', (err) => {
      spawnError = `Cannot run ${argv[0] ?? 'compose'}: ${err.message}`;
      // A CLI that never started may emit no 'close'.
      if (child.pid === undefined) finish(null);
    });
    child.on('close', (code) => finish(code));
  });
}
