import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { contract } from '../../shared/contract';
import type { StreamFrame } from '../../shared/protocol';
import { Engine } from '../../electron/engine/engine';
import { createHandlers } from '../../electron/handlers';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { SettingsStore } from '../../electron/settings/store';
import { cliEnv } from '../lib/cli';
import { formatMs, max, median, min } from '../lib/stats';
import type { Measure } from '../types';

/**
 * `up -d` of the chapter fixture (test/fixtures/compose/chapter, two files) through stacks.run — the
 * handler, its argument building, the spawned docker-compose and the exit frame with its output
 * parsed — vs the same `docker-compose … up -d` typed in a terminal. Each up starts from a project
 * brought down (untimed, `down -t 0`); the web image stays built after the warm-up. The back end's
 * share of the Up dialog's figure: the page only adds rendering of the streamed output.
 */
const RATIO_TARGET = 1.1;
/** The bench runs from the repo root (scripts/bench.mjs), bundled: paths from the working dir, as bench/lib/web.ts does. */
const CHAPTER = join(process.cwd(), 'test', 'fixtures', 'compose', 'chapter');
const FILES = [join(CHAPTER, 'docker-compose.yml'), join(CHAPTER, 'docker-compose.extra.yml')];
const execFileP = promisify(execFile);

function composeArgs(project: string, ...rest: string[]): string[] {
  return [...FILES.flatMap((f) => ['-f', f]), '-p', project, ...rest];
}

function timeCompose(dockerHost: string, args: string[]): Promise<number> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn('docker-compose', args, { cwd: CHAPTER, env: cliEnv(dockerHost), stdio: 'ignore' });
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done(performance.now() - t0) : fail(new Error(`docker-compose ${args.join(' ')}: exit ${code}`)),
    );
  });
}

export const composeUpMeasure: Measure = {
  name: 'compose-up',
  description: 'Compose up -d of the chapter fixture through stacks.run vs `docker-compose up -d`',
  async run(ctx) {
    try {
      await execFileP('docker-compose', ['version', '--short']);
    } catch {
      return {
        rows: [],
        samples: {},
        notes: ['compose-up skipped: docker-compose is not installed (apt install docker-compose)'],
      };
    }
    const project = `berth-bench-compose-${process.pid}`;
    const down = (): Promise<unknown> =>
      execFileP('docker-compose', composeArgs(project, 'down', '-t', '0'), { env: cliEnv(ctx.dockerHost) });
    const settingsDir = mkdtempSync(join(tmpdir(), 'berth-bench-settings-'));
    const engine = new Engine({ setting: ctx.dockerHost, log: () => undefined });
    const handlers = createHandlers(engine, { settings: new SettingsStore(settingsDir) });
    const listeners = new Map<string, (f: StreamFrame) => void>();
    const session = createDispatcher(contract, handlers, { log: () => undefined }).open('bench', (f) =>
      listeners.get(f.sub)?.(f),
    );
    let n = 0;
    const berthUp = (): Promise<number> =>
      new Promise((done, fail) => {
        const sub = `compose-${++n}`;
        const t0 = performance.now();
        listeners.set(sub, (f) => {
          if (f.kind === 'data') {
            session.ack(sub);
            const exit = (f.payloads as Array<{ kind: string; code?: number | null }>).find((p) => p.kind === 'exit');
            if (exit) {
              const ms = performance.now() - t0;
              listeners.delete(sub);
              if (exit.code === 0) done(ms);
              else fail(new Error(`stacks.run up exited ${String(exit.code)}`));
            }
          } else if (f.kind === 'error') fail(new Error(`stacks.run: ${f.error.code}: ${f.error.message}`));
        });
        session.subscribe(sub, 'stacks.run', { op: 'up', target: { files: FILES, project } });
      });

    const berthMs: number[] = [];
    const cliMs: number[] = [];
    try {
      // Warm-up: builds the web image once, starts the CLI's caches; not counted.
      await execFileP('docker-compose', composeArgs(project, 'build'), { env: cliEnv(ctx.dockerHost) });
      await down();
      await berthUp();
      await down();
      await timeCompose(ctx.dockerHost, composeArgs(project, 'up', '-d'));
      for (let i = 0; i < ctx.options.repeats && !ctx.signal.aborted; i++) {
        await down();
        const b = await berthUp();
        await down();
        const c = await timeCompose(ctx.dockerHost, composeArgs(project, 'up', '-d'));
        ctx.log(`up ${i + 1}: Berth ${formatMs(b)}, CLI ${formatMs(c)}`);
        berthMs.push(b);
        cliMs.push(c);
      }
    } finally {
      session.close();
      await engine.stop();
      await execFileP('docker-compose', composeArgs(project, 'down', '-v', '--rmi', 'local', '-t', '0'), {
        env: cliEnv(ctx.dockerHost),
      }).catch((err: unknown) => ctx.log(`compose-up cleanup failed: ${String(err)}`));
      rmSync(settingsDir, { recursive: true, force: true });
    }
    const berth = median(berthMs);
    const cli = median(cliMs);
    const ratio = berth / cli;
    return {
      rows: [
        {
          measure: `Compose up -d, chapter fixture (3 services, 2 files): stacks.run → exit frame (median of ${berthMs.length})`,
          berth: formatMs(berth),
          cli: formatMs(cli),
          target: `${ratio.toFixed(2)}× CLI (≤ ${RATIO_TARGET}×)`,
          pass: ratio <= RATIO_TARGET,
        },
      ],
      samples: { berthMs, cliMs },
      notes: [
        `Berth range ${formatMs(min(berthMs))}–${formatMs(max(berthMs))}; CLI range ${formatMs(min(cliMs))}–${formatMs(max(cliMs))}. ` +
          'Berth runs the same docker-compose with --ansi always and --project-directory, so the ratio is its own overhead.',
      ],
    };
  },
};
