import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ContainerSummary, EngineEvent } from '../../../shared/models';
import {
  classifyEvent,
  ContainerIndex,
  createIdBatcher,
  impliedState,
  StateExpectations,
  stateSatisfies,
} from '../../../renderer/features/containers/live';
import type * as ContainersStore from '../../../renderer/features/containers/store';

/**
 * A fake bridge for the store tests: records every call in order, answers `containers.list` from
 * `engine` (or from `answer`, to play a lagging engine), and lets the test push engine events.
 */
const fake = vi.hoisted(() => {
  type Call = { kind: 'invoke' | 'subscribe'; channel: string; args: unknown };
  const state = {
    calls: [] as Call[],
    onEvent: undefined as ((ev: unknown) => void) | undefined,
    answer: undefined as ((args: { all?: boolean; ids?: string[] }) => unknown[] | Promise<unknown[]>) | undefined,
  };
  const api = {
    invoke: vi.fn(async (channel: string, args: { all?: boolean; ids?: string[] }) => {
      state.calls.push({ kind: 'invoke', channel, args });
      if (channel !== 'containers.list') return {};
      return state.answer ? state.answer(args) : [];
    }),
    subscribe: vi.fn((channel: string, args: unknown, handlers: { onData: (ev: unknown) => void }) => {
      state.calls.push({ kind: 'subscribe', channel, args });
      if (channel === 'engine.events') state.onEvent = handlers.onData;
      return () => undefined;
    }),
  };
  return { state, api };
});
vi.mock('../../../renderer/api', () => ({ api: fake.api, webLink: undefined }));

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
  test("Podman's container removal (read as 'destroy', see parseEngineEvent) drops the row too", () => {
    const podman = { containerExitCode: '0', image: 'docker.io/library/busybox:latest', name: 'pm-r', podId: '' };
    expect(classifyEvent(ev('container', 'destroy', 'c7', podman))).toEqual({ kind: 'drop', id: 'c7' });
    // Podman's other lifecycle noise changes nothing the list shows.
    for (const a of ['init', 'cleanup', 'sync'])
      expect(classifyEvent(ev('container', a)), a).toEqual({ kind: 'ignore' });
  });
  test("Podman's network connect/disconnect: the actor is the container", () => {
    const podman = { containerExitCode: '0', image: '', name: 'pm-a', podId: '' };
    expect(classifyEvent(ev('network', 'connect', 'c7', podman))).toEqual({ kind: 'patch', id: 'c7' });
    expect(classifyEvent(ev('network', 'disconnect', 'c7', podman))).toEqual({ kind: 'patch', id: 'c7' });
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

describe('impliedState / stateSatisfies', () => {
  test('what an event says about the state right after it', () => {
    expect(impliedState(ev('container', 'pause'))).toBe('paused');
    for (const a of ['unpause', 'start', 'restart']) expect(impliedState(ev('container', a)), a).toBe('running');
    for (const a of ['die', 'stop']) expect(impliedState(ev('container', a)), a).toBe('stopped');
    expect(impliedState(ev('container', 'kill', 'c1', { signal: '9' }))).toBe('stopped');
    // A HUP need not end the process; its 'die' says so when it does.
    expect(impliedState(ev('container', 'kill', 'c1', { signal: '1' }))).toBeUndefined();
    for (const a of ['create', 'rename', 'health_status: healthy', 'exec_start: sh', 'destroy'])
      expect(impliedState(ev('container', a)), a).toBeUndefined();
    expect(impliedState(ev('network', 'connect', 'n1', { container: 'c1' }))).toBeUndefined();
  });
  test('stopped covers every not-running state', () => {
    expect(stateSatisfies('running', 'running')).toBe(true);
    expect(stateSatisfies('running', 'paused')).toBe(false);
    expect(stateSatisfies('paused', 'paused')).toBe(true);
    expect(stateSatisfies('paused', 'running')).toBe(false);
    for (const s of ['exited', 'dead', 'created', 'restarting', 'removing'] as const)
      expect(stateSatisfies('stopped', s), s).toBe(true);
    expect(stateSatisfies('stopped', 'running')).toBe(false);
    expect(stateSatisfies('stopped', 'paused')).toBe(false);
  });
});

describe('StateExpectations', () => {
  const rows = (...cs: ContainerSummary[]) => new Map(cs.map((c) => [c.id, c]));

  test('a row that contradicts its latest event is fetched again, at most maxRetries times', () => {
    const x = new StateExpectations(3);
    x.note(ev('container', 'unpause'));
    const stale = rows(summary('c1', 'paused'));
    expect(x.check(['c1'], stale)).toEqual(['c1']);
    expect(x.check(['c1'], stale)).toEqual(['c1']);
    expect(x.check(['c1'], stale)).toEqual(['c1']);
    expect(x.check(['c1'], stale)).toEqual([]); // gave up
    expect(x.size).toBe(0);
  });
  test('settles when the row agrees, or is gone', () => {
    const x = new StateExpectations();
    x.note(ev('container', 'pause', 'a'));
    x.note(ev('container', 'die', 'b'));
    expect(x.check(['a', 'b'], rows(summary('a', 'running'), summary('b', 'exited')))).toEqual(['a']);
    expect(x.check(['a'], rows(summary('a', 'paused')))).toEqual([]);
    x.note(ev('container', 'start', 'c'));
    expect(x.check(['c'], rows())).toEqual([]); // removed meanwhile
    expect(x.size).toBe(0);
  });
  test('the latest event wins and restarts the count; destroy forgets; ids not covered are left alone', () => {
    const x = new StateExpectations(1);
    x.note(ev('container', 'start'));
    expect(x.check(['c1'], rows(summary('c1', 'exited')))).toEqual(['c1']);
    x.note(ev('container', 'die')); // the process exited right away: "exited" is now right
    expect(x.check(['c1'], rows(summary('c1', 'exited')))).toEqual([]);
    x.note(ev('container', 'pause'));
    expect(x.check(['other'], rows(summary('c1', 'running')))).toEqual([]);
    expect(x.ids()).toEqual(['c1']);
    x.note(ev('container', 'destroy'));
    expect(x.size).toBe(0);
    // Events that imply nothing keep the pending expectation.
    x.note(ev('container', 'pause'));
    x.note(ev('container', 'rename'));
    expect(x.ids()).toEqual(['c1']);
  });
});

describe('containers store (fake bridge)', () => {
  let store: typeof ContainersStore;
  const lists = () => fake.state.calls.filter((c) => c.kind === 'invoke' && c.channel === 'containers.list');
  const fullLists = () => lists().filter((c) => !(c.args as { ids?: string[] }).ids);
  const targeted = () => lists().filter((c) => (c.args as { ids?: string[] }).ids);
  const emit = (e: EngineEvent) => fake.state.onEvent?.(e);
  const resync = (attributes: Record<string, string> = {}) => emit(ev('berth', 'resync', '', attributes));
  const stateOf = (id: string) => store.useContainersStore.getState().byId.get(id)?.state;

  beforeEach(async () => {
    vi.useFakeTimers();
    vi.resetModules();
    fake.state.calls = [];
    fake.state.onEvent = undefined;
    fake.state.answer = undefined;
    store = await import('../../../renderer/features/containers/store');
  });
  afterEach(() => vi.useRealTimers());

  test('the first list leaves right after the events subscription; its "subscribed" resync lists nothing more', async () => {
    fake.state.answer = () => [summary('a')];
    const first = store.startContainersLive();
    expect(fake.state.calls.map((c) => c.channel)).toEqual(['engine.events', 'containers.list']);
    resync({ reason: 'subscribed' }); // arrives while the list is in flight
    await first;
    await vi.advanceTimersByTimeAsync(100);
    expect(fullLists()).toHaveLength(1);
    expect(store.useContainersStore.getState()).toMatchObject({ loaded: true, error: undefined });
    expect(stateOf('a')).toBe('running');

    // Any later resync (the engine stream reconnected, or a new subscription) lists everything again.
    resync();
    await vi.advanceTimersByTimeAsync(0);
    expect(fullLists()).toHaveLength(2);
    resync({ reason: 'subscribed' });
    await vi.advanceTimersByTimeAsync(0);
    expect(fullLists()).toHaveLength(3);
  });

  test('a resync after the engine stream (re)connected lists again even while the first list is in flight', async () => {
    let release: (() => void) | undefined;
    fake.state.answer = () =>
      fullLists().length === 1 ? new Promise((r) => (release = () => r([summary('old')]))) : [summary('new')];
    const first = store.startContainersLive();
    resync(); // no reason: the stream connected after our list may have been taken
    release?.();
    await first;
    await vi.advanceTimersByTimeAsync(0);
    expect(fullLists()).toHaveLength(2);
    expect([...store.useContainersStore.getState().byId.keys()]).toEqual(['new']);
  });

  test('if the first list fails after its resync was skipped, it lists again', async () => {
    let n = 0;
    fake.state.answer = () => {
      n++;
      if (n === 1) return Promise.reject(new Error('engine hiccup'));
      return [summary('a')];
    };
    const first = store.startContainersLive();
    resync({ reason: 'subscribed' });
    await first;
    expect(fullLists()).toHaveLength(2);
    expect(stateOf('a')).toBe('running');
    expect(store.useContainersStore.getState().error).toBeUndefined();
  });

  test('a re-fetch that still shows the old state is repeated ~100 ms later until the row agrees', async () => {
    let engineState: ContainerSummary['state'] = 'running';
    let lagging = 0; // how many more targeted answers still show the old state
    fake.state.answer = (args) => {
      if (!args.ids) return [summary('c1', engineState)];
      const shown = lagging > 0 ? (engineState === 'paused' ? 'running' : 'paused') : engineState;
      lagging = Math.max(0, lagging - 1);
      return [summary('c1', shown)];
    };
    await store.startContainersLive();
    resync({ reason: 'subscribed' });

    // `docker pause`: the event is logged before the engine's list view has the new state (twice here).
    engineState = 'paused';
    lagging = 2;
    emit(ev('container', 'pause'));
    await vi.advanceTimersByTimeAsync(25); // the event batch
    expect(targeted()).toHaveLength(1);
    expect(stateOf('c1')).toBe('running'); // stale answer
    await vi.advanceTimersByTimeAsync(99);
    expect(targeted()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(targeted()).toHaveLength(2);
    expect(stateOf('c1')).toBe('running'); // still stale
    await vi.advanceTimersByTimeAsync(100);
    expect(targeted()).toHaveLength(3);
    expect(stateOf('c1')).toBe('paused');
    await vi.advanceTimersByTimeAsync(1000);
    expect(targeted()).toHaveLength(3); // settled: no more fetches
    expect(fullLists()).toHaveLength(1);
  });

  test('the repeat is bounded (3 more fetches) when the engine never agrees', async () => {
    fake.state.answer = () => [summary('c1', 'running')];
    await store.startContainersLive();
    emit(ev('container', 'pause'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(targeted()).toHaveLength(1 + 3);
    expect(stateOf('c1')).toBe('running');
  });

  test('a destroyed container is dropped at once and not fetched again', async () => {
    fake.state.answer = (args) => (args.ids ? [] : [summary('c1', 'running')]);
    await store.startContainersLive();
    emit(ev('container', 'die'));
    emit(ev('container', 'destroy'));
    expect(stateOf('c1')).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1000);
    expect(targeted()).toHaveLength(0);
  });
});
