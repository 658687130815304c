/**
 * Headless Chromium for e2e tests (system Chromium via playwright-core; no browser download).
 *
 *   const browser = await launchChromium();
 *   try {
 *     const page = await browser.context.newPage();
 *     await page.goto(`http://127.0.0.1:${port}/`);
 *   } finally {
 *     await browser.close();
 *   }
 *
 * Each launch gets a fresh temporary profile, removed by `close()`.
 * Override the binary with BERTH_CHROMIUM=/path/to/chromium.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type LaunchOptions } from 'playwright-core';

export const CHROMIUM_PATH = process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that keep Chromium quiet: no sandbox (root in CI), no GPU, no background network traffic. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface LaunchedChromium {
  /** Persistent context backed by a fresh temp profile; create pages with `context.newPage()`. */
  context: BrowserContext;
  /** Closes the browser and deletes the temp profile. Safe to call more than once. */
  close(): Promise<void>;
}

export interface LaunchChromiumOptions {
  /** Viewport for new pages (default 1280×800). */
  viewport?: { width: number; height: number };
  /** prefers-color-scheme of every page (Berth's default theme follows it); default light. */
  colorScheme?: 'light' | 'dark';
  /** Extra Chromium command-line flags. */
  extraArgs?: string[];
  /** Launch timeout in ms (default 60 000). */
  timeoutMs?: number;
  /** Forwarded to Chromium's environment (merged over process.env). */
  env?: LaunchOptions['env'];
}

export async function launchChromium(opts: LaunchChromiumOptions = {}): Promise<LaunchedChromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it (Debian: apt-get install chromium) or set BERTH_CHROMIUM.`,
    );
  }
  const profileDir = await mkdtemp(join(tmpdir(), 'berth-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(opts.extraArgs ?? [])],
      viewport: opts.viewport ?? { width: 1280, height: 800 },
      timeout: opts.timeoutMs ?? 60_000,
      ...(opts.colorScheme ? { colorScheme: opts.colorScheme } : {}),
      ...(opts.env ? { env: opts.env } : {}),
    });
  } catch (e) {
    await rm(profileDir, { recursive: true, force: true });
    throw e;
  }
  let closed: Promise<void> | undefined;
  return {
    context,
    close() {
      closed ??= (async () => {
        try {
          await context.close();
        } finally {
          await rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
        }
      })();
      return closed;
    },
  };
}
