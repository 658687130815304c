import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { createTracker, docker, requireEngine, TEST_IMAGE, uniqueName } from '../helpers/engine';
import { startBerthWeb, type BerthWeb } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

/**
 * Desktop notifications in web mode, on the real engine. Chromium is granted the permission, and an
 * init script wraps `window.Notification` in a *recorder*: every construction goes to the real API and
 * is also noted (title, options, the instance), because a headless browser shows nothing we could see.
 * The app is not faked: containers really exit on the engine, and Berth's own event stream drives it.
 */

const tracker = createTracker();
let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;
let configDir: string;

interface Recorded {
  title: string;
  body: string;
  tag: string;
  renotify: boolean;
}

/** Installed before any page script: a recorder around the real Notification constructor. */
function installRecorder(): void {
  type Rec = { title: string; options: NotificationOptions & { renotify?: boolean }; instance?: Notification };
  const w = window as unknown as { Notification: typeof Notification; __notes: Rec[] };
  const Real = w.Notification;
  const notes: Rec[] = [];
  w.__notes = notes;
  w.Notification = new Proxy(Real, {
    construct(target, args: [string, NotificationOptions?]) {
      const rec: Rec = { title: args[0], options: args[1] ?? {} };
      notes.push(rec);
      const instance = Reflect.construct(target, args) as Notification;
      rec.instance = instance;
      return instance;
    },
  });
}

async function notes(namePart: string): Promise<Recorded[]> {
  return page.evaluate((part) => {
    const all = (
      window as unknown as {
        __notes: { title: string; options: NotificationOptions & { renotify?: boolean } }[];
      }
    ).__notes;
    return all
      .filter((n) => n.title.includes(part))
      .map((n) => ({
        title: n.title,
        body: n.options.body ?? '',
        tag: n.options.tag ?? '',
        renotify: n.options.renotify === true,
      }));
  }, namePart);
}

async function settingsFile(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(configDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
}

async function runExiting(name: string, code: number, extra: string[] = []): Promise<string> {
  tracker.container(name);
  const { stdout } = await docker([
    'run',
    '-d',
    '--name',
    name,
    ...extra,
    TEST_IMAGE,
    'sh',
    '-c',
    `echo boom-${name}; sleep 0.3; exit ${code}`,
  ]);
  return stdout.trim();
}

beforeAll(async () => {
  requireEngine();
  configDir = mkdtempSync(join(tmpdir(), 'berth-notify-config-'));
  web = await startBerthWeb({ env: { BERTH_CONFIG_DIR: configDir } });
  browser = await launchChromium({ viewport: { width: 1300, height: 860 } });
  await browser.context.grantPermissions(['notifications'], { origin: web.origin });
  await browser.context.addInitScript(installRecorder);
  page = await browser.context.newPage();
  await page.goto(web.url);
  await page.getByRole('button', { name: 'Notification settings' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await tracker.cleanup();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

describe('notifications', () => {
  test('are off by default; turning them on from the bell saves them in the settings file', async () => {
    await page.getByRole('button', { name: 'Notification settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Notifications' });
    const enabled = dialog.getByRole('checkbox', { name: 'Notify me when a container fails' });
    expect(await enabled.isChecked()).toBe(false);
    // Turning them on asks the permission and saves first: the box is ticked once that is done (not at
    // once, which is what locator.check() insists on).
    await enabled.click();
    await expect.poll(() => enabled.isChecked()).toBe(true);
    await expect
      .poll(async () => (await settingsFile().catch((): Record<string, unknown> => ({}))).notifications)
      .toMatchObject({ enabled: true });
    expect(await dialog.getByRole('checkbox', { name: 'Notify for this engine' }).isChecked()).toBe(true);
    expect(await dialog.getByText('Allowed by the system.').count()).toBe(1);

    // Bad input: an empty name is refused next to the field, and nothing is saved.
    await dialog.getByRole('button', { name: 'Mute', exact: true }).click();
    expect(await dialog.getByText('Type a container name.').count()).toBe(1);
    expect((await settingsFile()).notifications).toMatchObject({ muted: [] });

    for (const theme of ['dark', 'light'] as const) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      await dialog.screenshot({ path: `${SHOTS}/notifications-dialog-${theme}.png` });
    }
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await dialog.getByRole('button', { name: 'Done' }).click();
  });

  test('a container that exits 3 gives one notification with its name and code; a click opens its logs', async () => {
    const name = uniqueName('nt-exit');
    const id = await runExiting(name, 3);
    await expect.poll(() => notes(name), { timeout: 15_000 }).toHaveLength(1);
    // Nothing more comes for it (one exit, one notification).
    await new Promise((r) => setTimeout(r, 1500));
    const [n] = await notes(name);
    expect(n?.title).toBe(`${name} exited with code 3`);
    expect(n?.tag).toContain(id);
    // The in-app record of it (a toast).
    await page.getByText(`${name} exited with code 3`).first().waitFor();
    await page.screenshot({ path: `${SHOTS}/toast-dark.png` });

    // Click: the recorded instance's onclick, as the system calls it.
    await page.evaluate((part) => {
      const all = (window as unknown as { __notes: { title: string; instance?: Notification }[] }).__notes;
      const rec = all.find((r) => r.title.includes(part));
      rec?.instance?.onclick?.(new Event('click'));
    }, name);
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/containers/${id}/logs`);
    await page.getByRole('tab', { name: 'Logs', selected: true }).waitFor();
    await page.getByText(`boom-${name}`).first().waitFor({ timeout: 10_000 });
  });

  test('a crash loop (--restart always) gives one notification whose count goes up', async () => {
    const name = uniqueName('nt-loop');
    await runExiting(name, 1, ['--restart', 'always']);
    await expect.poll(async () => (await notes(name)).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await docker(['rm', '-f', name]);
    const all = await notes(name);
    // One notification: every update has the same tag (it replaces the shown one), silently after the first.
    expect(new Set(all.map((n) => n.tag)).size).toBe(1);
    expect(all.map((n) => n.renotify)).toEqual([true, ...all.slice(1).map(() => false)]);
    expect(all[0]?.title).toBe(`${name} exited with code 1`);
    all
      .slice(1)
      .forEach((n, i) =>
        expect(n.title).toMatch(new RegExp(`^${name} exited with code 1 — ${i + 2} times in \\d+ s$`)),
      );
    // `docker rm -f` killed it: that exit is no crash.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await notes(name)).toHaveLength(all.length);
  });

  test('an OOM kill gives one notification (not one per oom event, nor one for its exit)', async () => {
    const name = uniqueName('nt-oom');
    tracker.container(name);
    const memory = ['--memory', '8m', '--memory-swap', '8m'];
    await docker(['run', '-d', '--name', name, ...memory, TEST_IMAGE, 'sh', '-c', 'head -c 60000000 /dev/zero | tail']);
    await expect.poll(() => notes(name), { timeout: 20_000 }).toHaveLength(1);
    await expect
      .poll(async () => (await docker(['inspect', '-f', '{{.State.Status}}', name])).stdout.trim(), { timeout: 20_000 })
      .toBe('exited');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await notes(name)).map((n) => n.title)).toEqual([`${name} was killed: out of memory`]);
  });

  test('a container turning unhealthy gives one notification', async () => {
    const name = uniqueName('nt-sick');
    tracker.container(name);
    const health = ['--health-cmd', 'false', '--health-interval', '1s', '--health-retries', '1'];
    await docker(['run', '-d', '--name', name, ...health, TEST_IMAGE, 'sleep', '300']);
    await expect.poll(() => notes(name), { timeout: 20_000 }).toHaveLength(1);
    expect((await notes(name))[0]?.title).toBe(`${name} is unhealthy`);
    await docker(['rm', '-f', name]);
  });

  test('a muted container and a stopped one give none', async () => {
    const muted = uniqueName('nt-muted');
    tracker.container(muted);
    const { stdout } = await docker(['create', '--name', muted, TEST_IMAGE, 'sh', '-c', 'exit 2']);
    const mutedId = stdout.trim();
    // Mute it from its page.
    await page.goto(`${web.origin}/#/containers/${mutedId}`);
    await page.getByRole('button', { name: 'Mute', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Notifications for ${muted}` });
    const muteBox = dialog.getByRole('checkbox', { name: `Mute container ${muted}` });
    await muteBox.click();
    await expect.poll(() => muteBox.isChecked()).toBe(true);
    await dialog.screenshot({ path: `${SHOTS}/mute-dialog-dark.png` });
    await expect
      .poll(async () => (await settingsFile()).notifications)
      .toMatchObject({ muted: [{ kind: 'container', name: muted }] });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Muted', exact: true }).waitFor();
    await page.screenshot({
      path: `${SHOTS}/container-muted-dark.png`,
      clip: { x: 0, y: 0, width: 1300, height: 140 },
    });

    const stopped = uniqueName('nt-stopped');
    tracker.container(stopped);
    await docker(['run', '-d', '--name', stopped, TEST_IMAGE, 'sleep', '300']);
    await docker(['stop', '-t', '1', stopped]); // sh ignores SIGTERM as PID 1: SIGKILL, exit 137

    await docker(['start', muted]);
    // Events arrive in order: once a later container's notification is here, both exits were seen.
    const control = uniqueName('nt-control');
    await runExiting(control, 4);
    await expect.poll(() => notes(control), { timeout: 15_000 }).toHaveLength(1);
    expect((await docker(['inspect', '-f', '{{.State.ExitCode}}', muted])).stdout.trim()).toBe('2');
    expect((await docker(['inspect', '-f', '{{.State.ExitCode}}', stopped])).stdout.trim()).toBe('137');
    expect(await notes(muted)).toEqual([]);
    expect(await notes(stopped)).toEqual([]);

    // Unmute from the settings list.
    await page.getByRole('button', { name: 'Notification settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Notifications' });
    for (const theme of ['dark', 'light'] as const) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      await settings.screenshot({ path: `${SHOTS}/settings-muted-${theme}.png` });
    }
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await settings.getByRole('button', { name: `Unmute container ${muted}` }).click();
    await expect.poll(async () => (await settingsFile()).notifications).toMatchObject({ muted: [] });
    await settings.getByRole('button', { name: 'Done' }).click();
  });
});
