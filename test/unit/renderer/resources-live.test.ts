import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { BerthError } from '../../../shared/errors';
import { createLiveList } from '../../../renderer/features/resources/liveList';

type Ev = { type: string; action: string };

function setup(load: () => Promise<string[]>) {
  const listeners = new Set<(ev: Ev) => void>();
  const list = createLiveList<string>({
    kind: 'volume',
    load,
    throttleMs: 150,
    preloadKeepMs: 2000,
    subscribeEvents: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  });
  const emit = (ev: Ev) => listeners.forEach((l) => l(ev));
  return { list, emit, listeners };
}

describe('live resource list', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('loads on retain, coalesces a burst of events into one trailing re-list', async () => {
    const load = vi.fn(async () => ['a']);
    const { list, emit } = setup(load);
    const release = list.retain();
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(1);
    expect(list.store.getState()).toMatchObject({ items: ['a'], loaded: true, error: undefined });

    for (let i = 0; i < 50; i++) emit({ type: 'volume', action: 'create' });
    emit({ type: 'container', action: 'destroy' });
    await vi.advanceTimersByTimeAsync(149);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(load).toHaveBeenCalledTimes(2);

    // Irrelevant events do nothing.
    emit({ type: 'image', action: 'pull' });
    emit({ type: 'container', action: 'exec_start: sh' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(load).toHaveBeenCalledTimes(2);
    release();
  });

  test('reload re-lists at once and takes over a pending event re-list', async () => {
    const load = vi.fn(async () => ['a']);
    const { list, emit } = setup(load);
    const release = list.retain();
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(1);
    emit({ type: 'volume', action: 'create' });
    void list.reload();
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(2);
    // The event's trailing re-list is covered by the reload.
    await vi.advanceTimersByTimeAsync(1000);
    expect(load).toHaveBeenCalledTimes(2);
    release();
  });

  test('a change during a load re-lists once more after it; no overlap', async () => {
    let resolve: ((v: string[]) => void) | undefined;
    let active = 0;
    let maxActive = 0;
    const load = vi.fn(
      () =>
        new Promise<string[]>((r) => {
          active++;
          maxActive = Math.max(maxActive, active);
          resolve = (v) => {
            active--;
            r(v);
          };
        }),
    );
    const { list, emit } = setup(load);
    const release = list.retain();
    emit({ type: 'berth', action: 'resync' });
    await vi.advanceTimersByTimeAsync(200);
    expect(load).toHaveBeenCalledTimes(1);
    resolve?.(['x']);
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(2);
    resolve?.(['y']);
    await vi.advanceTimersByTimeAsync(0);
    expect(list.store.getState().items).toEqual(['y']);
    expect(maxActive).toBe(1);
    release();
  });

  test('errors are kept as BerthError; release unsubscribes only after the last holder', async () => {
    const load = vi.fn(async (): Promise<string[]> => {
      throw new BerthError('ENGINE_UNREACHABLE', 'down');
    });
    const { list, listeners } = setup(load);
    const r1 = list.retain();
    const r2 = list.retain();
    await vi.advanceTimersByTimeAsync(0);
    expect(list.store.getState().error?.code).toBe('ENGINE_UNREACHABLE');
    expect(load).toHaveBeenCalledTimes(1);
    r1();
    r1();
    expect(listeners.size).toBe(1);
    r2();
    expect(listeners.size).toBe(0);
  });

  test('preload loads without a view; a view mounting meanwhile takes it over with no second load', async () => {
    let resolve: ((v: string[]) => void) | undefined;
    const load = vi.fn(() => new Promise<string[]>((r) => (resolve = r)));
    const { list, emit, listeners } = setup(load);
    let settled = false;
    void list.preload().then(() => (settled = true));
    expect(load).toHaveBeenCalledTimes(1);
    expect(listeners.size).toBe(1); // events are watched from the preload on
    const release = list.retain(); // the view mounts
    expect(load).toHaveBeenCalledTimes(1);
    resolve?.(['a']);
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(true);
    expect(list.store.getState().items).toEqual(['a']);
    // The preload's hold was handed over: leaving the view stops the list at once.
    release();
    expect(listeners.size).toBe(0);
    emit({ type: 'volume', action: 'create' });
    await vi.advanceTimersByTimeAsync(3000);
    expect(load).toHaveBeenCalledTimes(1);
  });

  test('a preload no view takes over stops after preloadKeepMs; with a view live it resolves at once', async () => {
    const load = vi.fn(async () => ['a']);
    const { list, listeners } = setup(load);
    await list.preload();
    expect(listeners.size).toBe(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(listeners.size).toBe(0);

    const release = list.retain();
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(2);
    await list.preload();
    expect(load).toHaveBeenCalledTimes(2);
    release();
  });

  test('usage changes re-list nothing (the views join usage from the containers store)', async () => {
    const load = vi.fn(async () => ['a']);
    const { list, emit } = setup(load);
    const release = list.retain();
    await vi.advanceTimersByTimeAsync(0);
    emit({ type: 'container', action: 'destroy' });
    emit({ type: 'volume', action: 'mount' });
    await vi.advanceTimersByTimeAsync(500);
    expect(load).toHaveBeenCalledTimes(1);
    emit({ type: 'volume', action: 'create' });
    await vi.advanceTimersByTimeAsync(150);
    expect(load).toHaveBeenCalledTimes(2);
    release();
  });
});
