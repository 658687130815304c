import { describe, expect, test } from 'vitest';
import type { ContainerSummary, MountSummary } from '../../../shared/models';
import { findContainer, mountOrigins, volumeMountUses, volumesFromMode } from '../../../renderer/presentation/mounts';

const vol = (name: string, destination: string, readOnly = false): MountSummary => ({
  type: 'volume',
  name,
  source: `/var/lib/docker/volumes/${name}/_data`,
  destination,
  readOnly,
});
const bind = (source: string, destination: string): MountSummary => ({
  type: 'bind',
  source,
  destination,
  readOnly: false,
});
const c = (
  id: string,
  name: string,
  mounts: MountSummary[],
): Pick<ContainerSummary, 'id' | 'name' | 'state' | 'mounts'> => ({
  id,
  name,
  state: 'running',
  mounts,
});

describe('volume mounts, both ways', () => {
  const writer = c('aaaa1111', 'writer', [vol('data', '/data'), bind('/srv/conf', '/conf')]);
  const reader = c('bbbb2222', 'reader', [vol('data', '/mnt/data', true), vol('data', '/also')]);
  const other = c('cccc3333', 'other', [vol('logs', '/logs')]);

  test('who mounts a volume, where, read-only or not', () => {
    expect(volumeMountUses('data', [writer, reader, other])).toEqual([
      { id: 'bbbb2222', name: 'reader', state: 'running', destination: '/also', readOnly: false },
      { id: 'bbbb2222', name: 'reader', state: 'running', destination: '/mnt/data', readOnly: true },
      { id: 'aaaa1111', name: 'writer', state: 'running', destination: '/data', readOnly: false },
    ]);
    expect(volumeMountUses('nothing', [writer])).toEqual([]);
  });

  test('mounts that came from --volumes-from: same data at the same path as the source', () => {
    const heir = [vol('data', '/data'), bind('/srv/conf', '/conf'), vol('own', '/own')];
    const origins = mountOrigins(heir, [{ container: 'writer' }], [writer, reader, other]);
    expect([...origins]).toEqual([
      ['/data', 'writer'],
      ['/conf', 'writer'],
    ]);
    // By id prefix too; unknown sources are skipped.
    expect(mountOrigins(heir, [{ container: 'ghost' }, { container: 'aaaa' }], [writer]).get('/data')).toBe('aaaa');
  });

  test('find a source container by name or id prefix', () => {
    expect(findContainer('reader', [writer, reader])?.id).toBe('bbbb2222');
    expect(findContainer('bbbb', [writer, reader])?.name).toBe('reader');
    expect(findContainer('bb', [writer, reader])).toBeUndefined();
  });

  test('volumes-from modes', () => {
    expect(volumesFromMode('ro')).toBe('read-only');
    expect(volumesFromMode('rw')).toBe('read-write');
    expect(volumesFromMode('')).toBe('as the source');
  });
});
