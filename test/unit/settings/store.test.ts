import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { defaultSettingsDir, SettingsStore } from '../../../electron/settings/store';

const root = mkdtempSync(join(tmpdir(), 'berth-settings-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => join(root, `d${++n}`);

describe('settings store', () => {
  test('where: BERTH_CONFIG_DIR, else XDG_CONFIG_HOME/berth, else ~/.config/berth', () => {
    expect(defaultSettingsDir({ BERTH_CONFIG_DIR: '/c', XDG_CONFIG_HOME: '/x' }, '/h')).toBe('/c');
    expect(defaultSettingsDir({ XDG_CONFIG_HOME: '/x' }, '/h')).toBe('/x/berth');
    expect(defaultSettingsDir({}, '/h')).toBe('/h/.config/berth');
  });

  test('no file yet: empty; a set creates the folder and the file, with no temp file left', async () => {
    const dir = freshDir();
    const store = new SettingsStore(dir);
    expect(await store.read()).toEqual({});
    await store.update('compose.cliPath', '/opt/compose');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({
      'compose.cliPath': '/opt/compose',
      version: 1,
    });
    expect(readdirSync(dir)).toEqual(['settings.json']);
    await store.update('compose.cliPath', undefined);
    expect(await store.read()).toEqual({ version: 1 });
  });

  test('unknown keys are kept; concurrent updates both land', async () => {
    const dir = freshDir();
    const store = new SettingsStore(dir);
    await store.update('seed', 1);
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ fromNewerBerth: { a: [1, 2] }, seed: 1 }));
    await Promise.all([store.update('a', 'x'), store.update('b', 'y')]);
    expect(await store.read()).toEqual({ fromNewerBerth: { a: [1, 2] }, seed: 1, a: 'x', b: 'y', version: 1 });
  });

  test('a corrupt file is renamed aside, never dropped, and a fresh one written', async () => {
    const dir = freshDir();
    const store = new SettingsStore(dir);
    await store.update('x', 1);
    writeFileSync(join(dir, 'settings.json'), '{ "half": ');
    expect(await store.read()).toEqual({});
    const aside = readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] ?? ''), 'utf8')).toBe('{ "half": ');
    expect(store.keptAside).toEqual([expect.objectContaining({ reason: 'corrupt', path: join(dir, aside[0] ?? '') })]);
    await store.update('y', 2);
    expect(await store.read()).toEqual({ y: 2, version: 1 });

    writeFileSync(join(dir, 'settings.json'), '[1, 2]');
    expect(await store.read()).toEqual({});
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toHaveLength(2);
  });

  test('a file from a newer Berth is moved aside whole and reported; defaults until the next write', async () => {
    const dir = freshDir();
    const store = new SettingsStore(dir);
    const newer = JSON.stringify({ version: 2, theme: { mode: 'auto' }, engines: { list: [] } });
    await store.update('x', 1);
    writeFileSync(join(dir, 'settings.json'), newer);
    expect(await store.read()).toEqual({});
    const aside = readdirSync(dir).filter((f) => f.startsWith('settings.json.newer-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] ?? ''), 'utf8')).toBe(newer);
    expect(store.keptAside).toEqual([
      expect.objectContaining({
        reason: 'newer',
        path: join(dir, aside[0] ?? ''),
        detail: expect.stringMatching(/format 2/),
      }),
    ]);
    // The same version, or none (a file from before versions), is read as it is.
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 1, a: 1 }));
    expect(await store.read()).toEqual({ version: 1, a: 1 });
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ a: 2 }));
    expect(await store.read()).toEqual({ a: 2 });
    // A version that is not a number is corrupt.
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 'two' }));
    expect(await store.read()).toEqual({});
    expect(store.keptAside.map((a) => a.reason)).toEqual(['newer', 'corrupt']);
  });

  test('listeners hear every write with the whole new content', async () => {
    const store = new SettingsStore(freshDir());
    const heard: unknown[] = [];
    const off = store.onChange((s) => heard.push(s));
    await store.update('a', 1);
    await store.change((s) => ({ ...s, b: 2 }));
    off();
    await store.update('c', 3);
    expect(heard).toEqual([
      { a: 1, version: 1 },
      { a: 1, b: 2, version: 1 },
    ]);
  });
});
