import { describe, expect, test } from 'vitest';
import type { EngineEvent, EngineStatus } from '../../../shared/models';
import type { Engine } from '../../../electron/engine/engine';
import { ContainerListPrefetch } from '../../../electron/engine/list-prefetch';

function fakeEngine(state: EngineStatus['state'] = 'connected') {
  const listeners = new Set<(ev: EngineEvent) => void>();
  const engine = {
    status: { state, tried: [] } as EngineStatus,
    onEvent(l: (ev: EngineEvent) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const emit = (): void =>
    listeners.forEach((l) => l({ type: 'container', action: 'start', id: 'x', timeNano: 0, attributes: {} }));
  return { engine: engine as unknown as Engine, emit };
}

describe('ContainerListPrefetch', () => {
  test('a prefetched list is used once, within its age', async () => {
    const { engine } = fakeEngine();
    let calls = 0;
    const p = new ContainerListPrefetch(engine, async () => (calls++, []), 3000, 1000);
    p.start(1000);
    expect(calls).toBe(1);
    expect(await p.take(2000)).toEqual([]);
    expect(p.take(2000)).toBeUndefined();
  });

  test('too old, or any engine event since, means no prefetched list', () => {
    const { engine, emit } = fakeEngine();
    const p = new ContainerListPrefetch(engine, async () => [], 3000, 0);
    p.start(1000);
    expect(p.take(5000)).toBeUndefined();
    p.start(6000);
    emit();
    expect(p.take(6100)).toBeUndefined();
  });

  test('rate-limited, and idle while the engine is not connected', () => {
    const { engine } = fakeEngine('unreachable');
    let calls = 0;
    const p = new ContainerListPrefetch(engine, async () => (calls++, []), 3000, 1000);
    p.start(1000);
    expect(calls).toBe(0);
    const connected = fakeEngine();
    const q = new ContainerListPrefetch(connected.engine, async () => (calls++, []), 3000, 1000);
    q.start(1000);
    q.start(1500);
    expect(calls).toBe(1);
    q.start(2100);
    expect(calls).toBe(2);
  });

  test('a failed prefetch is dropped', async () => {
    const { engine } = fakeEngine();
    const p = new ContainerListPrefetch(engine, () => Promise.reject(new Error('boom')), 3000, 0);
    p.start(1000);
    await new Promise((r) => setTimeout(r, 0));
    expect(p.take(1100)).toBeUndefined();
  });
});
