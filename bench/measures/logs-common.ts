import type Docker from 'dockerode';
import type { Page } from 'playwright-core';
import { BENCH_IMAGE, BENCH_LABEL, BENCH_NAME_PREFIX } from '../lib/fixtures';
import type { BenchContext } from '../types';

/** Shared by logs-open and logs-flood: a labelled container running a shell script, and page helpers. */

export async function runLogContainer(
  ctx: BenchContext,
  suffix: string,
  script: string,
): Promise<{ id: string; name: string }> {
  const name = `${BENCH_NAME_PREFIX}${suffix}-${process.pid}`;
  try {
    await ctx.engine.getContainer(name).remove({ force: true });
  } catch {
    /* not there */
  }
  const c: Docker.Container = await ctx.engine.createContainer({
    name,
    Image: BENCH_IMAGE,
    Cmd: ['sh', '-c', script],
    Labels: { [BENCH_LABEL]: '1' },
    StopTimeout: 1,
  });
  await c.start();
  return { id: c.id, name };
}

export async function waitExited(ctx: BenchContext, id: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await ctx.engine.getContainer(id).inspect();
    if (!info.State.Running) return;
    if (Date.now() > deadline) throw new Error(`container ${id.slice(0, 12)} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A page with the app loaded (token taken) and default log preferences (tail 1,000, no wrap). */
export async function openApp(ctx: BenchContext): Promise<Page> {
  const [web, browser] = await Promise.all([ctx.web(), ctx.browser()]);
  const page = await browser.newPage();
  await page.goto(`${web.origin}/#token=${web.token}`);
  await page.evaluate(() => localStorage.removeItem('berth.logs.prefs'));
  await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 60_000 });
  return page;
}

/** Back to the Containers view (the app's start), e.g. between two timed opens of another view. */
export async function backToContainers(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.evaluate(() => {
    window.location.hash = '#/containers';
  });
  await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: timeoutMs });
}

/** The number in the viewer's "Received" counter. */
export async function receivedCount(page: Page): Promise<number> {
  const text = await page
    .getByRole('status', { name: 'Lines received' })
    .innerText({ timeout: 1000 })
    .catch(() => '0');
  return Number(text.replace(/[^\d]/g, '')) || 0;
}
