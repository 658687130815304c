import { execFileSync } from 'node:child_process';
import { CHROMIUM_PATH, launchChromium } from '../../test/helpers/chromium';
import type { BrowserHandle } from '../types';

export const BENCH_VIEWPORT = { width: 1400, height: 860 } as const;

function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * Headless system Chromium (playwright-core, /usr/bin/chromium or BERTH_CHROMIUM) with a fresh
 * profile, the quiet flags from test/helpers/chromium.ts and a 1400×860 viewport.
 */
export async function launchBenchBrowser(): Promise<BrowserHandle & { close(): Promise<void> }> {
  const chromium = await launchChromium({ viewport: { ...BENCH_VIEWPORT } });
  return {
    version: chromiumVersion(),
    newPage: () => chromium.context.newPage(),
    close: () => chromium.close(),
  };
}
