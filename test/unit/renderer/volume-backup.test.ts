import { describe, expect, test } from 'vitest';
import type { UsedBy } from '../../../shared/models';
import {
  backupFileName,
  bindsHostFolder,
  cloneName,
  cloneNameError,
  copiedText,
  formatOfPath,
  overwriteText,
  planSummary,
  runningUsers,
  someNames,
  volumeNameFromBackup,
  withFormat,
} from '../../../renderer/presentation/volumeBackup';
import { hostFileError } from '../../../renderer/presentation/paths';

const plan = (patch: Partial<Parameters<typeof overwriteText>[1]>) => ({
  gzip: false,
  entries: 3,
  bytes: 10,
  topLevel: ['a', 'b'],
  targetEntries: 0,
  overwrites: [],
  ...patch,
});

describe('volume backup file names and formats', () => {
  test('default name: the volume and the local date; anonymous volumes shortened', () => {
    const d = new Date(2026, 11, 5, 23, 59);
    expect(backupFileName('data', d)).toBe('data-2026-12-05.tar');
    expect(backupFileName('a'.repeat(64), d)).toBe(`${'a'.repeat(12)}-2026-12-05.tar`);
  });

  test('the format follows the extension, and the extension the format', () => {
    expect(formatOfPath('/x/b.tar')).toBe('tar');
    expect(formatOfPath('/x/b.TAR.GZ')).toBe('tar.gz');
    expect(formatOfPath('/x/b.tgz')).toBe('tar.gz');
    expect(formatOfPath('/x/b.zip')).toBeUndefined();
    expect(withFormat('/x/b.tar', 'tar.gz')).toBe('/x/b.tar.gz');
    expect(withFormat('/x/b.tar.gz', 'tar')).toBe('/x/b.tar');
    expect(withFormat('/x/b.tgz', 'tar')).toBe('/x/b.tar');
    expect(withFormat('/x/b', 'tar.gz')).toBe('/x/b.tar.gz');
    expect(withFormat('/x/', 'tar.gz')).toBe('/x/');
    expect(withFormat('', 'tar')).toBe('');
  });

  test('a volume name from a backup file: extension and trailing date dropped; nothing invalid', () => {
    expect(volumeNameFromBackup('/home/me/data-2026-12-05.tar')).toBe('data');
    expect(volumeNameFromBackup('/home/me/pg_data-2026-12-05T10-30.tar.gz')).toBe('pg_data');
    expect(volumeNameFromBackup('C:\\b\\web.tgz')).toBe('web');
    expect(volumeNameFromBackup('/x/my data.tar')).toBe('my-data');
    expect(volumeNameFromBackup('/x/.tar')).toBe('');
    expect(volumeNameFromBackup('')).toBe('');
  });

  test('host path errors: blank, relative', () => {
    expect(hostFileError(' ', 'Choose')).toBe('Choose');
    expect(hostFileError('b.tar', 'Choose')).toMatch(/absolute path/);
    expect(hostFileError('/b.tar', 'Choose')).toBeUndefined();
    expect(hostFileError('f', 'Choose', '/home/me/file')).toBe('Use an absolute path, e.g. /home/me/file');
  });
});

describe('restore plan texts', () => {
  test('summary: entries, bytes, compression', () => {
    expect(planSummary({ entries: 1, bytes: 2048, gzip: true })).toBe(
      '1 entry · 2 KiB of file contents · gzip-compressed',
    );
    expect(planSummary({ entries: 0, bytes: 0, gzip: false })).toBe(
      '0 entries · 0 B of file contents · uncompressed tar',
    );
  });

  test('overwrite: nothing for an empty target; names shared, or added beside', () => {
    expect(overwriteText('v', plan({}))).toBeUndefined();
    expect(overwriteText('v', plan({ targetEntries: 4, overwrites: ['a'] }))).toMatch(
      /^v is not empty: it holds 4 entries\. Restoring replaces files of the same name under 1 top-level name/,
    );
    expect(overwriteText('v', plan({ targetEntries: 1 }))).toMatch(/added beside them/);
  });

  test('some names: the first few and a count of the rest', () => {
    expect(someNames(['a', 'b', 'c'], 2)).toEqual({ shown: ['a', 'b'], more: 1 });
    expect(someNames([], 2)).toEqual({ shown: [], more: 0 });
  });

  test('copied: files and size', () => {
    expect(copiedText({ files: 1, bytes: 0 })).toBe('1 entry, 0 B');
    expect(copiedText({ files: 3, bytes: 2048 })).toBe('3 entries, 2 KiB');
  });
});

describe('clone', () => {
  const taken = new Set(['data', 'data-copy']);
  test('a free default name', () => {
    expect(cloneName('data', taken)).toBe('data-copy-2');
    expect(cloneName('web', taken)).toBe('web-copy');
  });

  test('name checks: the engine’s rule, and not taken', () => {
    expect(cloneNameError('data-copy', taken)).toBe('A volume named data-copy already exists');
    expect(cloneNameError('my data', taken)).toMatch(/may only contain/);
    expect(cloneNameError('', taken)).toBe('Enter a volume name');
    expect(cloneNameError('fresh', taken)).toBeUndefined();
  });

  test('a host-folder volume is spotted by its device option (tmpfs is not one)', () => {
    expect(bindsHostFolder({ type: 'none', o: 'bind', device: '/srv/x' })).toBe('/srv/x');
    expect(bindsHostFolder({ type: 'tmpfs', device: 'tmpfs' })).toBeUndefined();
    expect(bindsHostFolder({})).toBeUndefined();
  });

  test('running users: running, restarting and paused containers write', () => {
    const u = (state: UsedBy['state']): UsedBy => ({ id: state, name: state, state });
    expect(runningUsers([u('running'), u('exited'), u('paused'), u('created')]).map((x) => x.id)).toEqual([
      'running',
      'paused',
    ]);
  });
});
