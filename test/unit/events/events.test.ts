import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { BerthError } from '../../../shared/errors';
import type { EngineEvent } from '../../../shared/models';
import { toUnixSeconds } from '../../../electron/engine/events-replay';
import { EventFeed, type FeedHandlers } from '../../../renderer/features/events/feed';
import {
  appendCapped,
  attributesText,
  eventActor,
  eventIsoTime,
  eventsToJsonLines,
  filterEvents,
  matchesFilter,
  NO_FILTER,
  sinceFromPreset,
  type EventEntry,
} from '../../../renderer/presentation/events';

/** A time in nanoseconds (as the engine sends it; a double, like every JSON number). */
const T0 = 1_765_000_000_123 * 1e6;

function ev(over: Partial<EngineEvent> = {}): EngineEvent {
  return {
    type: 'container',
    action: 'die',
    id: 'abc123def4567890',
    name: 'web',
    timeNano: T0,
    attributes: { name: 'web', image: 'nginx:1.27', exitCode: '137', signal: '9', 'com.example': 'x' },
    ...over,
  };
}

const entries = (evs: EngineEvent[]): EventEntry[] => evs.map((e, i) => ({ seq: i + 1, ev: e }));

describe('actor and attributes', () => {
  test('a container event: name, image, exit code and signal; the rest are attributes', () => {
    expect(eventActor(ev())).toEqual({
      id: 'abc123def4567890',
      name: 'web',
      image: 'nginx:1.27',
      exitCode: '137',
      signal: '9',
    });
    expect(attributesText(ev())).toBe('com.example=x');
  });

  test('an image event has no separate image; an event without name has only its id', () => {
    const pull = ev({
      type: 'image',
      action: 'pull',
      id: 'busybox:latest',
      attributes: { name: 'busybox', image: 'busybox' },
    });
    delete pull.name;
    expect(eventActor(pull)).toEqual({ id: 'busybox:latest', name: 'busybox' });
    const bare = ev({ type: 'network', action: 'create', attributes: {} });
    delete bare.name;
    expect(eventActor(bare)).toEqual({ id: 'abc123def4567890' });
  });
});

describe('filters', () => {
  const list = entries([
    ev(),
    ev({ action: 'start', attributes: { name: 'web', image: 'nginx:1.27' } }),
    ev({
      type: 'network',
      action: 'connect',
      id: 'net1',
      name: 'bridge',
      attributes: { name: 'bridge', container: 'abc' },
    }),
    ev({ action: 'exec_start: sh -c ls', attributes: { name: 'db', image: 'postgres' }, name: 'db', id: 'fff000' }),
  ]);

  test('no filter keeps the same list', () => {
    expect(filterEvents(list, NO_FILTER)).toBe(list);
  });

  test('by type, by action (first word), by object name or id prefix', () => {
    expect(filterEvents(list, { ...NO_FILTER, type: 'network' }).map((e) => e.seq)).toEqual([3]);
    expect(filterEvents(list, { ...NO_FILTER, action: 'exec_start' }).map((e) => e.seq)).toEqual([4]);
    expect(filterEvents(list, { ...NO_FILTER, object: 'WE' }).map((e) => e.seq)).toEqual([1, 2]);
    expect(filterEvents(list, { ...NO_FILTER, object: 'fff0' }).map((e) => e.seq)).toEqual([4]);
    // An id matches from its start only.
    expect(filterEvents(list, { ...NO_FILTER, object: '123' })).toEqual([]);
  });

  test('free text: every word somewhere in the row (attributes, exit code, image)', () => {
    expect(matchesFilter(ev(), { ...NO_FILTER, text: 'nginx exit 137' })).toBe(true);
    expect(matchesFilter(ev(), { ...NO_FILTER, text: 'com.example=x' })).toBe(true);
    expect(matchesFilter(ev(), { ...NO_FILTER, text: 'nginx postgres' })).toBe(false);
  });
});

describe('cap', () => {
  test('keeps the newest `cap` entries and says how many went', () => {
    const r = appendCapped(
      entries([ev(), ev(), ev()]),
      [
        { seq: 4, ev: ev() },
        { seq: 5, ev: ev() },
      ],
      4,
    );
    expect(r.entries.map((e) => e.seq)).toEqual([2, 3, 4, 5]);
    expect(r.dropped).toBe(1);
    expect(appendCapped([], [{ seq: 1, ev: ev() }], 4).dropped).toBe(0);
  });
});

describe('export and times', () => {
  test('JSON lines: one object per event, time in RFC 3339 with nanoseconds', () => {
    const text = eventsToJsonLines(entries([ev(), ev({ action: 'start' })]));
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ type: 'container', action: 'die', id: 'abc123def4567890', name: 'web' });
    expect(lines[0]!.time).toBe(eventIsoTime(T0));
    expect(String(lines[0]!.time)).toMatch(/^2025-12-06T05:46:40\.123\d{6}Z$/);
    expect(lines[1]!.attributes).toEqual(ev().attributes);
  });

  test('since presets and the engine-side time parser', () => {
    expect(sinceFromPreset('', 1_000_000_000)).toBeUndefined();
    expect(sinceFromPreset('5m', 1_000_000_000)).toBe(String(1_000_000 - 300));
    expect(toUnixSeconds('1714557600.5')).toBe(1714557600.5);
    expect(toUnixSeconds('2024-05-01T10:00:00Z')).toBe(1714557600);
    expect(toUnixSeconds('yesterday')).toBeUndefined();
  });
});

describe('EventFeed', () => {
  let handlers: FeedHandlers | undefined;
  let opened: Array<string | undefined>;
  let closed: number;
  const open = (since: string | undefined, h: FeedHandlers): (() => void) => {
    opened.push(since);
    handlers = h;
    return () => closed++;
  };
  beforeEach(() => {
    vi.useFakeTimers();
    opened = [];
    closed = 0;
  });
  afterEach(() => vi.useRealTimers());

  const send = (n: number, action = 'start'): void => {
    for (let i = 0; i < n; i++) handlers!.onData(ev({ action }));
    vi.advanceTimersByTime(200);
  };

  test('batches, caps (oldest dropped, flagged) and skips Berth resync markers', () => {
    const feed = new EventFeed(open, { cap: 5, flushMs: 50 });
    feed.start(undefined);
    handlers!.onData({ type: 'berth', action: 'resync', id: '', timeNano: 0, attributes: {} });
    send(3);
    expect(feed.getSnapshot().entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(feed.getSnapshot().capped).toBe(false);
    send(4);
    expect(feed.getSnapshot().entries.map((e) => e.seq)).toEqual([3, 4, 5, 6, 7]);
    expect(feed.getSnapshot().capped).toBe(true);
    feed.clear();
    expect(feed.getSnapshot()).toMatchObject({ entries: [], capped: false });
  });

  test('paused: new events are counted, not shown; resume shows them', () => {
    const feed = new EventFeed(open, { flushMs: 50 });
    feed.start(undefined);
    send(2);
    feed.pause();
    send(3, 'stop');
    expect(feed.getSnapshot()).toMatchObject({ paused: true, held: 3 });
    expect(feed.getSnapshot().entries).toHaveLength(2);
    feed.resume();
    expect(feed.getSnapshot()).toMatchObject({ paused: false, held: 0 });
    expect(feed.getSnapshot().entries.map((e) => e.ev.action)).toEqual(['start', 'start', 'stop', 'stop', 'stop']);
  });

  test('since restarts empty; a refused time fails for good, a broken stream re-opens live', () => {
    const feed = new EventFeed(open, { flushMs: 50, retryMs: 100 });
    feed.start(undefined);
    send(2);
    feed.start('1700000000');
    expect(opened).toEqual([undefined, '1700000000']);
    expect(closed).toBe(1);
    expect(feed.getSnapshot().entries).toEqual([]);
    handlers!.onError(new BerthError('INVALID_ARGUMENT', 'in the future'));
    expect(feed.getSnapshot()).toMatchObject({ state: 'failed', error: 'in the future' });
    vi.advanceTimersByTime(500);
    expect(opened).toHaveLength(2);
    feed.start('1700000000');
    handlers!.onError(new BerthError('ENGINE_UNREACHABLE', 'gone'));
    expect(feed.getSnapshot().state).toBe('reconnecting');
    vi.advanceTimersByTime(150);
    expect(opened).toEqual([undefined, '1700000000', '1700000000', undefined]);
    expect(feed.getSnapshot().state).toBe('live');
  });
});
