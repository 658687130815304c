/**
 * The Stacks view in web mode, in Chromium, on the private engine, with the real compose CLI (Debian's
 * docker-compose 1.29 here): up the chapter fixture from its two files through the Up dialog, see its
 * services, scale the worker, stop and start the project, read its merged logs, down it with volumes —
 * each step checked with the docker and docker-compose CLIs. Then a YAML error in the Up dialog, and
 * Berth with no compose CLI on its PATH (API actions still work; a path can be set and cleared).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { createTracker, docker, requireEngine, TEST_IMAGE, uniqueName } from '../helpers/engine';
import { startBerthWeb, type BerthWeb } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

const execFileAsync = promisify(execFile);
const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'compose', 'chapter');
const FAULTS = join(process.cwd(), 'test', 'fixtures', 'compose', 'faults');
/** Projects the fault tests start, for the final clean-up. */
const faultProjects: Array<{ project: string; file: string; envFile?: string }> = [];
const FILES = [join(FIXTURE, 'docker-compose.yml'), join(FIXTURE, 'docker-compose.extra.yml')];
const PROJECT = uniqueName('stack');
const tracker = createTracker();
const scratch = mkdtempSync(join(tmpdir(), 'berth-stacks-e2e-'));

let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;

/** docker-compose as a terminal would run it, on the test engine; a failure is returned, not thrown. */
async function compose(args: string[]): Promise<{ code: number; stdout: string }> {
  const env = { ...process.env, DOCKER_HOST: requireEngine() };
  try {
    const { stdout } = await execFileAsync('docker-compose', args, { cwd: FIXTURE, env });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '' };
  }
}

const fileArgs = FILES.flatMap((f) => ['-f', f]);

/** `docker ps -a` of the project: "service state" lines, sorted. */
async function projectStates(project = PROJECT): Promise<string[]> {
  const { stdout } = await docker([
    'ps',
    '-a',
    '--filter',
    `label=com.docker.compose.project=${project}`,
    '--format',
    '{{.Label "com.docker.compose.service"}} {{.State}}',
  ]);
  return stdout.split('\n').filter(Boolean).sort();
}

async function leftOf(kind: 'network' | 'volume'): Promise<string[]> {
  const { stdout } = await docker([kind, 'ls', '--filter', `label=com.docker.compose.project=${PROJECT}`, '-q']);
  return stdout.split('\n').filter(Boolean);
}

const tree = (): Locator => page.getByRole('treegrid', { name: 'Stacks' });
const treeRow = (name: string): Locator => tree().getByRole('row', { name: new RegExp(`^${name},`) });
/** Clicks a row on its name (the middle of a row may be a port link). */
const pick = (row: Locator): Promise<void> => row.locator('td').first().click();
const toolbar = (name: string): Locator => page.getByRole('toolbar', { name: `Actions for ${name}` });

/** Picks a file in the in-app host chooser opened by `opener`. */
async function chooseFile(opener: Locator, path: string): Promise<void> {
  await opener.click();
  const chooser = page.getByRole('dialog', { name: 'Choose a compose file' });
  await chooser.waitFor();
  const folder = path.replace(/\/[^/]+$/, '');
  const name = path.slice(folder.length + 1);
  await chooser.getByRole('textbox', { name: 'Folder' }).fill(folder);
  await chooser.getByRole('textbox', { name: 'Folder' }).press('Enter');
  await chooser.getByRole('listbox', { name: `Contents of ${folder}` }).waitFor();
  await chooser.getByRole('option', { name }).click();
  await chooser.getByRole('button', { name: 'Choose file' }).click();
  await chooser.waitFor({ state: 'detached' });
}

/** Waits for the run panel named `title` to end; returns its status text. */
async function endRun(title: string, timeout = 120_000): Promise<string> {
  const panel = page.getByRole('dialog', { name: title });
  await panel.waitFor();
  const status = panel.getByRole('status');
  await expect.poll(async () => (await status.textContent()) ?? '', { timeout }).not.toMatch(/Running|Cancelling/);
  return (await status.textContent()) ?? '';
}

/** Like endRun, and the run must have succeeded (else its output is the error). */
async function finishRun(title: string, timeout = 120_000): Promise<string> {
  const text = await endRun(title, timeout);
  if (!/Done/.test(text)) {
    const panel = page.getByRole('dialog', { name: title });
    const output = await panel.getByRole('log', { name: 'Compose output' }).textContent();
    throw new Error(`${title}: ${text}\n${output ?? ''}`);
  }
  return text;
}

/** Opens the Up dialog with exactly `files` and `project`. */
async function openUp(files: string[], project: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Up…' }).first().click();
  const up = page.getByRole('dialog', { name: 'Up a compose stack' });
  await up.waitFor();
  // The dialog keeps the last form: start from no files.
  for (;;) {
    const remove = up.getByRole('button', { name: /^Remove / });
    if ((await remove.count()) === 0) break;
    await remove.first().click();
  }
  for (const [i, f] of files.entries()) {
    await chooseFile(up.getByRole('button', { name: i === 0 ? 'Choose compose file…' : 'Add file…' }), f);
  }
  await up.getByRole('textbox', { name: 'Project name' }).fill(project);
  return up;
}

async function closeRun(title: string): Promise<void> {
  const panel = page.getByRole('dialog', { name: title });
  await panel.getByRole('button', { name: 'Close', exact: true }).last().click();
  await panel.waitFor({ state: 'detached' });
}

async function shot(name: string, on: Page = page): Promise<void> {
  // The app follows the system theme until the user picks one (and the terminal's colours follow it).
  for (const colorScheme of ['dark', 'light'] as const) {
    await on.emulateMedia({ colorScheme });
    await on.waitForTimeout(200);
    await on.screenshot({ path: join(SHOTS, `${name}-${colorScheme}.png`) });
  }
  await on.emulateMedia({ colorScheme: 'dark' });
}

beforeAll(async () => {
  requireEngine();
  // Settings (the compose CLI path) go to a scratch folder, never the user's.
  web = await startBerthWeb({ env: { BERTH_CONFIG_DIR: join(scratch, 'config') } });
  browser = await launchChromium({ viewport: { width: 1440, height: 880 } });
  page = await browser.context.newPage();
  await page.goto(web.url);
  await page.getByRole('link', { name: /^Stacks/ }).click();
  await page
    .getByRole('region', { name: 'Compose CLI' })
    .getByText(/docker-compose 1\./)
    .waitFor({ timeout: 20_000 });
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  // Whatever a failed step left of the project (the test's own project only).
  await compose(['-p', PROJECT, ...fileArgs, 'down', '--volumes', '--remove-orphans', '--rmi', 'local', '-t', '1']);
  tracker.image(`${PROJECT}_web`);
  for (const { project, file, envFile } of faultProjects) {
    const env = envFile ? ['--env-file', envFile] : [];
    await compose(['-p', project, '-f', file, ...env, 'down', '--volumes', '--remove-orphans', '-t', '1']);
    tracker.image(`${project}_slow`);
  }
  await tracker.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

describe('stacks view with the compose CLI', () => {
  test('up from two files, scale, stop, start, merged logs, down with volumes: nothing left', async () => {
    // ---- Up dialog ----
    await page.getByRole('button', { name: 'Up…' }).first().click();
    const up = page.getByRole('dialog', { name: 'Up a compose stack' });
    await up.waitFor();
    await chooseFile(up.getByRole('button', { name: 'Choose compose file…' }), FILES[0]!);
    await chooseFile(up.getByRole('button', { name: 'Add file…' }), FILES[1]!);
    const files = up.getByRole('list', { name: 'Compose files' }).getByRole('listitem');
    // In order, each named by its path.
    expect(await files.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(FILES);
    // The project name defaults as the CLI does (the folder's name): shown as the placeholder.
    const name = up.getByRole('textbox', { name: 'Project name' });
    await expect.poll(() => name.getAttribute('placeholder'), { timeout: 20_000 }).toBe('chapter');
    await name.fill(PROJECT);
    // The variables the files interpolate, with their defaults.
    const vars = up.getByRole('table', { name: 'Variables' });
    await vars.getByRole('row', { name: 'WORKER_INTERVAL' }).waitFor({ timeout: 20_000 });
    expect(await vars.getByRole('row', { name: 'GREETING' }).textContent()).toContain('Hello from the chapter');
    const command = up.getByRole('textbox', { name: 'Command' });
    expect(await command.inputValue()).toContain(`-f ${FILES[0]} -f ${FILES[1]} -p ${PROJECT} up -d`);
    await up.getByRole('checkbox', { name: 'Build images before starting' }).check();
    expect(await command.inputValue()).toContain('up -d --build');
    await shot('up-dialog');
    await up.getByRole('button', { name: 'Up', exact: true }).click();

    // ---- output panel ----
    await finishRun(`Up ${PROJECT}`, 180_000);
    await shot('run-panel');
    await closeRun(`Up ${PROJECT}`);
    expect(await projectStates()).toEqual(['store running', 'web running', 'worker running']);
    const ps = await compose(['-p', PROJECT, ...fileArgs, 'ps']);
    expect(ps.stdout).toContain(`${PROJECT}_worker_1`);

    // ---- the tree: project → services → containers ----
    const project = treeRow(PROJECT);
    await project.waitFor();
    expect(await project.textContent()).toContain('3 running');
    await pick(project);
    await page.keyboard.press('ArrowRight');
    for (const s of ['store', 'web', 'worker']) await treeRow(s).waitFor();
    expect(await project.getAttribute('aria-expanded')).toBe('true');

    // ---- scale the worker to 3 ----
    await pick(treeRow('worker'));
    await toolbar(`${PROJECT}/worker`).getByRole('button', { name: 'Scale' }).click();
    const scale = page.getByRole('dialog', { name: 'Scale worker' });
    await scale.getByRole('spinbutton', { name: 'Replicas' }).fill('3');
    await scale.getByRole('button', { name: 'Scale', exact: true }).click();
    await finishRun(`Scale ${PROJECT}/worker to 3`);
    await closeRun(`Scale ${PROJECT}/worker to 3`);
    expect(await projectStates()).toEqual([
      'store running',
      'web running',
      'worker running',
      'worker running',
      'worker running',
    ]);
    await pick(treeRow('worker'));
    await page.keyboard.press('ArrowRight');
    await treeRow(`${PROJECT}_worker_3 #3`).waitFor();
    expect(await treeRow('worker').textContent()).toContain('3 running');
    // Keys: ↓ to the first replica, Enter opens its page; back finds the tree as it was; ← ← collapses.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const worker1 = (await docker(['inspect', '--format', '{{.Id}}', `${PROJECT}_worker_1`])).stdout.trim();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/containers/${worker1}`);
    await page.goBack();
    await treeRow(`${PROJECT}_worker_1 #1`).waitFor();
    await pick(treeRow(`${PROJECT}_worker_1 #1`));
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await treeRow(`${PROJECT}_worker_1 #1`).waitFor({ state: 'detached' });
    expect(await treeRow('worker').getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowRight');
    await shot('stacks-view');

    // ---- stop, then start the project (Engine API, stacks.action) ----
    await pick(project);
    await toolbar(PROJECT).getByRole('button', { name: 'Stop', exact: true }).click();
    await expect
      .poll(projectStates, { timeout: 60_000 })
      .toEqual(['store exited', 'web exited', 'worker exited', 'worker exited', 'worker exited']);
    await expect.poll(async () => (await project.textContent()) ?? '', { timeout: 20_000 }).toContain('5 exited');
    await toolbar(PROJECT).getByRole('button', { name: 'Start', exact: true }).click();
    await expect
      .poll(projectStates, { timeout: 60_000 })
      .toEqual(['store running', 'web running', 'worker running', 'worker running', 'worker running']);

    // ---- merged logs of the project ----
    await toolbar(PROJECT).getByRole('button', { name: 'Logs' }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#\/logs\?ids=/);
    const ids = decodeURIComponent(await page.evaluate(() => window.location.hash))
      .split('ids=')[1]!
      .split(',');
    expect(ids).toHaveLength(5);
    await expect
      .poll(async () => (await page.getByRole('log', { name: 'Log lines' }).textContent()) ?? '', { timeout: 30_000 })
      .toContain('worker extra: store says');
    await page.goBack();
    await tree().waitFor();

    // ---- the project's files beside the resolved config ----
    await pick(treeRow(PROJECT));
    await toolbar(PROJECT).getByRole('button', { name: 'Files' }).click();
    const filesDlg = page.getByRole('dialog', { name: `Files of ${PROJECT}` });
    await filesDlg.getByRole('tab', { name: 'docker-compose.extra.yml' }).click();
    expect(await filesDlg.getByRole('region', { name: FILES[1] }).textContent()).toContain('WORKER_ID: extra');
    const resolved = filesDlg.getByRole('region', { name: 'Resolved config' }).last();
    await expect.poll(async () => (await resolved.textContent()) ?? '').toContain('WORKER_ID: extra');
    await shot('files-dialog');
    await filesDlg.getByRole('button', { name: 'Close' }).click();

    // ---- remove one service (its 3 replicas); the rest of the project stays ----
    await pick(treeRow('worker'));
    await toolbar(`${PROJECT}/worker`).getByRole('button', { name: 'Remove' }).click();
    const rm = page.getByRole('dialog', { name: `Remove ${PROJECT}/worker?` });
    const goners = rm.getByRole('list', { name: 'Containers to remove' });
    expect(((await goners.textContent()) ?? '').match(/_worker_\d/g)).toHaveLength(3);
    await rm.getByRole('button', { name: 'Remove 3 containers' }).click();
    await finishRun(`Remove ${PROJECT}/worker`);
    await closeRun(`Remove ${PROJECT}/worker`);
    expect(await projectStates()).toEqual(['store running', 'web running']);
    await treeRow('worker').waitFor({ state: 'detached', timeout: 20_000 });

    // ---- down with volumes ----
    await pick(treeRow(PROJECT));
    await toolbar(PROJECT).getByRole('button', { name: 'Down' }).click();
    const down = page.getByRole('dialog', { name: `Down ${PROJECT}?` });
    await down.getByRole('list', { name: 'Containers to remove' }).waitFor({ timeout: 20_000 });
    expect(await down.getByRole('list', { name: 'Volumes to remove' }).count()).toBe(0);
    await down.getByRole('checkbox', { name: /Remove named volumes/ }).check();
    const volumes = down.getByRole('list', { name: 'Volumes to remove' });
    await volumes.waitFor({ timeout: 20_000 });
    expect(await volumes.textContent()).toContain(`${PROJECT}_data`);
    expect(await down.getByRole('list', { name: 'Networks to remove' }).textContent()).toContain(`${PROJECT}_backend`);
    await shot('down-dialog');
    await down.getByRole('button', { name: `Down ${PROJECT}` }).click();
    await finishRun(`Down ${PROJECT}`);
    await closeRun(`Down ${PROJECT}`);
    expect(await projectStates()).toEqual([]);
    expect(await leftOf('network')).toEqual([]);
    expect(await leftOf('volume')).toEqual([]);
    await treeRow(PROJECT).waitFor({ state: 'detached', timeout: 20_000 });
  }, 420_000);

  test('a YAML error shows the CLI’s message and its line in the Up dialog', async () => {
    const dir = join(scratch, 'broken');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'docker-compose.yml');
    writeFileSync(file, 'services:\n  app:\n    image: busybox:latest\n   command: [sleep, "1"]\n');
    const up = await openUp([file], uniqueName('yaml'));
    await up.getByRole('tab', { name: /Resolved config/ }).click();
    const error = up.getByRole('alert', { name: 'Compose error' });
    await error.waitFor({ timeout: 20_000 });
    expect(await error.textContent()).toMatch(/line 4/);
    const marked = up.locator('[aria-current="true"]');
    expect(await marked.textContent()).toContain('command: [sleep');
    await shot('up-yaml-error');
    await up.getByRole('button', { name: 'Cancel' }).click();
  }, 60_000);

  test('a half-started up names the failing service and shows what runs and what does not', async () => {
    // Hold a host port, then ask the stack's "web" to publish on it (through an env file): "side" starts.
    const holder = tracker.container(uniqueName('port-holder'));
    await docker(['run', '-d', '--name', holder, '-p', '80', TEST_IMAGE, 'httpd', '-f', '-p', '80']);
    const port = (await docker(['port', holder, '80'])).stdout.split('\n')[0]!.replace(/.*:/, '');
    const envFile = join(scratch, 'port.env');
    writeFileSync(envFile, `BERTH_T_PORT=${port}\n`);
    const project = uniqueName('half');
    const file = join(FAULTS, 'port-taken.yml');
    faultProjects.push({ project, file, envFile });
    const up = await openUp([file], project);
    await up.getByRole('textbox', { name: 'Env file' }).fill(envFile);
    // The variable comes from the env file (a required one: an error at its row until it is set).
    await expect
      .poll(async () => (await up.getByRole('row', { name: 'BERTH_T_PORT' }).textContent()) ?? '', { timeout: 20_000 })
      .toContain(port);
    await up.getByRole('button', { name: 'Up', exact: true }).click();
    const title = `Up ${project}`;
    expect(await endRun(title)).toMatch(/Failed \(exit code [1-9]/);
    const panel = page.getByRole('dialog', { name: title });
    const errors = panel.getByRole('list', { name: 'Service errors' });
    expect(await errors.textContent()).toContain('web');
    expect(await errors.textContent()).toContain('port is already allocated');
    const left = panel.getByRole('region', { name: `What the engine has of ${project}` });
    await left.getByRole('row', { name: `${project}_side_1, running` }).waitFor({ timeout: 20_000 });
    expect(await left.getByRole('row', { name: new RegExp(`^${project}_web_1, `) }).textContent()).not.toContain(
      'Running',
    );
    await shot('run-failed');
    await closeRun(title);
    expect(await projectStates(project)).toEqual(['side running', 'web created']);
  }, 120_000);

  test('cancelling an up stops the CLI and says what was left (nothing, while v1 builds)', async () => {
    const project = uniqueName('cancel');
    faultProjects.push({ project, file: join(FAULTS, 'slow-build.yml') });
    const up = await openUp([join(FAULTS, 'slow-build.yml')], project);
    await up.getByRole('button', { name: 'Up', exact: true }).click();
    const title = `Up ${project}`;
    const panel = page.getByRole('dialog', { name: title });
    const output = panel.getByRole('log', { name: 'Compose output' });
    await expect.poll(async () => (await output.textContent()) ?? '', { timeout: 60_000 }).toMatch(/Step \d/);
    await panel.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(await endRun(title, 30_000)).toMatch(/Cancelled/);
    // docker-compose 1.x builds every image before it creates any container: nothing was left.
    const left = panel.getByRole('region', { name: `What the engine has of ${project}` });
    await left.getByText(`No container of ${project} exists.`).waitFor({ timeout: 20_000 });
    await shot('run-cancelled');
    await closeRun(title);
    expect(await projectStates(project)).toEqual([]);
    // The build stopped with the CLI: its image never got made.
    const image = await docker(['image', 'inspect', `${project}_slow`], { allowFail: true });
    expect(image.code).not.toBe(0);
  }, 120_000);
});

describe('stacks view without a compose CLI', () => {
  let bare: BerthWeb;
  let barePage: Page;
  const other = uniqueName('nocli');

  beforeAll(async () => {
    // A PATH with neither docker nor docker-compose: Berth finds no compose CLI.
    const emptyBin = join(scratch, 'empty-bin');
    mkdirSync(emptyBin, { recursive: true });
    bare = await startBerthWeb({ env: { PATH: emptyBin, BERTH_CONFIG_DIR: join(scratch, 'config-bare') } });
    barePage = await browser.context.newPage();
    await barePage.goto(bare.url);
    // A compose-labelled container made without compose: the API actions still reach it.
    const c = tracker.container(`${other}_app_1`);
    await docker([
      'run',
      '-d',
      '--name',
      c,
      '--stop-timeout',
      '1',
      '--label',
      `com.docker.compose.project=${other}`,
      '--label',
      'com.docker.compose.service=app',
      '--label',
      'com.docker.compose.container-number=1',
      TEST_IMAGE,
      'sleep',
      '600',
    ]);
  });

  afterAll(async () => {
    await barePage?.close();
    await bare?.stop();
  });

  test('the bar says what needs the CLI, Up is disabled with why, Stop works; a path is set and cleared', async () => {
    const p = barePage;
    await p.getByRole('link', { name: /^Stacks/ }).click();
    const bar = p.getByRole('region', { name: 'Compose CLI' });
    await bar.getByText('No compose CLI.').waitFor({ timeout: 20_000 });
    expect(await bar.textContent()).toContain('Up, Down, Pull, Build and Scale need the compose CLI');
    const upButton = p.getByRole('button', { name: 'Up…' }).first();
    expect(await upButton.isDisabled()).toBe(true);
    expect(await upButton.getAttribute('title')).toMatch(/compose CLI/);

    const row = p.getByRole('treegrid', { name: 'Stacks' }).getByRole('row', { name: new RegExp(`^${other},`) });
    await pick(row);
    const tools = p.getByRole('toolbar', { name: `Actions for ${other}` });
    expect(await tools.getByRole('button', { name: 'Down' }).isDisabled()).toBe(true);
    await tools.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => projectStates(other), { timeout: 30_000 }).toEqual(['app exited']);
    await shot('no-cli', p);

    // A program that is not compose is refused at the field, with the reason.
    await bar.getByRole('button', { name: 'Set path…' }).click();
    const dlg = p.getByRole('dialog', { name: 'Compose CLI path' });
    const field = dlg.getByRole('textbox', { name: 'Compose program' });
    await field.fill('/bin/true');
    await dlg.getByRole('button', { name: 'Use this CLI' }).click();
    await dlg
      .getByRole('alert')
      .getByText(/Not used/)
      .waitFor();
    // The real one is taken, and Up is enabled.
    await field.fill('/usr/bin/docker-compose');
    await dlg.getByRole('button', { name: 'Use this CLI' }).click();
    await dlg.waitFor({ state: 'detached' });
    await bar.getByText(/docker-compose 1\./).waitFor();
    expect(await upButton.isDisabled()).toBe(false);
    // Clearing the path goes back to what the PATH has: nothing.
    await bar.getByRole('button', { name: 'Clear path' }).click();
    await bar.getByText('No compose CLI.').waitFor();
  }, 120_000);
});
