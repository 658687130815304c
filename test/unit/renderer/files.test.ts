import { describe, expect, test } from 'vitest';
import type { FileEntry } from '../../../shared/contracts/files';
import {
  breadcrumbs,
  childSegs,
  downloadName,
  escapeName,
  filePathOf,
  matchesFilter,
  modeString,
  parsePathText,
  segsOfFilePath,
  sortEntries,
} from '../../../renderer/presentation/files';

const entry = (name: string, type: FileEntry['type'], extra: Partial<FileEntry> = {}): FileEntry => ({
  name,
  type,
  size: 0,
  mode: 0o644,
  uid: 0,
  gid: 0,
  mtime: 0,
  ...extra,
});

describe('paths', () => {
  test('typed paths are normalised', () => {
    expect(parsePathText('/a/./b/../c/')).toEqual([{ text: 'a' }, { text: 'c' }]);
    expect(filePathOf(parsePathText('/'))).toEqual({ text: '/' });
    expect(filePathOf(parsePathText('etc//ssl'))).toEqual({ text: '/etc/ssl' });
  });

  test('a non-UTF-8 name keeps its bytes through join and split', () => {
    const raw = new Uint8Array([0x62, 0xff, 0x61]); // "b\xffa"
    const b64 = btoa(String.fromCharCode(...raw));
    const segs = childSegs(parsePathText('/data'), { name: 'b\uFFFDa', nameB64: b64 });
    const fp = filePathOf(segs);
    expect(fp.text).toBe('/data/b\uFFFDa');
    expect([...atob(fp.b64 ?? '')].map((c) => c.charCodeAt(0))).toEqual([
      0x2f,
      ...'data'.split('').map((c) => c.charCodeAt(0)),
      0x2f,
      0x62,
      0xff,
      0x61,
    ]);
    expect(segsOfFilePath(fp)).toEqual([{ text: 'data' }, { text: 'b\uFFFDa', b64 }]);
  });

  test('breadcrumbs open each ancestor', () => {
    const crumbs = breadcrumbs(parsePathText('/etc/ssl'));
    expect(crumbs.map((c) => c.label)).toEqual(['/', 'etc', 'ssl']);
    expect(filePathOf(crumbs[1]?.segs ?? []).text).toBe('/etc');
  });
});

describe('display', () => {
  test('mode strings like ls', () => {
    expect(modeString('dir', 0o755)).toBe('drwxr-xr-x');
    expect(modeString('file', 0o4755)).toBe('-rwsr-xr-x');
    expect(modeString('file', 0o2644)).toBe('-rw-r-Sr--');
    expect(modeString('dir', 0o1777)).toBe('drwxrwxrwt');
    expect(modeString('link', 0o777)).toBe('lrwxrwxrwx');
  });

  test('control characters are escaped', () => {
    expect(escapeName('a\nb')).toBe('a\\nb');
    expect(escapeName('t\tx\u0001\\')).toBe('t\\tx\\x01\\\\');
    expect(escapeName('plain é')).toBe('plain é');
  });

  test('download names', () => {
    expect(downloadName('hosts', 'file')).toBe('hosts');
    expect(downloadName('etc', 'dir')).toBe('etc.tar');
    expect(downloadName('a\nb', 'file')).toBe('a_b');
  });

  test('filter matches the shown name', () => {
    expect(matchesFilter({ name: 'Passwd' }, 'pass')).toBe(true);
    expect(matchesFilter({ name: 'a\nb' }, 'a\\n')).toBe(true);
    expect(matchesFilter({ name: 'group' }, 'pass')).toBe(false);
  });
});

describe('sorting', () => {
  const list = [
    entry('b.txt', 'file', { size: 5, mtime: 3 }),
    entry('zdir', 'dir', { mtime: 1 }),
    entry('a.txt', 'file', { size: 50, mtime: 2 }),
    entry('adir', 'dir', { mtime: 2 }),
  ];
  test('folders first in both directions', () => {
    expect(sortEntries(list, 'name', false).map((e) => e.name)).toEqual(['adir', 'zdir', 'a.txt', 'b.txt']);
    expect(sortEntries(list, 'name', true).map((e) => e.name)).toEqual(['zdir', 'adir', 'b.txt', 'a.txt']);
    expect(sortEntries(list, 'size', true).map((e) => e.name)).toEqual(['adir', 'zdir', 'a.txt', 'b.txt']);
    expect(sortEntries(list, 'mtime', false).map((e) => e.name)).toEqual(['zdir', 'adir', 'a.txt', 'b.txt']);
  });
});
