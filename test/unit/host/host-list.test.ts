import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { listHostFolder } from '../../../electron/handlers/host';
import { BerthError } from '../../../shared/errors';
import { chooserStart, joinHostPath, startFolder } from '../../../renderer/presentation/paths';

const dir = mkdtempSync(join(tmpdir(), 'berth-host-'));
mkdirSync(join(dir, 'b-folder'));
mkdirSync(join(dir, 'a-folder'));
writeFileSync(join(dir, 'z.txt'), 'hello');
writeFileSync(join(dir, '.hidden'), '');
symlinkSync(join(dir, 'a-folder'), join(dir, 'link-to-folder'));
symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return err instanceof BerthError ? err.code : String(err);
  }
}

describe('host.list', () => {
  test('folders first then files, sizes, links to folders browsable, parent set', async () => {
    const l = await listHostFolder(dir);
    expect(l.path).toBe(dir);
    expect(l.parent).toBe(tmpdir());
    expect(l.entries.map((e) => `${e.kind}:${e.name}`)).toEqual([
      'dir:a-folder',
      'dir:b-folder',
      'dir:link-to-folder',
      'file:.hidden',
      'link:dangling',
      'file:z.txt',
    ]);
    expect(l.entries.find((e) => e.name === 'z.txt')?.size).toBe(5);
    expect(l.truncated).toBe(false);
  });

  test('no path → home; ~ expands; the root has no parent', async () => {
    expect((await listHostFolder(undefined)).path).toBe(homedir());
    expect((await listHostFolder('~')).path).toBe(homedir());
    expect((await listHostFolder('/')).parent).toBeUndefined();
    expect((await listHostFolder(`${dir}/a-folder/..`)).path).toBe(dir);
  });

  test('relative, missing and file paths are refused with a clear code', async () => {
    expect(await code(listHostFolder('relative/path'))).toBe('INVALID_ARGUMENT');
    expect(await code(listHostFolder(join(dir, 'missing')))).toBe('NOT_FOUND');
    expect(await code(listHostFolder(join(dir, 'z.txt')))).toBe('INVALID_ARGUMENT');
  });
});

describe('path picker logic', () => {
  test('startFolder opens the folder of a typed file and keeps its name', () => {
    expect(startFolder('/tmp/x/out.tar', 'save')).toEqual({ folder: '/tmp/x', name: 'out.tar' });
    expect(startFolder('/out.tar', 'file')).toEqual({ folder: '/', name: 'out.tar' });
    expect(startFolder('/tmp/x', 'directory')).toEqual({ folder: '/tmp/x' });
    expect(startFolder('relative', 'directory')).toEqual({});
    expect(startFolder('', 'file')).toEqual({});
  });
  test('joinHostPath does not double the separator', () => {
    expect(joinHostPath('/', 'etc', '/')).toBe('/etc');
    expect(joinHostPath('/tmp', 'a', '/')).toBe('/tmp/a');
    expect(joinHostPath('C:\\', 'a', '\\')).toBe('C:\\a');
  });
  test('chooserStart: absolute values win; relative ones and empty ones start in startIn', () => {
    expect(chooserStart('/abs/Dockerfile', '/ctx')).toBe('/abs/Dockerfile');
    expect(chooserStart('Dockerfile', '/ctx')).toBe('/ctx/Dockerfile');
    expect(chooserStart('./sub/Dockerfile', '/ctx/')).toBe('/ctx/sub/Dockerfile');
    expect(chooserStart('', '/ctx')).toBe('/ctx/');
    expect(chooserStart('', undefined)).toBe('');
    expect(chooserStart('Dockerfile', 'relative')).toBe('Dockerfile');
    expect(startFolder(chooserStart('', '/ctx'), 'file')).toEqual({ folder: '/ctx' });
  });
});
