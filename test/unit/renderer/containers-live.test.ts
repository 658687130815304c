import { describe, expect, test, vi } from 'vitest';
import type { ContainerSummary, EngineEvent } from '../../../shared/models';
import { classifyEvent, ContainerIndex, createIdBatcher } from '../../../renderer/features/containers/live';

const ev = (type: string, action: string, id = 'c1', attributes: Record<string, string> = {}): EngineEvent => ({
  type,
  action,
  id,
  timeNano: 0,
  attributes,
});

const summary = (id: string, state: ContainerSummary['state'] = 'running'): ContainerSummary => ({
  id,
  name: id,
  image: 'busybox',
  imageId: 'sha256:x',
  command: 'sleep',
  created: 1,
  state,
  status: '',
  ports: [],
  labels: {},
  networks: [],
  mounts: [],
});

describe('classifyEvent', () => {
  test('resync, patches, drops, noise', () => {
    expect(classifyEvent(ev('berth', 'resync', ''))).toEqual({ kind: 'resync' });
    for (const a of ['create', 'start', 'die', 'stop', 'kill', 'pause', 'unpause', 'restart', 'rename', 'update'])
      expect(classifyEvent(ev('container', a)), a).toEqual({ kind: 'patch', id: 'c1' });
    expect(classifyEvent(ev('container', 'health_status: healthy'))).toEqual({ kind: 'patch', id: 'c1' });
    expect(classifyEvent(ev('container', 'destroy'))).toEqual({ kind: 'drop', id: 'c1' });
    for (const a of ['exec_create: sh', 'exec_start: sh', 'exec_die', 'attach', 'resize', 'top', 'archive-path'])
      expect(classifyEvent(ev('container', a)), a).toEqual({ kind: 'ignore' });
    expect(classifyEvent(ev('image', 'pull'))).toEqual({ kind: 'ignore' });
  });
  test('network connect patches the container it names', () => {
    expect(classifyEvent(ev('network', 'connect', 'n1', { container: 'c9' }))).toEqual({ kind: 'patch', id: 'c9' });
    expect(classifyEvent(ev('network', 'create', 'n1'))).toEqual({ kind: 'ignore' });
  });
});

describe('createIdBatcher', () => {
  test('coalesces a burst into one flush', () => {
    vi.useFakeTimers();
    try {
      const flush = vi.fn();
      const b = createIdBatcher(25, flush);
      b.add('a');
      b.add('b');
      b.add('a');
      vi.advanceTimersByTime(10);
      b.add('c');
      b.remove('b');
      expect(flush).not.toHaveBeenCalled();
      vi.advanceTimersByTime(20);
      expect(flush).toHaveBeenCalledTimes(1);
      expect(flush).toHaveBeenCalledWith(['a', 'c']);
      b.add('d');
      vi.advanceTimersByTime(25);
      expect(flush).toHaveBeenLastCalledWith(['d']);
      b.add('e');
      b.cancel();
      vi.advanceTimersByTime(100);
      expect(flush).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('ContainerIndex', () => {
  test('partial patches replace and drop', () => {
    const idx = new ContainerIndex();
    idx.applyFull(idx.next(), [summary('a'), summary('b')]);
    const s = idx.next();
    idx.applyPartial(s, ['a', 'b'], [summary('a', 'exited')]);
    expect(idx.rows.get('a')?.state).toBe('exited');
    expect(idx.rows.has('b')).toBe(false);
  });
  test('a stale full list cannot resurrect a destroyed container', () => {
    const idx = new ContainerIndex();
    idx.applyFull(idx.next(), [summary('a')]);
    const slowFull = idx.next(); // full list requested…
    idx.drop('a'); // …then the destroy event arrives…
    idx.applyFull(slowFull, [summary('a'), summary('b')]); // …then the old answer
    expect(idx.rows.has('a')).toBe(false);
    expect(idx.rows.has('b')).toBe(true);
  });
  test('a stale partial answer does not overwrite a newer one', () => {
    const idx = new ContainerIndex();
    const older = idx.next();
    const newer = idx.next();
    idx.applyPartial(newer, ['a'], [summary('a', 'exited')]);
    idx.applyPartial(older, ['a'], [summary('a', 'running')]);
    expect(idx.rows.get('a')?.state).toBe('exited');
  });
  test('a full list keeps rows patched after it was requested', () => {
    const idx = new ContainerIndex();
    const full = idx.next();
    idx.applyPartial(idx.next(), ['new'], [summary('new')]);
    idx.applyFull(full, [summary('old')]);
    expect([...idx.rows.keys()].sort()).toEqual(['new', 'old']);
  });
});
