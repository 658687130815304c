import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_PREFS } from '../../../shared/contracts/notifications';
import { notificationHandlers } from '../../../electron/handlers/notifications';
import { loadNotificationPrefs, saveNotificationPrefs } from '../../../electron/settings/notifications';
import { SettingsStore } from '../../../electron/settings/store';

let dir: string;
let store: SettingsStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-notify-prefs-'));
  store = new SettingsStore(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = async (): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;

describe('notification preferences in the settings file', () => {
  it('are off by default (no file yet)', async () => {
    expect(await loadNotificationPrefs(store)).toEqual({ prefs: DEFAULT_NOTIFICATION_PREFS });
    expect(DEFAULT_NOTIFICATION_PREFS).toEqual({
      enabled: false,
      kinds: { exit: true, oom: true, unhealthy: true },
      engines: {},
      muted: [],
    });
  });

  it('are saved under their own key, keeping the other keys of the file', async () => {
    await store.update('theme', 'light');
    const prefs = {
      ...DEFAULT_NOTIFICATION_PREFS,
      enabled: true,
      engines: { 'tcp://h:2376': false },
      muted: [{ kind: 'project' as const, name: 'shop' }],
    };
    await saveNotificationPrefs(store, prefs);
    expect(await file()).toEqual({ version: 1, theme: 'light', notifications: prefs });
    expect((await loadNotificationPrefs(store)).prefs).toEqual(prefs);
  });

  it('refuses an invalid value without writing it', async () => {
    await expect(
      saveNotificationPrefs(store, { ...DEFAULT_NOTIFICATION_PREFS, muted: [{ kind: 'pod', name: 'x' }] }),
    ).rejects.toThrow();
    await expect(readFile(join(dir, 'settings.json'))).rejects.toThrow();
  });

  it('reports a saved value it cannot use, shows defaults, and leaves the file as it was', async () => {
    const text = JSON.stringify({ notifications: { enabled: 'yes' }, theme: 'dark' });
    await writeFile(join(dir, 'settings.json'), text);
    const loaded = await loadNotificationPrefs(store);
    expect(loaded.prefs).toEqual(DEFAULT_NOTIFICATION_PREFS);
    expect(loaded.issue).toMatch(/not valid.*enabled/);
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).toBe(text);
  });

  it('the handlers answer the contract and raise the window on focusWindow', async () => {
    let raised = 0;
    const h = notificationHandlers(store, () => raised++);
    const none = { sender: 'test' };
    const saved = await h['notifications.prefs.set']({ prefs: { ...DEFAULT_NOTIFICATION_PREFS, enabled: true } }, none);
    expect(saved.enabled).toBe(true);
    expect((await h['notifications.prefs.get']({}, none)).prefs.enabled).toBe(true);
    await h['notifications.focusWindow']({}, none);
    expect(raised).toBe(1);
    // Web mode: no window to raise, no error.
    await expect(notificationHandlers(store)['notifications.focusWindow']({}, none)).resolves.toBeUndefined();
  });
});
