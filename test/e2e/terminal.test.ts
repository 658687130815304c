/**
 * The Terminal tab in web mode, in Chromium, on the private engine: open a shell and type into it,
 * resize, paste, several sessions, closing a session ends the exec in the engine, the container
 * stopping under an open terminal, and Ctrl-C on a flood of output.
 *
 * The terminal renders with WebGL when it can; these tests ask for xterm's DOM renderer
 * (localStorage 'berth.terminal.renderer' = 'dom') so the screen can be read as text.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import {
  createTracker,
  docker,
  engineSocketPath,
  requireEngine,
  TEST_IMAGE,
  uniqueName,
  waitFor,
} from '../helpers/engine';
import { terminalOf } from '../helpers/terminalUi';
import { startBerthWeb, type BerthWeb } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

const VIEWPORT = { width: 1400, height: 860 };
const tracker = createTracker();

let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;

async function runContainer(suffix: string): Promise<{ name: string; id: string }> {
  const name = tracker.container(uniqueName(`term-${suffix}`));
  const { stdout } = await docker(['run', '-d', '--name', name, '--stop-timeout', '1', TEST_IMAGE, 'sleep', '600']);
  return { name, id: stdout.trim() };
}

/** Exec ids the engine reports as running in the container. */
async function runningExecs(id: string): Promise<string[]> {
  const d = new Dockerode({ socketPath: engineSocketPath() });
  const info = await d.getContainer(id).inspect();
  const states = await Promise.all(
    (info.ExecIDs ?? []).map(async (x) => ({
      x,
      s: await d
        .getExec(x)
        .inspect()
        .catch(() => undefined),
    })),
  );
  return states.filter((e) => e.s?.Running).map((e) => e.x);
}

async function openTerminalTab(id: string): Promise<void> {
  await page.evaluate((cid) => {
    window.location.hash = `#/containers/${cid}/terminal`;
  }, id);
  await page.getByRole('tablist', { name: 'Terminal sessions' }).waitFor();
}

// The terminal's screen as text (DOM renderer), typing into it, opening a shell.
const { activeSession, screen, waitScreen, typeLine, openShell } = terminalOf(() => page);

/** Last `rows cols` printed by `stty size`. */
async function sttySize(marker: string): Promise<{ rows: number; cols: number }> {
  await typeLine(`echo ${marker}-$(stty size | tr ' ' x)`);
  const text = await waitScreen(new RegExp(`${marker}-\\d+x\\d+`));
  const m = new RegExp(`${marker}-(\\d+)x(\\d+)`).exec(text)!;
  return { rows: Number(m[1]), cols: Number(m[2]) };
}

beforeAll(async () => {
  requireEngine();
  await mkdir(SHOTS, { recursive: true });
  web = await startBerthWeb();
  browser = await launchChromium({ viewport: VIEWPORT });
  await browser.context.addInitScript(() => window.localStorage.setItem('berth.terminal.renderer', 'dom'));
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.origin });
  page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(web.url);
  await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 20_000 });
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await tracker.cleanup();
});

describe('terminal', () => {
  test('opens a shell; typed commands run and show their output', async () => {
    const c = await runContainer('echo');
    await openTerminalTab(c.id);
    await page.getByRole('form', { name: 'Open a terminal' }).waitFor();
    await openShell();
    await typeLine('echo hello-$((20+22))');
    await waitScreen(/hello-42/);
    // The shell really runs in the container: its effect is visible to the docker CLI.
    await typeLine('echo from-berth > /berth-proof');
    await waitFor(async () =>
      (await docker(['exec', c.name, 'cat', '/berth-proof'], { allowFail: true })).stdout.includes('from-berth'),
    );

    const theme = (): Promise<string | undefined> => page.evaluate(() => document.documentElement.dataset.theme);
    for (const want of ['dark', 'light'] as const) {
      if ((await theme()) !== want) await page.getByRole('button', { name: 'Toggle theme' }).click();
      await typeLine(`printf '\\033[1;32mgreen\\033[0m \\033[33myellow\\033[0m \\033[34mblue\\033[0m\\n'; ls -l /`);
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(SHOTS, `terminal-${want}.png`) });
    }
  });

  test('the cursor is steady by default; "Blinking cursor" turns blinking on for every terminal and is remembered', async () => {
    const c = await runContainer('blink');
    await openTerminalTab(c.id);
    await openShell();
    const toggle = activeSession().getByRole('button', { name: 'Blinking cursor' });
    const blinking = (): Promise<boolean> =>
      activeSession()
        .locator('.xterm-rows .xterm-cursor-blink')
        .count()
        .then((n) => n > 0);
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await blinking()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await waitFor(blinking, { timeoutMs: 5000, message: 'a blinking cursor' });
    // Kept across a reload (and for the next session).
    await page.reload();
    await page.getByRole('tablist', { name: 'Terminal sessions' }).waitFor({ timeout: 20_000 });
    await openShell();
    await waitFor(blinking, { timeoutMs: 5000, message: 'a blinking cursor after the reload' });
    await activeSession().getByRole('button', { name: 'Blinking cursor', pressed: true }).click();
    await waitFor(async () => !(await blinking()), { timeoutMs: 5000, message: 'a steady cursor again' });
  });

  test('resizing the window resizes the TTY (stty size)', async () => {
    const c = await runContainer('resize');
    await openTerminalTab(c.id);
    await openShell();
    const before = await sttySize('s1');
    expect(before.cols).toBeGreaterThan(60);
    await page.setViewportSize({ width: 1000, height: 600 });
    try {
      await waitFor(
        async () => {
          const now = await sttySize(`s${Date.now() % 100000}`);
          return now.cols < before.cols && now.rows < before.rows;
        },
        { timeoutMs: 10_000, intervalMs: 300 },
      );
    } finally {
      await page.setViewportSize(VIEWPORT);
    }
  });

  test('pastes with Ctrl+V, Ctrl+Shift+V and the context menu; copies with Ctrl+Shift+C', async () => {
    const c = await runContainer('paste');
    await openTerminalTab(c.id);
    await openShell();
    const setClipboard = (text: string): Promise<void> => page.evaluate((t) => navigator.clipboard.writeText(t), text);

    await setClipboard('echo pasted-$((6*7))');
    await activeSession().locator('.xterm').click();
    await page.keyboard.press('Control+V');
    await page.keyboard.press('Enter');
    await waitScreen(/pasted-42/);

    await setClipboard('echo shifted-$((7*7))');
    await page.keyboard.press('Control+Shift+V');
    await page.keyboard.press('Enter');
    await waitScreen(/shifted-49/);

    await setClipboard('echo menu-$((8*8))');
    await activeSession().locator('.term-host').click({ button: 'right' });
    await page
      .getByRole('menu', { name: 'Terminal' })
      .getByRole('menuitem', { name: /^Paste/ })
      .click();
    // The shell echoes the pasted line once it arrived (by then the menu has given the focus back).
    await waitScreen(/echo menu-\$\(\(8\*8\)\)/);
    await page.keyboard.press('Enter');
    await waitScreen(/menu-64/);

    // Select all (menu) + Ctrl+Shift+C puts the screen text on the clipboard.
    await activeSession().locator('.term-host').click({ button: 'right' });
    await page.getByRole('menuitem', { name: /^Select all/ }).click();
    await page.keyboard.press('Control+Shift+C');
    await waitFor(async () => (await page.evaluate(() => navigator.clipboard.readText())).includes('menu-64'));
  });

  test('several sessions in tabs; closing a tab ends its exec in the engine', async () => {
    const c = await runContainer('tabs');
    await openTerminalTab(c.id);
    await openShell();
    await typeLine('export WHO=first');
    await page.getByRole('button', { name: 'New terminal' }).click();
    await page.getByRole('radio', { name: 'Command' }).click();
    await page.getByRole('textbox', { name: 'Command' }).fill('sh');
    await page.getByRole('textbox', { name: 'Working directory' }).fill('/etc');
    await page.getByRole('button', { name: 'Run command' }).click();
    await activeSession().getByText('Connected', { exact: true }).waitFor();
    await typeLine('echo "in-$(pwd)-[$WHO]"');
    await waitScreen(/in-\/etc-\[\]/);
    const tabs = page.getByRole('tablist', { name: 'Terminal sessions' }).getByRole('tab');
    expect(await tabs.allInnerTexts()).toEqual(['Shell 1', 'sh 2']);
    await waitFor(async () => (await runningExecs(c.id)).length === 2, { message: 'two execs running' });

    // Back to the first tab: its shell kept its state.
    await page.getByRole('tab', { name: 'Shell 1' }).click();
    await typeLine('echo "who-[$WHO]"');
    await waitScreen(/who-\[first\]/);

    await page.getByRole('button', { name: 'Close sh 2' }).click();
    await waitFor(async () => (await runningExecs(c.id)).length === 1, { message: 'one exec left', timeoutMs: 8000 });
    await page.getByRole('button', { name: 'Close Shell 1' }).click();
    await waitFor(async () => (await runningExecs(c.id)).length === 0, { message: 'no exec left', timeoutMs: 8000 });
    // Closing the last tab leaves a fresh form (remembering the last choice).
    await page.getByRole('form', { name: 'Open a terminal' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Command' }).getAttribute('aria-checked')).toBe('true');
  });

  test('leaving the Terminal tab ends the exec', async () => {
    const c = await runContainer('leave');
    await openTerminalTab(c.id);
    await openShell();
    await waitFor(async () => (await runningExecs(c.id)).length === 1);
    await page.getByRole('tab', { name: 'Overview' }).click();
    await waitFor(async () => (await runningExecs(c.id)).length === 0, { timeoutMs: 8000, message: 'exec ended' });
  });

  test('the container stopping under an open terminal says so and offers Reconnect', async () => {
    const c = await runContainer('stop');
    await openTerminalTab(c.id);
    await openShell();
    await docker(['stop', '-t', '1', c.name]);
    await activeSession()
      .getByRole('status')
      .getByText(/Container stopped/)
      .waitFor({ timeout: 10_000 });
    await waitScreen(/Container stopped/);
    const reconnect = activeSession().getByRole('button', { name: 'Reconnect' });
    await reconnect.waitFor();
    // One Reconnect (in the note that says why), not a second one in the toolbar.
    expect(await reconnect.count()).toBe(1);
    // Reconnecting while it is still stopped shows the engine's reason.
    await reconnect.click();
    await activeSession()
      .getByRole('alert')
      .getByText(/is not running/)
      .waitFor({ timeout: 10_000 });
    await docker(['start', c.name]);
    await activeSession().getByRole('button', { name: 'Try again' }).click();
    await activeSession().getByText('Connected', { exact: true }).waitFor({ timeout: 10_000 });
    await typeLine('echo back-$((50+5))');
    await waitScreen(/back-55/);
  });

  test('a shell in a stopped container shows the engine reason', async () => {
    const name = tracker.container(uniqueName('term-created'));
    const id = (await docker(['create', '--name', name, TEST_IMAGE, 'sleep', '600'])).stdout.trim();
    await openTerminalTab(id);
    await page
      .getByRole('note')
      .getByText(/a terminal needs it running/)
      .waitFor();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SHOTS, 'terminal-form.png') });
    await page.getByRole('button', { name: 'Open shell' }).click();
    await activeSession()
      .getByRole('alert')
      .getByText(/is not running/)
      .waitFor({ timeout: 10_000 });
  });

  test('Ctrl-C stops `yes` within a second', async () => {
    const c = await runContainer('yes');
    await openTerminalTab(c.id);
    await openShell();
    await typeLine('yes');
    await page.waitForTimeout(1000);
    await page.keyboard.press('Control+C');
    const t0 = Date.now();
    // Output has stopped when the prompt is back and the screen no longer changes.
    let last = '';
    let stableSince = Date.now();
    while (Date.now() - t0 < 5000) {
      const now = await screen();
      if (now !== last) {
        last = now;
        stableSince = Date.now();
      } else if (Date.now() - stableSince > 300 && /[#$]\s*$/m.test(now)) break;
      await page.waitForTimeout(25);
    }
    const stoppedAfter = stableSince - t0;
    console.log(`yes + Ctrl-C: output stopped ${stoppedAfter} ms after the key`);
    expect(stoppedAfter).toBeLessThan(1000);
    await typeLine('echo alive-$((1+1))');
    await waitScreen(/alive-2/);
  });

  test('attach mode warns about Ctrl-C and detaches with the detach keys', async () => {
    const name = tracker.container(uniqueName('term-attach'));
    const id = (
      await docker([
        'run',
        '-d',
        '-it',
        '--name',
        name,
        '--stop-timeout',
        '1',
        TEST_IMAGE,
        'sh',
        '-c',
        'while true; do echo tick-$(date +%s); sleep 1; done',
      ])
    ).stdout.trim();
    await openTerminalTab(id);
    await page.getByRole('radio', { name: 'Attach' }).click();
    await page
      .getByRole('note')
      .getByText(/may stop the container/)
      .waitFor();
    await page.getByRole('button', { name: 'Attach' }).click();
    await activeSession()
      .getByRole('note')
      .getByText(/Ctrl-C may stop the container/)
      .waitFor();
    await waitScreen(/tick-\d+/);
    await activeSession().locator('.xterm').click();
    await page.keyboard.press('Control+P');
    await page.keyboard.press('Control+Q');
    await activeSession()
      .getByRole('status')
      .getByText(/Detached/)
      .waitFor({ timeout: 10_000 });
    expect((await docker(['inspect', '-f', '{{.State.Running}}', name])).stdout.trim()).toBe('true');
  });
});
