import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Where e2e tests put their screenshots: BERTH_SHOTS_DIR, else test-results/screenshots (ignored by
 * git). Created on import, so a test can write to it at once.
 */
export const SHOTS = process.env.BERTH_SHOTS_DIR || join(process.cwd(), 'test-results', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

/**
 * Screenshots of the page in the dark then the light theme (`<name>-dark.png`, `<name>-light.png`),
 * set on the document as the theme toggle does, each after the colours' transition. The page is left
 * in the light theme.
 */
export async function shootBothThemes(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await page.waitForTimeout(400); // colours transition
    await page.screenshot({ path: join(SHOTS, `${name}-${theme}.png`), ...(opts.fullPage ? { fullPage: true } : {}) });
  }
}
