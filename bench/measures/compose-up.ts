import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { cliEnv, runTimed, type TimedRun } from '../lib/cli';
import { formatMs, max, median, min } from '../lib/stats';
import type { BenchContext, Measure } from '../types';
import { openApp } from './logs-common';

const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'compose', 'chapter');
const FILES = [join(FIXTURE, 'docker-compose.yml'), join(FIXTURE, 'docker-compose.extra.yml')];
/** One project for both sides (so both reuse the web image built in the warm-up): this run's own name. */
const PROJECT = `berth-bench-up-${process.pid}`;
const RATIO_TARGET = 1.1;
const UP_TIMEOUT_MS = 180_000;

function compose(ctx: BenchContext, args: string[], allowFail = false): Promise<TimedRun> {
  const fileArgs = FILES.flatMap((f) => ['-f', f]);
  return runTimed('docker-compose', [...fileArgs, '-p', PROJECT, ...args], {
    env: cliEnv(ctx.dockerHost),
    cwd: FIXTURE,
    allowFail,
    timeoutMs: UP_TIMEOUT_MS,
  });
}

/** Removes everything of the project: containers, networks, the named volume (and, last, the built image). */
async function down(ctx: BenchContext, images = false): Promise<void> {
  await compose(ctx, ['down', '--volumes', '--remove-orphans', '-t', '0', ...(images ? ['--rmi', 'local'] : [])], true);
}

/** Picks a file in the in-app host file chooser opened by `opener` (as a person would). */
async function chooseFile(page: Page, opener: Locator, path: string): Promise<void> {
  await opener.click();
  const chooser = page.getByRole('dialog', { name: 'Choose a compose file' });
  const folder = path.replace(/\/[^/]+$/, '');
  await chooser.getByRole('textbox', { name: 'Folder' }).fill(folder);
  await chooser.getByRole('textbox', { name: 'Folder' }).press('Enter');
  await chooser.getByRole('option', { name: path.slice(folder.length + 1) }).click();
  await chooser.getByRole('button', { name: 'Choose file' }).click();
  await chooser.waitFor({ state: 'detached' });
}

/** Fills the Up dialog (not timed): the two files, the project name; waits for its command line. */
async function fillUpDialog(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Up…' }).first().click();
  const up = page.getByRole('dialog', { name: 'Up a compose stack' });
  await up.waitFor();
  // The dialog keeps the last up's form: the files are chosen in the first round only.
  if ((await up.getByRole('list', { name: 'Compose files' }).getByRole('listitem').count()) === 0) {
    await chooseFile(page, up.getByRole('button', { name: 'Choose compose file…' }), FILES[0]!);
    await chooseFile(page, up.getByRole('button', { name: 'Add file…' }), FILES[1]!);
  }
  await up.getByRole('textbox', { name: 'Project name' }).fill(PROJECT);
  const command = up.getByRole('textbox', { name: 'Command' });
  const deadline = Date.now() + 30_000;
  while (!(await command.inputValue()).includes(`-p ${PROJECT} up -d`)) {
    if (Date.now() > deadline) throw new Error(`the Up dialog's command never read "-p ${PROJECT} up -d"`);
    await page.waitForTimeout(50);
  }
}

/** Clicks Up in the page and stamps the frame in which the run panel shows the CLI's exit (ok or not). */
async function timeUp(page: Page): Promise<{ ms: number; ok: boolean; text: string }> {
  return page.evaluate(
    ({ timeoutMs }) =>
      new Promise<{ ms: number; ok: boolean; text: string }>((resolve, reject) => {
        const dialog = [...document.querySelectorAll('dialog[open]')].find((d) =>
          d.textContent?.includes('Up a compose stack'),
        );
        const button = [...(dialog?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === 'Up');
        if (!button) return reject(new Error('no Up button in the Up dialog'));
        const timer = setTimeout(() => {
          obs.disconnect();
          reject(new Error(`the up did not end within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        const check = (): void => {
          const status = document.querySelector('.stack-run-status.is-ok, .stack-run-status.is-failed');
          if (!status) return;
          obs.disconnect();
          clearTimeout(timer);
          const ms = performance.now() - startAt;
          requestAnimationFrame(() =>
            resolve({ ms, ok: status.classList.contains('is-ok'), text: status.textContent ?? '' }),
          );
        };
        const obs = new MutationObserver(check);
        obs.observe(document, { subtree: true, childList: true, attributes: true });
        const startAt = performance.now();
        button.click();
      }),
    { timeoutMs: UP_TIMEOUT_MS },
  );
}

async function closeRunPanel(page: Page): Promise<void> {
  const panel = page.getByRole('dialog', { name: `Up ${PROJECT}` });
  await panel.getByRole('button', { name: 'Close', exact: true }).last().click();
  await panel.waitFor({ state: 'detached' });
}

/**
 * `up -d` of the chapter fixture (two files; web built from its Dockerfile in the warm-up round, then
 * reused) through the Up dialog of the Stacks view (Berth's stacks.run: the CLI spawned by Berth, its
 * output streamed to the page) vs the same `docker-compose -f … -f … -p P up -d` from a terminal. The
 * project is taken down (volumes too) after every up, untimed.
 */
export const composeUpMeasure: Measure = {
  name: 'compose-up',
  description: '`docker-compose up -d` of the chapter fixture from a terminal vs Up from the Stacks view',
  async run(ctx) {
    await down(ctx, true);
    const page = await openApp(ctx);
    const cliMs: number[] = [];
    const uiMs: number[] = [];
    try {
      await page.getByRole('link', { name: /^Stacks/ }).click();
      await page
        .getByRole('region', { name: 'Compose CLI' })
        .getByText(/docker-compose|docker compose/)
        .waitFor();
      for (let i = 0; i <= ctx.options.repeats && !ctx.signal.aborted; i++) {
        const c = await compose(ctx, ['up', '-d']);
        await down(ctx);
        await fillUpDialog(page);
        const u = await timeUp(page);
        if (!u.ok) throw new Error(`Up from the Stacks view failed: ${u.text}`);
        await closeRunPanel(page);
        await down(ctx);
        if (i === 0) {
          ctx.log(`warm-up (builds web): docker-compose up -d ${formatMs(c.ms)}, Up in Berth ${formatMs(u.ms)}`);
          continue;
        }
        ctx.log(`round ${i}: docker-compose up -d ${formatMs(c.ms)}, Up in Berth ${formatMs(u.ms)}`);
        cliMs.push(c.ms);
        uiMs.push(u.ms);
      }
    } catch (e) {
      // What the page showed when a step timed out (a disabled Up…, a chooser error) says more than the timeout.
      const shot = join(tmpdir(), `berth-bench-compose-up-${process.pid}.png`);
      await page.screenshot({ path: shot }).then(
        () => ctx.log(`failed; the page as it was: ${shot}`),
        () => undefined,
      );
      throw e;
    } finally {
      await page.close();
      await down(ctx, true);
      ctx.log(`took ${PROJECT} down (containers, networks, volume, built image)`);
    }
    const cli = median(cliMs);
    const ui = median(uiMs);
    const version = (
      await runTimed('docker-compose', ['version', '--short'], { env: cliEnv(ctx.dockerHost) })
    ).stdout.trim();
    return {
      rows: [
        {
          measure: `up -d of the chapter fixture (3 services, 2 files): click Up → exit shown in the run panel (median of ${uiMs.length})`,
          berth: formatMs(ui),
          cli: formatMs(cli),
          target: `${(ui / cli).toFixed(2)}× CLI (≤ ${RATIO_TARGET}×)`,
          pass: ui / cli <= RATIO_TARGET,
        },
      ],
      samples: { berthUpMs: uiMs, cliMs, composeVersion: version },
      notes: [
        `docker-compose ${version}. Up in Berth ${formatMs(min(uiMs))}–${formatMs(max(uiMs))}, terminal ${formatMs(min(cliMs))}–${formatMs(max(cliMs))}; ` +
          'one project name for both sides, down --volumes after each up (untimed), a warm-up round first (it builds the web image).',
      ],
    };
  },
};
