import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { EventsSupervisor, parseEngineEvent, type EventsSupervisorOptions } from '../../../electron/engine/events';
import type { EngineEvent } from '../../../shared/models';

const FIXTURES = join(__dirname, 'fixtures');
/** Real `/events` output captured from the private engine (Docker 20.10, API 1.41). */
const realLines = readFileSync(join(FIXTURES, 'events.jsonl'), 'utf8').split('\n').filter(Boolean);

const modern = {
  status: 'start',
  id: 'e498e5b6346fe33eb393955c7be5a9f207f4def21f323106eed83c279a3a8377',
  from: 'busybox:latest',
  Type: 'container',
  Action: 'start',
  Actor: {
    ID: 'e498e5b6346fe33eb393955c7be5a9f207f4def21f323106eed83c279a3a8377',
    Attributes: { image: 'busybox:latest', name: 'fx-web', 'com.docker.compose.project': 'shop' },
  },
  scope: 'local',
  time: 1795891456,
  timeNano: 1795891456372e6,
};

describe('parseEngineEvent', () => {
  test('modern shape (Type/Action/Actor)', () => {
    expect(parseEngineEvent(JSON.stringify(modern))).toEqual({
      type: 'container',
      action: 'start',
      id: modern.Actor.ID,
      name: 'fx-web',
      timeNano: 1795891456372e6,
      attributes: { image: 'busybox:latest', name: 'fx-web', 'com.docker.compose.project': 'shop' },
    });
  });

  test('non-string attributes are dropped, a missing timeNano falls back to time', () => {
    const ev = parseEngineEvent(
      JSON.stringify({
        Type: 'network',
        Action: 'connect',
        Actor: { ID: 'n1', Attributes: { container: 'c1', weird: 5 } },
        time: 10,
      }),
    );
    expect(ev).toEqual({
      type: 'network',
      action: 'connect',
      id: 'n1',
      timeNano: 10e9,
      attributes: { container: 'c1' },
    });
  });

  test("Podman's 'remove' of a container, volume or network is read as Docker's 'destroy'", () => {
    const line = (Type: string, Action: string): string =>
      JSON.stringify({ Type, Action, Actor: { ID: 'x1', Attributes: { name: 'pm-r' } }, time: 10 });
    for (const type of ['container', 'volume', 'network'])
      expect(parseEngineEvent(line(type, 'remove'))?.action, type).toBe('destroy');
    // Anything else keeps its word (an image's removal is 'delete' / 'untag' on Docker).
    expect(parseEngineEvent(line('image', 'remove'))?.action).toBe('remove');
    expect(parseEngineEvent(line('container', 'destroy'))?.action).toBe('destroy');
  });

  test('old shape (status/id/from, no Type) is read as a container event', () => {
    const ev = parseEngineEvent(
      JSON.stringify({ status: 'die', id: 'abc123', from: 'busybox:latest', time: 1423339459 }),
    );
    expect(ev).toMatchObject({ type: 'container', action: 'die', id: 'abc123', timeNano: 1423339459e9 });
  });

  test('old shape without "from" is an image event', () => {
    const ev = parseEngineEvent(JSON.stringify({ status: 'untag', id: 'sha256:9905878f3d70', time: 1423339459 }));
    expect(ev).toMatchObject({ type: 'image', action: 'untag', id: 'sha256:9905878f3d70' });
  });

  test('unreadable JSON values → undefined; invalid JSON throws (the supervisor logs and skips it)', () => {
    expect(parseEngineEvent('null')).toBeUndefined();
    expect(parseEngineEvent('"text"')).toBeUndefined();
    expect(parseEngineEvent('{"Type":"container"}')).toBeUndefined();
    expect(() => parseEngineEvent('{"Type":')).toThrow();
  });

  test('every line of a real engine capture parses', () => {
    expect(realLines.length).toBeGreaterThan(5);
    for (const line of realLines) {
      const ev = parseEngineEvent(line);
      expect(ev, line).toBeDefined();
      expect(ev?.id.length, line).toBeGreaterThan(0);
      expect(Number.isFinite(ev?.timeNano)).toBe(true);
    }
  });
});

/** A fake engine: every `open` hands out a fresh PassThrough (or fails), recording what happened. */
function fakeEngine(plan: Array<'stream' | Error> = []): {
  open: EventsSupervisorOptions['open'];
  streams: PassThrough[];
  openCount: () => number;
  openedAt: number[];
} {
  const streams: PassThrough[] = [];
  const openedAt: number[] = [];
  let count = 0;
  return {
    streams,
    openedAt,
    openCount: () => count,
    open: async () => {
      const step = plan[count] ?? 'stream';
      count++;
      openedAt.push(Date.now());
      if (step instanceof Error) throw step;
      const s = new PassThrough();
      streams.push(s);
      return s;
    },
  };
}

function collector(): {
  events: EngineEvent[];
  connected: number[];
  disconnected: string[];
  logs: string[];
  opts: Omit<EventsSupervisorOptions, 'open'>;
} {
  const events: EngineEvent[] = [];
  const connected: number[] = [];
  const disconnected: string[] = [];
  const logs: string[] = [];
  return {
    events,
    connected,
    disconnected,
    logs,
    opts: {
      onEvent: (e) => events.push(e),
      onConnected: () => connected.push(Date.now()),
      onDisconnected: (r) => disconnected.push(r),
      log: (m) => logs.push(m),
    },
  };
}

async function until(cond: () => boolean, timeoutMs = 2000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}

const line = (o: object): string => `${JSON.stringify(o)}\n`;
const ev = (action: string, id: string): object => ({
  Type: 'container',
  Action: action,
  Actor: { ID: id, Attributes: { name: `n-${id}` } },
  time: 1,
  timeNano: 1e9,
});

describe('EventsSupervisor', () => {
  let sup: EventsSupervisor | undefined;
  afterEach(() => {
    sup?.stop();
    sup = undefined;
    vi.useRealTimers();
  });

  test('parses events split across chunks and several per chunk', async () => {
    const engine = fakeEngine();
    const c = collector();
    sup = new EventsSupervisor({ ...c.opts, open: engine.open, initialBackoffMs: 5, maxBackoffMs: 10 });
    sup.start();
    await until(() => engine.streams.length === 1);
    const s = engine.streams[0] as PassThrough;
    const a = line(ev('create', 'a'));
    s.write(a.slice(0, 7));
    s.write(Buffer.from(a.slice(7, 30)));
    s.write(a.slice(30));
    s.write(line(ev('start', 'b')) + line(ev('die', 'c')) + line(ev('destroy', 'd')).slice(0, 12));
    s.write(line(ev('destroy', 'd')).slice(12));
    await until(() => c.events.length === 4);
    expect(c.events.map((e) => `${e.action}:${e.id}:${e.name}`)).toEqual([
      'create:a:n-a',
      'start:b:n-b',
      'die:c:n-c',
      'destroy:d:n-d',
    ]);
    expect(c.connected).toHaveLength(1);
  });

  test('a real capture replayed in odd-sized byte chunks yields every event', async () => {
    const engine = fakeEngine();
    const c = collector();
    sup = new EventsSupervisor({ ...c.opts, open: engine.open });
    sup.start();
    await until(() => engine.streams.length === 1);
    const bytes = Buffer.from(realLines.join('\n') + '\n');
    for (let i = 0; i < bytes.length; i += 37) engine.streams[0]?.write(bytes.subarray(i, i + 37));
    await until(() => c.events.length === realLines.length);
    expect(c.logs).toEqual([]);
  });

  test('a malformed line is logged and skipped; the stream keeps going', async () => {
    const engine = fakeEngine();
    const c = collector();
    sup = new EventsSupervisor({ ...c.opts, open: engine.open });
    sup.start();
    await until(() => engine.streams.length === 1);
    const s = engine.streams[0] as PassThrough;
    s.write(line(ev('create', 'a')) + '{"Type": "container", broken\n' + '\n' + '[1,2]\n' + line(ev('start', 'a')));
    await until(() => c.events.length === 2);
    expect(c.events.map((e) => e.action)).toEqual(['create', 'start']);
    expect(c.logs).toHaveLength(2);
    expect(c.logs[0]).toMatch(/^skipped malformed engine event: \{"Type": "container", broken/);
    expect(c.logs[1]).toMatch(/^skipped unreadable engine event: \[1,2\]/);
    expect(c.disconnected).toEqual([]);
  });

  test('reconnects after a clean end AND after an error; onConnected (resync) runs for each connection', async () => {
    const engine = fakeEngine();
    const c = collector();
    sup = new EventsSupervisor({ ...c.opts, open: engine.open, initialBackoffMs: 5, maxBackoffMs: 20 });
    sup.start();
    await until(() => engine.streams.length === 1);
    engine.streams[0]?.end(); // the daemon closed the stream cleanly
    await until(() => engine.streams.length === 2);
    engine.streams[1]?.destroy(new Error('socket hang up'));
    await until(() => engine.streams.length === 3);
    engine.streams[2]?.write(line(ev('create', 'after')));
    await until(() => c.events.length === 1);
    expect(c.connected).toHaveLength(3);
    expect(c.disconnected).toHaveLength(2);
    expect(c.disconnected[0]).toMatch(/event stream (ended|closed)/);
    expect(c.disconnected[1]).toBe('event stream error: socket hang up');
    expect(c.events[0]?.id).toBe('after');
  });

  test('open failures are retried; onConnected only runs once a stream is open', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' });
    const engine = fakeEngine([refused, refused, 'stream']);
    const c = collector();
    sup = new EventsSupervisor({ ...c.opts, open: engine.open, initialBackoffMs: 2, maxBackoffMs: 4 });
    sup.start();
    await until(() => engine.streams.length === 1);
    expect(engine.openCount()).toBe(3);
    expect(c.disconnected).toEqual([refused.message, refused.message]);
    expect(c.connected).toHaveLength(1);
  });

  test('backoff doubles after each failure and is capped', async () => {
    vi.useFakeTimers();
    const engine = fakeEngine(Array.from({ length: 20 }, () => new Error('down')));
    const c = collector();
    sup = new EventsSupervisor({ ...c.opts, open: engine.open, initialBackoffMs: 100, maxBackoffMs: 400 });
    sup.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.openCount()).toBe(1);
    const expectedGaps = [100, 200, 400, 400, 400];
    for (const gap of expectedGaps) {
      const before = engine.openCount();
      await vi.advanceTimersByTimeAsync(gap - 1);
      expect(engine.openCount(), `not before ${gap} ms`).toBe(before);
      await vi.advanceTimersByTimeAsync(1);
      expect(engine.openCount(), `after ${gap} ms`).toBe(before + 1);
    }
    const gaps = engine.openedAt.slice(1).map((t, i) => t - (engine.openedAt[i] ?? 0));
    expect(gaps).toEqual(expectedGaps);
  });

  test('retryNow() skips the wait and resets the backoff', async () => {
    vi.useFakeTimers();
    const engine = fakeEngine(Array.from({ length: 20 }, () => new Error('down')));
    const c = collector();
    sup = new EventsSupervisor({ ...c.opts, open: engine.open, initialBackoffMs: 1000, maxBackoffMs: 8000 });
    sup.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(1000 + 2000); // two failures later the wait is 4000 ms
    expect(engine.openCount()).toBe(3);
    sup.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.openCount()).toBe(4);
  });

  test('stop() ends the loop: the open stream is destroyed and nothing reconnects', async () => {
    const engine = fakeEngine();
    const c = collector();
    sup = new EventsSupervisor({ ...c.opts, open: engine.open, initialBackoffMs: 2, maxBackoffMs: 4 });
    sup.start();
    await until(() => engine.streams.length === 1);
    expect(sup.running).toBe(true);
    sup.stop();
    expect(sup.running).toBe(false);
    await until(() => engine.streams[0]?.destroyed === true);
    await new Promise((r) => setTimeout(r, 30));
    expect(engine.openCount()).toBe(1);
    expect(c.disconnected).toEqual([]);
  });

  test('stop() during the backoff wait ends the loop too', async () => {
    const engine = fakeEngine([new Error('down'), new Error('down')]);
    const c = collector();
    sup = new EventsSupervisor({ ...c.opts, open: engine.open, initialBackoffMs: 50, maxBackoffMs: 50 });
    sup.start();
    await until(() => c.disconnected.length === 1);
    sup.stop();
    await new Promise((r) => setTimeout(r, 120));
    expect(engine.openCount()).toBe(1);
  });

  test('start() is idempotent: one stream per engine', async () => {
    const engine = fakeEngine();
    const c = collector();
    sup = new EventsSupervisor({ ...c.opts, open: engine.open });
    sup.start();
    sup.start();
    await until(() => engine.streams.length === 1);
    sup.start();
    await new Promise((r) => setTimeout(r, 20));
    expect(engine.openCount()).toBe(1);
  });
});
