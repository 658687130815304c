import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { cliEnv } from '../lib/cli';
import type { BenchContext } from '../types';
import { openApp, runLogContainer } from './logs-common';

/**
 * Shared by the exec-* measures: a labelled idle container, a page with a live shell in its
 * Terminal tab (xterm's DOM renderer, so the screen can be observed), and `docker exec -it` driven
 * through a pty with `script` for the CLI side.
 */

export async function idleContainer(ctx: BenchContext, suffix: string): Promise<{ id: string; name: string }> {
  return runLogContainer(ctx, suffix, 'exec sleep 3600');
}

/** Opens the app, the container's Terminal tab and a shell; the screen is cleared and idle. */
export async function openShellPage(ctx: BenchContext, id: string): Promise<Page> {
  const page = await openApp(ctx);
  // The DOM renderer makes the screen observable (WebGL draws into a canvas); it is also the slower one.
  await page.evaluate(() => localStorage.setItem('berth.terminal.renderer', 'dom'));
  await page.reload();
  await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 60_000 });
  await page.evaluate((cid) => {
    window.location.hash = `#/containers/${cid}/terminal`;
  }, id);
  await page.getByRole('button', { name: 'Open shell' }).click();
  await page.locator('.term-session').getByText('Connected', { exact: true }).waitFor({ timeout: 30_000 });
  await page.locator('.term-session .xterm').click();
  await page.keyboard.type('clear\n');
  await page.waitForTimeout(500);
  return page;
}

/** `docker exec -it <name> sh` inside a pty (util-linux `script`), with its output collected. */
export interface CliShell {
  proc: ChildProcessWithoutNullStreams;
  /** Everything printed so far. */
  output(): string;
  /** Resolves with Date.now() at the first output chunk for which `pred(all output)` holds. */
  waitFor(pred: (all: string) => boolean, timeoutMs?: number): Promise<number>;
  /** Date.now() of the latest output chunk. */
  lastDataAt(): number;
  close(): void;
}

export function hasScript(): boolean {
  return existsSync('/usr/bin/script');
}

export async function startCliShell(ctx: BenchContext, name: string): Promise<CliShell> {
  const proc = spawn('script', ['-qfec', `docker exec -it ${name} sh`, '/dev/null'], {
    env: { ...cliEnv(ctx.dockerHost), TERM: 'xterm-256color' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let last = 0;
  const waiters = new Set<() => void>();
  proc.stdout.on('data', (b: Buffer) => {
    const text = b.toString('utf8');
    // Answer cursor-position queries (busybox ash sends one per prompt) the way a terminal would.
    if (text.includes('\x1b[6n')) proc.stdin.write('\x1b[1;1R');
    out += text;
    if (out.length > 4_000_000) out = out.slice(-1_000_000);
    last = Date.now();
    for (const w of [...waiters]) w();
  });
  proc.stderr.on('data', () => undefined);
  const shell: CliShell = {
    proc,
    output: () => out,
    lastDataAt: () => last,
    waitFor(pred, timeoutMs = 10_000) {
      return new Promise<number>((resolve, reject) => {
        const check = (): void => {
          if (!pred(out)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(Date.now());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`docker exec -it: no matching output within ${timeoutMs} ms: ${JSON.stringify(out.slice(-200))}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      proc.stdin.end();
      proc.kill('SIGKILL');
    },
  };
  await shell.waitFor((all) => /[#$] $/.test(all.replaceAll('\x1b[6n', '')), 20_000);
  return shell;
}
