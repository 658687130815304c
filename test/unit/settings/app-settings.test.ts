import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS, SettingsPatch, SettingsValues } from '../../../shared/contracts/settings';
import { AppSettings, checkSettings, type ComposePathSetter } from '../../../electron/settings/app-settings';
import { SettingsStore } from '../../../electron/settings/store';

const root = mkdtempSync(join(tmpdir(), 'berth-app-settings-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** The compose path setter without a real CLI: /ok/* "works", anything else is refused. */
function fakeCompose(store: SettingsStore): ComposePathSetter {
  return {
    forget: () => undefined,
    async setPath(path) {
      if (path === null) {
        await store.update('compose.cliPath', undefined);
        return {};
      }
      if (!path.startsWith('/ok/')) return { error: `${path}: no such file` };
      await store.update('compose.cliPath', path);
      return { userPath: path };
    },
  };
}

function fresh(): { dir: string; store: SettingsStore; app: AppSettings; file: () => Record<string, unknown> } {
  const dir = join(root, `d${++n}`);
  const store = new SettingsStore(dir);
  const app = new AppSettings(store, fakeCompose(store));
  const file = (): Record<string, unknown> =>
    JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;
  return { dir, store, app, file };
}

describe('settings schema', () => {
  test('the defaults are valid, and each limit has a message a person can read', () => {
    expect(SettingsValues.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    const msg = (patch: unknown): string | undefined => {
      const r = SettingsPatch.safeParse(patch);
      return r.success ? undefined : `${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`;
    };
    expect(msg({ terminal: { fontSize: 3 } })).toBe('terminal.fontSize: Font size must be at least 6');
    expect(msg({ terminal: { fontSize: 12.5 } })).toBe('terminal.fontSize: Font size must be a whole number');
    expect(msg({ terminal: { scrollback: -1 } })).toBe('terminal.scrollback: Scrollback must be at least 0');
    expect(msg({ terminal: { cursorStyle: 'beam' } })).toMatch(/^terminal.cursorStyle:/);
    expect(msg({ logs: { tail: 0 } })).toBe('logs.tail: Tail must be at least 1');
    expect(msg({ compose: { cliPath: 'docker-compose' } })).toMatch(/^compose.cliPath: Use an absolute path/);
    expect(msg({ theme: 'blue' })).toMatch(/^theme:/);
    expect(msg({ engines: {} })).toMatch(/engines/); // other features' keys are not this schema's
    expect(msg({ logs: { tail: 'all' }, terminal: { fontSize: 20 }, theme: 'light' })).toBeUndefined();
  });

  test('checkSettings: defaults fill what is missing; a bad section is named and falls back', () => {
    const c = checkSettings({ theme: 'dark', terminal: { fontSize: 99, cursorBlink: true }, logs: { wrap: true } });
    expect(c.values.theme).toBe('dark');
    expect(c.values.terminal).toEqual(DEFAULT_SETTINGS.terminal);
    expect(c.values.logs).toEqual({ ...DEFAULT_SETTINGS.logs, wrap: true });
    expect(c.bad).toEqual(['terminal']);
    expect(c.problems).toEqual(['terminal.fontSize: Font size must be at most 48']);
  });
});

describe('app settings', () => {
  test('set writes only its keys; other features’ keys stay as they are', async () => {
    const { dir, app, file } = fresh();
    const others = { engines: { chosen: 'podman', added: [{ url: 'ssh://me@host' }] }, notifications: { on: true } };
    await new SettingsStore(dir).change(() => ({ ...others, futureKey: [1, 2] }));
    const { state, errors } = await app.set({ theme: 'light', terminal: { fontSize: 16 } });
    expect(errors).toEqual({});
    expect(state.values.theme).toBe('light');
    expect(state.values.terminal).toEqual({ ...DEFAULT_SETTINGS.terminal, fontSize: 16 });
    expect(file()).toEqual({
      ...others,
      futureKey: [1, 2],
      version: 1,
      theme: 'light',
      terminal: { ...DEFAULT_SETTINGS.terminal, fontSize: 16 },
    });
  });

  test('concurrent sets of different fields all land', async () => {
    const { app } = fresh();
    await Promise.all([
      app.set({ terminal: { fontSize: 15 } }),
      app.set({ terminal: { scrollback: 200 } }),
      app.set({ logs: { tail: 50 } }),
      app.set({ logs: { wrap: true } }),
      app.set({ confirmations: { stopRestart: true } }),
    ]);
    const v = (await app.state()).values;
    expect(v.terminal.fontSize).toBe(15);
    expect(v.terminal.scrollback).toBe(200);
    expect(v.logs).toEqual({ tail: 50, timestamps: false, wrap: true });
    expect(v.confirmations.stopRestart).toBe(true);
  });

  test('a refused compose path is a field error and not saved; the other fields are', async () => {
    const { app, file } = fresh();
    const r = await app.set({ compose: { cliPath: '/nope/compose' }, logs: { timestamps: true } });
    expect(r.errors).toEqual({ 'compose.cliPath': '/nope/compose: no such file' });
    expect(r.state.values.compose.cliPath).toBeNull();
    expect(r.state.values.logs.timestamps).toBe(true);
    expect(file()['compose.cliPath']).toBeUndefined();
    const ok = await app.set({ compose: { cliPath: '/ok/docker-compose' } });
    expect(ok.errors).toEqual({});
    expect(file()['compose.cliPath']).toBe('/ok/docker-compose');
  });

  test('an invalid value in the file: the file is copied aside, that section reset, the rest kept', async () => {
    const { dir, app, file } = fresh();
    const text = JSON.stringify({ version: 1, theme: 'dark', terminal: { fontSize: 'huge' }, engines: { x: 1 } });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'settings.json'), text);
    const state = await app.state();
    expect(state.values.theme).toBe('dark');
    expect(state.values.terminal).toEqual(DEFAULT_SETTINGS.terminal);
    expect(state.keptAside).toEqual([
      expect.objectContaining({ reason: 'invalid', detail: expect.stringMatching(/^terminal\.fontSize: /) }),
    ]);
    const copy = readdirSync(dir).find((f) => f.startsWith('settings.json.invalid-'));
    expect(copy).toBeDefined();
    expect(readFileSync(join(dir, copy ?? ''), 'utf8')).toBe(text);
    expect(file()).toEqual({ version: 1, theme: 'dark', engines: { x: 1 } });
    // Once fixed, reading again keeps nothing more aside.
    await app.state();
    expect((await app.state()).keptAside).toHaveLength(1);
  });

  test('reset of a section leaves the others; reset all empties the file, other features included', async () => {
    const { dir, app, file } = fresh();
    await new SettingsStore(dir).change(() => ({ engines: { chosen: 'x' }, notifications: { on: true } }));
    await app.set({ theme: 'dark', logs: { tail: 'all' }, compose: { cliPath: '/ok/c' } });
    await app.reset('logs');
    expect(file()).toEqual({
      engines: { chosen: 'x' },
      notifications: { on: true },
      theme: 'dark',
      'compose.cliPath': '/ok/c',
      version: 1,
    });
    await app.reset('compose');
    expect(file()['compose.cliPath']).toBeUndefined();
    const state = await app.reset('all');
    expect(state.values).toEqual(DEFAULT_SETTINGS);
    expect(file()).toEqual({ version: 1 });
  });

  test('watchers hear changes made through any path (set, reset, the compose CLI, another feature)', async () => {
    const { store, app } = fresh();
    const heard: string[] = [];
    const off = app.onChange((s) => heard.push(`${s.values.theme}/${s.values.logs.tail}`));
    await app.set({ theme: 'light' });
    await store.update('notifications', { on: false });
    await app.set({ logs: { tail: 10 } });
    await app.reset('all');
    off();
    expect(heard).toEqual(['light/1000', 'light/1000', 'light/10', 'system/1000']);
  });
});
