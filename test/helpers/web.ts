import type { Locator, Page } from 'playwright-core';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from './chromium';

/**
 * Starts the real web-mode server (`dist/server/web.cjs`, built by `npm run build`) on a free
 * loopback port against the private test engine, and returns its URL (with the token fragment).
 */
export interface BerthWeb {
  url: string;
  origin: string;
  token: string;
  proc: ChildProcess;
  /** Everything the server printed on stderr so far (for failure messages). */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * `wrap` runs the server under a command prefix (e.g. `setpriv … --`), which must exec the server so
 * that stop() signals the server itself.
 */
export async function startBerthWeb(
  opts: { env?: NodeJS.ProcessEnv; args?: string[]; wrap?: string[] } = {},
): Promise<BerthWeb> {
  const entry = join(process.cwd(), 'dist', 'server', 'web.cjs');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first`);
  const token = randomBytes(16).toString('hex');
  // Each server its own settings folder (unless the test names one): tests never write the user's
  // ~/.config/berth, nor see each other's settings.
  const configDir = mkdtempSync(join(tmpdir(), 'berth-web-config-'));
  const argv = [process.execPath, entry, '--port', '0', ...(opts.args ?? [])];
  const [cmd, ...rest] = [...(opts.wrap ?? []), ...argv] as [string, ...string[]];
  const proc = spawn(cmd, rest, {
    env: { ...process.env, BERTH_TOKEN: token, BERTH_CONFIG_DIR: configDir, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // However the server ends (stop() or on its own), its settings folder goes with it.
  proc.once('exit', () => rmSync(configDir, { recursive: true, force: true }));
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web server did not start in 15 s: ${err}`)), 15_000);
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Berth web UI: (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web server exited with ${code}: ${err}`));
    });
  });
  const origin = new URL(url).origin;
  return {
    url,
    origin,
    token,
    proc,
    stderr: () => err,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/**
 * Waits until the app has fetched its other views' code (it does so once idle after start-up). Tests
 * that change the host's networks (docker network create/rm) wait for this first: Chromium aborts
 * requests in flight on a network change, and the app would then reload itself to recover.
 */
export async function waitForViewsReady(page: Page, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.viewsReady === 'true', undefined, {
    timeout: timeoutMs,
  });
}

/** The text of the message tied to a field (its aria-describedby), i.e. the one shown next to it. */
export async function messageOf(page: Page, field: Locator): Promise<string> {
  const ids = (await field.getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(
    ids
      .split(' ')
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).textContent()),
  );
  return texts.join(' ');
}

/** Berth in web mode with one Chromium page on it, open at its start page: what most e2e files set up. */
export interface BerthInBrowser {
  web: BerthWeb;
  page: Page;
  /** Closes the browser, then stops the server. */
  close(): Promise<void>;
}

export async function openBerthInBrowser(
  opts: { viewport?: { width: number; height: number } } = {},
): Promise<BerthInBrowser> {
  const web = await startBerthWeb();
  const browser = await launchChromium(opts.viewport ? { viewport: opts.viewport } : {}).catch(async (e: unknown) => {
    await web.stop();
    throw e;
  });
  const page = await browser.context.newPage();
  await page.goto(web.url);
  return {
    web,
    page,
    async close() {
      await browser.close();
      await web.stop();
    },
  };
}

/**
 * Berth in web mode at a desktop-sized viewport, with one section (sidebar link named `section`)
 * opened: the set-up of the single-view e2e files. The caller waits for its own "ready" sign.
 */
export async function openSectionInBrowser(section: string): Promise<BerthInBrowser> {
  const berth = await openBerthInBrowser({ viewport: { width: 1400, height: 860 } });
  try {
    await berth.page.getByRole('link', { name: new RegExp(`^${section}`) }).click();
  } catch (e) {
    await berth.close();
    throw e;
  }
  return berth;
}
