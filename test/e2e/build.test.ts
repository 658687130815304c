import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { FIXTURES, newRunId, removeRunImages } from '../helpers/build';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { createTracker, docker, dockerJson, requireEngine, uniqueName, waitFor } from '../helpers/engine';
import { startBerthWeb, type BerthWeb } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

/**
 * Build from the Images view in web mode on the private engine: fill the form (context, several tags,
 * build args), watch the streamed output and the step progress, check the tags with the CLI and the
 * .dockerignore's effect inside the image; a failing step is shown with its output; cancel.
 */

const tracker = createTracker();
const runId = newRunId();
let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;
const tempDirs: string[] = [];

const dialog = (): Locator => page.getByRole('dialog');
const footer = (): Locator => dialog().locator('.dialog-footer');
const output = (): Locator => dialog().getByRole('log', { name: 'Build output' });
const progress = (): Locator => dialog().getByRole('progressbar', { name: 'Build progress' });

async function setTheme(theme: 'dark' | 'light'): Promise<void> {
  await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
}

async function shot(name: string): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    await setTheme(theme);
    await page.screenshot({ path: join(SHOTS, `build-${name}-${theme}.png`) });
  }
  await setTheme('dark');
}

async function openBuild(): Promise<void> {
  await page.getByRole('button', { name: 'Build image', exact: true }).click();
  await page.getByRole('dialog', { name: 'Build an image' }).waitFor();
}

/** Sets the form's fields from scratch (the dialog remembers the last form). */
async function fillForm(opts: {
  context: string;
  dockerfile?: string;
  tags: string[];
  args?: Record<string, string>;
  labels?: Record<string, string>;
}) {
  const d = dialog();
  await d.getByLabel('Context folder', { exact: true }).fill(opts.context);
  await d.getByLabel('Dockerfile', { exact: true }).fill(opts.dockerfile ?? '');
  const tags = d.getByRole('group', { name: 'Tags' });
  // Back to one empty tag row.
  while ((await tags.getByRole('textbox').count()) > 1)
    await tags
      .getByRole('button', { name: /^Remove tag/ })
      .last()
      .click();
  await tags.getByRole('textbox').first().fill('');
  for (const [i, t] of opts.tags.entries()) {
    if (i > 0) await tags.getByRole('button', { name: 'Add tag' }).click();
    await tags.getByLabel(`Tag ${i + 1}`, { exact: true }).fill(t);
  }
  const args = d.getByRole('group', { name: 'Build arguments' });
  while ((await args.getByRole('button', { name: /^Remove build argument/ }).count()) > 0) {
    await args
      .getByRole('button', { name: /^Remove build argument/ })
      .first()
      .click();
  }
  for (const [i, [k, v]] of Object.entries({ BERTH_TEST_RUN: runId, ...opts.args }).entries()) {
    await args.getByRole('button', { name: 'Add build argument' }).click();
    await args.getByLabel(`Build argument ${i + 1} name`, { exact: true }).fill(k);
    await args.getByLabel(`Build argument ${i + 1} value`, { exact: true }).fill(v);
  }
  const labels = d.getByRole('group', { name: 'Labels' });
  while ((await labels.getByRole('button', { name: /^Remove label/ }).count()) > 0) {
    await labels
      .getByRole('button', { name: /^Remove label/ })
      .first()
      .click();
  }
  for (const [i, [k, v]] of Object.entries(opts.labels ?? {}).entries()) {
    await labels.getByRole('button', { name: 'Add label' }).click();
    await labels.getByLabel(`Label ${i + 1} name`, { exact: true }).fill(k);
    await labels.getByLabel(`Label ${i + 1} value`, { exact: true }).fill(v);
  }
}

async function imageId(ref: string): Promise<string> {
  const [info] = await dockerJson<Array<{ Id: string }>>(['image', 'inspect', ref]);
  if (!info) throw new Error(`no image ${ref}`);
  return info.Id;
}

beforeAll(async () => {
  requireEngine();
  web = await startBerthWeb();
  browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
  page = await browser.context.newPage();
  await page.goto(web.url);
  await page.getByRole('link', { name: /^Images/ }).click();
  await page.getByRole('grid', { name: 'Images' }).waitFor();
});

// A failed test must not leave its dialog (or its build) in the way of the next one.
afterEach(async () => {
  if ((await dialog().count()) === 0) return;
  const cancel = dialog().getByRole('button', { name: 'Cancel build' });
  if (await cancel.count()) await cancel.click();
  for (const name of ['Close', 'Cancel']) {
    const b = dialog().locator('.dialog-footer').getByRole('button', { name, exact: true });
    if (await b.count()) {
      await b.click();
      break;
    }
  }
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await tracker.cleanup();
  await removeRunImages(runId);
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

describe('build dialog', () => {
  test('validation messages sit next to their fields and nothing is sent', async () => {
    await openBuild();
    await fillForm({ context: '', tags: ['Bad Name:1', 'ok:1'] });
    await dialog().getByRole('button', { name: 'Build', exact: true }).click();
    const ctx = dialog().getByLabel('Context folder', { exact: true });
    expect(await ctx.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog().getByText('Choose the folder to build from').count()).toBe(1);
    expect(await dialog().getByLabel('Tag 1', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await dialog().getByText('A name cannot contain spaces').count()).toBe(1);
    expect(await dialog().getByLabel('Tag 2', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    // A missing folder is the engine side's refusal, shown on the field.
    await fillForm({ context: join(tmpdir(), uniqueName('no-such-dir')), tags: [] });
    await dialog().getByRole('button', { name: 'Build', exact: true }).click();
    await dialog()
      .getByText(/Cannot use the context folder .*no such file or directory/)
      .waitFor();
    expect(await dialog().getByLabel('Context folder', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await shot('form-errors');
    await dialog().getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => dialog().count()).toBe(0);
  });

  test('a build with several tags and build args streams its output and step progress; tags exist; .dockerignore applied', async () => {
    const repo = uniqueName('e2e-build');
    const tags = [`${repo}:1.0`, `${repo}:latest`].map((t) => tracker.image(t));
    // A step that takes a moment, so the output is seen streaming while the build runs.
    const ctx = mkdtempSync(join(tmpdir(), 'berth-e2e-build-'));
    tempDirs.push(ctx);
    writeFileSync(
      join(ctx, 'Dockerfile'),
      [
        'FROM busybox:latest',
        'ARG BERTH_TEST_RUN=none',
        'LABEL berth.test.run=$BERTH_TEST_RUN',
        'ARG FLAVOUR=plain',
        'COPY . /ctx',
        'RUN for i in 1 2 3 4 5 6; do echo "tick $i ($FLAVOUR)"; sleep 0.5; done',
        'RUN printf "\\033[32mgreen output\\033[0m\\n"',
        '',
      ].join('\n'),
    );
    writeFileSync(join(ctx, '.dockerignore'), '# drafts stay local\n*.draft\n!keep.draft\n');
    writeFileSync(join(ctx, 'a.draft'), 'x');
    writeFileSync(join(ctx, 'keep.draft'), 'keep');
    writeFileSync(join(ctx, 'app.txt'), 'app');

    await openBuild();
    await fillForm({ context: ctx, tags, args: { FLAVOUR: 'spicy' }, labels: { 'org.example.owner': 'e2e' } });
    await shot('form');
    await dialog().getByRole('button', { name: 'Build', exact: true }).click();
    await page.getByRole('dialog', { name: `Building ${tags[0]}` }).waitFor();

    // Streaming: a tick is on screen while the step still runs, with the step in the headline.
    await output().getByText('tick 2 (spicy)').waitFor({ timeout: 60_000 });
    const during = await progress().getAttribute('aria-valuetext');
    // 7 Dockerfile steps plus the LABEL step the classic builder adds for --label.
    expect(during).toMatch(/^Step 6 of 8: RUN for i in/);
    expect(Number(await progress().getAttribute('aria-valuenow'))).toBeGreaterThan(50);
    expect(Number(await progress().getAttribute('aria-valuenow'))).toBeLessThan(100);
    expect(await output().getByText('tick 6 (spicy)').count()).toBe(0);
    await dialog().getByRole('button', { name: 'Cancel build' }).waitFor();
    await shot('running');

    await page.getByRole('dialog', { name: `Built ${tags[0]}` }).waitFor({ timeout: 60_000 });
    expect(Number(await progress().getAttribute('aria-valuenow'))).toBe(100);
    const id = await imageId(tags[0]!);
    for (const t of tags) expect(await imageId(t)).toBe(id);
    const result = dialog().getByRole('status');
    expect(await result.textContent()).toContain(id.replace('sha256:', '').slice(0, 12));
    for (const t of tags) expect(await result.getByRole('listitem').filter({ hasText: t }).count()).toBe(1);
    // ANSI colour kept as colour, not escape codes.
    const green = output().getByText('green output', { exact: true });
    expect(await green.getAttribute('class')).toContain('ansi-green');
    expect(await output().textContent()).not.toContain('\u001b[');
    const [info] = await dockerJson<Array<{ Config: { Labels: Record<string, string> } }>>([
      'image',
      'inspect',
      tags[0]!,
    ]);
    expect(info?.Config.Labels['org.example.owner']).toBe('e2e');
    const files = (await docker(['run', '--rm', tags[0]!, 'sh', '-c', 'cd /ctx && ls -A | sort'])).stdout;
    expect(files.trim().split('\n')).toEqual(['.dockerignore', 'Dockerfile', 'app.txt', 'keep.draft']);
    await shot('built');

    // "Show in Images" filters the list to the new image.
    await dialog().getByRole('button', { name: 'Show in Images' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    const grid = page.getByRole('grid', { name: 'Images' });
    await grid.getByRole('row', { name: tags[0], exact: true }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('searchbox', { name: 'Filter images' }).inputValue()).toBe(tags[0]);
    await page.getByRole('searchbox', { name: 'Filter images' }).fill('');
  });

  test('a failing step is shown with its output and the engine’s message; nothing is tagged', async () => {
    const tag = tracker.image(`${uniqueName('e2e-fail')}:1`);
    await openBuild();
    await fillForm({ context: join(FIXTURES, 'failing'), tags: [tag] });
    await dialog().getByRole('button', { name: 'Build', exact: true }).click();
    await page.getByRole('dialog', { name: `Build ${tag} failed` }).waitFor({ timeout: 60_000 });
    const alert = dialog().getByRole('alert');
    expect(await alert.textContent()).toContain('Step 5 failed');
    expect(await alert.textContent()).toContain('returned a non-zero code: 7');
    expect(await progress().getAttribute('aria-valuetext')).toMatch(
      /^Failed at step 5 of 6: RUN echo "checking the config"/,
    );
    // The failing step's lines are marked, its own output among them; earlier steps are not.
    const failing = output().locator('.build-line.is-failing');
    expect(await failing.first().textContent()).toMatch(/^Step 5\/6 : RUN echo "checking the config"/);
    expect(await failing.filter({ hasText: /^config\.yml: missing key 'port'$/ }).count()).toBe(1);
    expect(await failing.filter({ hasText: /^preparing$/ }).count()).toBe(0);
    expect(await output().getByText('preparing', { exact: true }).count()).toBe(1);
    expect((await docker(['image', 'inspect', tag], { allowFail: true })).code).not.toBe(0);
    await shot('failed');
    await footer().getByRole('button', { name: 'Close', exact: true }).click();
  });

  test('Cancel build stops the engine’s build', async () => {
    const ctx = mkdtempSync(join(tmpdir(), 'berth-e2e-cancel-'));
    tempDirs.push(ctx);
    writeFileSync(
      join(ctx, 'Dockerfile'),
      `FROM busybox:latest\nARG BERTH_TEST_RUN=none\nLABEL berth.test.run=$BERTH_TEST_RUN\nRUN echo sleeping-${runId} && sleep 120\n`,
    );
    const tag = tracker.image(`${uniqueName('e2e-cancel')}:1`);
    await openBuild();
    await fillForm({ context: ctx, tags: [tag] });
    await dialog().getByRole('button', { name: 'Build', exact: true }).click();
    await output().getByText(`sleeping-${runId}`, { exact: true }).waitFor({ timeout: 60_000 });
    const container = /Running in ([0-9a-f]{12})/.exec((await output().textContent()) ?? '')?.[1];
    expect(container).toBeDefined();
    await dialog().getByRole('button', { name: 'Cancel build' }).click();
    await page.getByRole('dialog', { name: `Build ${tag} cancelled` }).waitFor();
    await waitFor(async () => (await docker(['container', 'inspect', container!], { allowFail: true })).code !== 0, {
      timeoutMs: 30_000,
      message: 'the build container goes away after cancel',
    });
    expect((await docker(['image', 'inspect', tag], { allowFail: true })).code).not.toBe(0);
    await footer().getByRole('button', { name: 'Close', exact: true }).click();
  });

  test('pull with no registry reachable: the engine’s reason and what to do instead', async () => {
    await openBuild();
    // The context folder picked with Browse… (the in-app chooser opens at the typed folder).
    await fillForm({ context: FIXTURES, tags: [] });
    const form = page.getByRole('dialog', { name: 'Build an image' });
    await form.getByRole('button', { name: 'Browse for Context folder' }).click();
    const chooser = page.getByRole('dialog', { name: 'Choose context folder' });
    await chooser.getByRole('option', { name: /multistage/ }).click();
    await chooser.getByRole('button', { name: 'Choose multistage' }).click();
    await expect.poll(() => chooser.count()).toBe(0);
    expect(await form.getByLabel('Context folder', { exact: true }).inputValue()).toBe(join(FIXTURES, 'multistage'));
    await form.getByRole('checkbox', { name: /Always pull base images/ }).check();
    await dialog().getByRole('button', { name: 'Build', exact: true }).click();
    await page.getByRole('dialog', { name: 'Build failed' }).waitFor({ timeout: 60_000 });
    const alert = dialog().getByRole('alert');
    expect(await alert.textContent()).toContain('Step 1 failed');
    expect(await alert.textContent()).toMatch(/dial tcp|no such host|lookup|connection refused/);
    expect(await alert.textContent()).toContain('Turn off “Always pull base images”');
    // Back to the form with the same values; unticking pull makes the build work offline.
    await footer().getByRole('button', { name: 'Edit and rebuild' }).click();
    const pull = dialog().getByRole('checkbox', { name: /Always pull base images/ });
    expect(await pull.isChecked()).toBe(true);
    await pull.uncheck();
    await dialog().getByRole('button', { name: 'Build', exact: true }).click();
    await page.getByRole('dialog', { name: 'Built' }).waitFor({ timeout: 60_000 });
    await footer().getByRole('button', { name: 'Close', exact: true }).click();
  });
});
