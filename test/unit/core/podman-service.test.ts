import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { findExecutable, podmanRuntimeDir } from '../../../electron/engine/podman-service';

const dir = mkdtempSync(join(tmpdir(), 'berth-which-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('podmanRuntimeDir', () => {
  test('XDG_RUNTIME_DIR when set, with no note', () => {
    expect(podmanRuntimeDir({ XDG_RUNTIME_DIR: '/run/user/1000' }, '/home/u/.config/berth')).toEqual({
      dir: '/run/user/1000',
    });
  });
  test("else a folder of Berth's own, and a note that says so", () => {
    const r = podmanRuntimeDir({}, '/home/u/.config/berth');
    expect(r.dir).toBe('/home/u/.config/berth/run');
    expect(r.note).toMatch(
      /XDG_RUNTIME_DIR is not set: Berth serves Podman's socket from \/home\/u\/.config\/berth\/run/,
    );
  });
});

describe('findExecutable', () => {
  test('finds an executable on PATH, not a plain file, then in the extra folders', () => {
    const bin = join(dir, 'bin');
    const sbin = join(dir, 'sbin');
    for (const d of [bin, sbin]) mkdirSync(d);
    writeFileSync(join(bin, 'podman'), '#!/bin/sh\n');
    chmodSync(join(bin, 'podman'), 0o755);
    writeFileSync(join(bin, 'dockerd'), 'not executable');
    chmodSync(join(bin, 'dockerd'), 0o644);
    writeFileSync(join(sbin, 'dockerd'), '#!/bin/sh\n');
    chmodSync(join(sbin, 'dockerd'), 0o755);
    const env = { PATH: bin };
    expect(findExecutable('podman', env)).toBe(join(bin, 'podman'));
    expect(findExecutable('dockerd', env)).toBeUndefined();
    expect(findExecutable('dockerd', env, [sbin])).toBe(join(sbin, 'dockerd'));
    expect(findExecutable('nothing-here', env, [sbin])).toBeUndefined();
  });
});
