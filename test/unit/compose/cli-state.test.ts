import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CLI_PATH_SETTING, ComposeCliState, NO_COMPOSE_CLI_MESSAGE } from '../../../electron/engine/compose/cli-state';
import { SettingsStore } from '../../../electron/settings/store';
import { BerthError } from '../../../shared/errors';

/** Fake compose CLIs (shell scripts) on a PATH of their own: detection, caching, the user's path. */
const root = mkdtempSync(join(tmpdir(), 'berth-cli-state-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeCli(path: string, version: string): string {
  writeFileSync(path, `#!/bin/sh\n[ "$1 $2" = "version --short" ] && echo "${version}" && exit 0\nexit 1\n`);
  chmodSync(path, 0o755);
  return path;
}

async function rejection(p: Promise<unknown>): Promise<BerthError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof BerthError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('compose CLI state', () => {
  test('none on PATH: not found, how to install; one installed later is found on the next look', async () => {
    const bin = join(root, 'bin1');
    mkdirSync(bin);
    const state = new ComposeCliState(new SettingsStore(join(root, 'cfg1')), { PATH: bin });
    expect(await state.info()).toEqual({ found: false, error: NO_COMPOSE_CLI_MESSAGE });
    const err = await rejection(state.require());
    expect(err.code).toBe('NOT_FOUND');
    expect(err.details).toEqual({ reason: 'no-compose-cli' });
    expect(err.message).toMatch(/apt install docker-compose/);

    fakeCli(join(bin, 'docker-compose'), '1.29.2');
    expect(await state.info()).toEqual({
      found: true,
      kind: 'standalone',
      command: join(bin, 'docker-compose'),
      version: '1.29.2',
    });
    expect((await state.require()).major).toBe(1);
  });

  test('a user path: probed first, refused with the reason when wrong, kept and persisted when right', async () => {
    const bin = join(root, 'bin2');
    mkdirSync(bin);
    fakeCli(join(bin, 'docker-compose'), '1.29.2');
    const v2 = fakeCli(join(root, 'compose-v2'), 'v2.24.6');
    const settings = new SettingsStore(join(root, 'cfg2'));
    const state = new ComposeCliState(settings, { PATH: bin });

    const wrong = await state.setPath(join(root, 'missing'));
    expect(wrong).toMatchObject({ found: true, version: '1.29.2' });
    expect(wrong.error).toMatch(/missing did not answer "version --short"/);
    expect(await settings.get(CLI_PATH_SETTING)).toBeUndefined();

    expect(await state.setPath(v2)).toEqual({
      found: true,
      kind: 'standalone',
      command: v2,
      version: '2.24.6',
      userPath: v2,
    });
    expect(await settings.get(CLI_PATH_SETTING)).toBe(v2);
    expect((await state.require()).major).toBe(2);

    // A new state (next launch) uses the saved path; when it breaks, that is reported, not replaced.
    rmSync(v2);
    const next = new ComposeCliState(settings, { PATH: bin });
    const info = await next.info();
    expect(info).toMatchObject({ found: false, userPath: v2 });
    expect(info.error).toMatch(/compose-v2 did not answer/);
    const err = await rejection(next.require());
    expect(err.details).toEqual({ reason: 'no-compose-cli', path: v2 });

    expect(await next.setPath(null)).toMatchObject({ found: true, version: '1.29.2' });
    expect(await settings.get(CLI_PATH_SETTING)).toBeUndefined();
  });
});
