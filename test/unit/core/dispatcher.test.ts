import { afterEach, describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { batchCap } from '../../../electron/handlers/batch-cap';
import { createDispatcher, type Session } from '../../../electron/ipc/dispatcher';
import { invoke, stream, type Handlers, type StreamSink } from '../../../shared/contract-kit';
import type { StreamFrame } from '../../../shared/protocol';

/** A small contract exercising both channel kinds; the dispatcher is generic over the contract. */
const testContract = {
  'math.double': invoke(z.object({ n: z.number().int() }), z.number()),
  'things.remove': invoke(z.object({ id: z.string().min(1) }), z.void()),
  'things.fail': invoke(z.object({}), z.void()),
  'things.slow': invoke(z.object({}), z.void()),
  'ticks.watch': stream(z.object({ count: z.number().int().min(0) }), z.number()),
  'ticks.forever': stream(z.object({}), z.number()),
} as const;
type TestContract = typeof testContract;

interface Probe {
  calls: string[];
  sink?: StreamSink<number>;
  signal?: AbortSignal;
  /** Resolves the handler of 'ticks.forever' (when it is not aborted first). */
  release?: () => void;
  failWith?: unknown;
  /** Releases every pending 'things.slow' call. */
  slow: Array<() => void>;
}

function makeHandlers(probe: Probe): Handlers<TestContract> {
  return {
    'math.double': async ({ n }) => {
      probe.calls.push('math.double');
      return n * 2;
    },
    'things.remove': async () => {
      probe.calls.push('things.remove');
      throw { statusCode: 409, json: { message: 'conflict: unable to remove repository reference "x"' } };
    },
    'things.fail': async () => {
      probe.calls.push('things.fail');
      throw probe.failWith ?? new Error('boom');
    },
    'things.slow': async () => {
      probe.calls.push('things.slow');
      await new Promise<void>((resolve) => probe.slow.push(resolve));
    },
    'ticks.watch': async ({ count }, sink) => {
      probe.calls.push('ticks.watch');
      for (let i = 0; i < count; i++) sink.emit(i);
    },
    'ticks.forever': async (_args, sink, signal) => {
      probe.calls.push('ticks.forever');
      probe.sink = sink;
      probe.signal = signal;
      await new Promise<void>((resolve) => {
        probe.release = resolve;
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
    },
  };
}

const BATCH_MS = 5;

function setup(opts: { window?: number; maxStreams?: number; maxPendingInvokes?: number } = {}): {
  session: Session;
  frames: StreamFrame[];
  probe: Probe;
  logs: string[];
} {
  const probe: Probe = { calls: [], slow: [] };
  const frames: StreamFrame[] = [];
  const logs: string[] = [];
  const dispatcher = createDispatcher(testContract, makeHandlers(probe), {
    batchMs: BATCH_MS,
    window: opts.window ?? 3,
    ...(opts.maxStreams === undefined ? {} : { maxStreams: opts.maxStreams }),
    ...(opts.maxPendingInvokes === undefined ? {} : { maxPendingInvokes: opts.maxPendingInvokes }),
    log: (msg) => logs.push(msg),
  });
  const session = dispatcher.open('test-sender', (f) => frames.push(f));
  return { session, frames, probe, logs };
}

const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, timeoutMs = 2000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await tick(2);
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('dispatcher: invoke', () => {
  test('valid args reach the handler and the result comes back in an ok envelope', async () => {
    const { session, probe } = setup();
    await expect(session.invoke('math.double', { n: 21 })).resolves.toEqual({ ok: true, data: 42 });
    expect(probe.calls).toEqual(['math.double']);
  });

  test('invalid args → INVALID_ARGUMENT envelope and the handler is not called', async () => {
    const { session, probe } = setup();
    const env = await session.invoke('math.double', { n: 'twenty' });
    expect(env.ok).toBe(false);
    if (env.ok) return;
    expect(env.error.code).toBe('INVALID_ARGUMENT');
    expect(env.error.message).toMatch(/^Invalid arguments: n: /);
    expect(env.error.details?.issues).toBeInstanceOf(Array);
    // Missing args entirely, and a non-object, are validated the same way.
    const missing = await session.invoke('math.double', undefined);
    expect(missing.ok).toBe(false);
    const notObject = await session.invoke('math.double', 'rm -rf /');
    expect(notObject.ok).toBe(false);
    expect(probe.calls).toEqual([]);
  });

  test('unknown channel is rejected', async () => {
    const { session, probe } = setup();
    for (const channel of ['nope.nothing', '__proto__', 'constructor', 'toString', '']) {
      const env = await session.invoke(channel, {});
      expect(env).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    expect(probe.calls).toEqual([]);
  });

  test('invoke on a stream channel is rejected without running the handler', async () => {
    const { session, probe } = setup();
    const env = await session.invoke('ticks.watch', { count: 1 });
    expect(env).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: 'Unknown invoke channel: ticks.watch' },
    });
    expect(probe.calls).toEqual([]);
  });

  test('a dockerode-like 409 becomes CONFLICT with the engine message', async () => {
    const { session } = setup();
    const env = await session.invoke('things.remove', { id: 'x' });
    expect(env).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'conflict: unable to remove repository reference "x"',
        details: { statusCode: 409 },
      },
    });
  });

  test('an unexpected throw becomes INTERNAL and is logged; an engine error code is not logged', async () => {
    const { session, probe, logs } = setup();
    const env = await session.invoke('things.fail', {});
    expect(env).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
    expect(logs).toEqual(['things.fail failed']);
    probe.failWith = { statusCode: 404, json: { message: 'No such container: abc' } };
    const nf = await session.invoke('things.fail', {});
    expect(nf).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'No such container: abc' } });
    expect(logs).toHaveLength(1);
  });
});

describe('dispatcher: streams', () => {
  test('several emits within the batch window arrive as one data frame, then end', async () => {
    const { session, frames } = setup();
    session.subscribe('s1', 'ticks.watch', { count: 5 });
    await until(() => frames.some((f) => f.kind === 'end'));
    expect(frames).toEqual([
      { sub: 's1', kind: 'data', payloads: [0, 1, 2, 3, 4] },
      { sub: 's1', kind: 'end' },
    ]);
    expect(session.activeStreams).toBe(0);
  });

  test('emits in separate batch windows make separate frames', async () => {
    const { session, frames, probe } = setup({ window: 100 });
    session.subscribe('s1', 'ticks.forever', {});
    await until(() => probe.sink !== undefined);
    probe.sink?.emit(1);
    probe.sink?.emit(2);
    await until(() => frames.length === 1);
    probe.sink?.emit(3);
    await until(() => frames.length === 2);
    expect(frames).toEqual([
      { sub: 's1', kind: 'data', payloads: [1, 2] },
      { sub: 's1', kind: 'data', payloads: [3] },
    ]);
    session.unsubscribe('s1');
  });

  test('pending payloads are flushed before the end frame (no batch-timer wait lost)', async () => {
    vi.useFakeTimers();
    const { session, frames } = setup();
    session.subscribe('s1', 'ticks.watch', { count: 2 });
    await vi.advanceTimersByTimeAsync(0);
    expect(frames).toEqual([
      { sub: 's1', kind: 'data', payloads: [0, 1] },
      { sub: 's1', kind: 'end' },
    ]);
  });

  test('invalid stream args → error frame and the handler is not called', async () => {
    const { session, frames, probe } = setup();
    session.subscribe('s1', 'ticks.watch', { count: -1 });
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ sub: 's1', kind: 'error', error: { code: 'INVALID_ARGUMENT' } });
    expect(probe.calls).toEqual([]);
    expect(session.activeStreams).toBe(0);
  });

  test('subscribe to an unknown or invoke channel → error frame', async () => {
    const { session, frames, probe } = setup();
    session.subscribe('s1', 'nope', {});
    session.subscribe('s2', 'math.double', { n: 1 });
    expect(frames).toEqual([
      { sub: 's1', kind: 'error', error: { code: 'INVALID_ARGUMENT', message: 'Unknown stream channel: nope' } },
      { sub: 's2', kind: 'error', error: { code: 'INVALID_ARGUMENT', message: 'Unknown stream channel: math.double' } },
    ]);
    expect(probe.calls).toEqual([]);
  });

  test('a handler failure sends pending data, then one error frame with the mapped code', async () => {
    const probe: Probe = { calls: [], slow: [] };
    const frames: StreamFrame[] = [];
    const handlers: Handlers<TestContract> = {
      ...makeHandlers(probe),
      'ticks.watch': async (_args, sink) => {
        sink.emit(7);
        throw Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT' });
      },
    };
    const session = createDispatcher(testContract, handlers, { batchMs: BATCH_MS, log: () => undefined }).open(
      'x',
      (f) => frames.push(f),
    );
    session.subscribe('s1', 'ticks.watch', { count: 1 });
    await until(() => frames.length === 2);
    expect(frames[0]).toEqual({ sub: 's1', kind: 'data', payloads: [7] });
    expect(frames[1]).toMatchObject({ sub: 's1', kind: 'error', error: { code: 'ENGINE_UNREACHABLE' } });
    await tick(BATCH_MS * 3);
    expect(frames).toHaveLength(2);
  });

  test('unsubscribe aborts the handler signal and no frame is sent afterwards', async () => {
    const { session, frames, probe } = setup();
    session.subscribe('s1', 'ticks.forever', {});
    await until(() => probe.sink !== undefined);
    probe.sink?.emit(1); // pending in the batch window
    expect(probe.signal?.aborted).toBe(false);
    expect(session.activeStreams).toBe(1);
    session.unsubscribe('s1');
    expect(probe.signal?.aborted).toBe(true);
    expect(session.activeStreams).toBe(0);
    probe.sink?.emit(2); // a late emit from a handler still winding down
    await tick(BATCH_MS * 4);
    expect(frames).toEqual([]);
  });

  test('session.close() aborts every stream of the sender', async () => {
    const probe: Probe = { calls: [], slow: [] };
    const frames: StreamFrame[] = [];
    const signals: AbortSignal[] = [];
    const handlers: Handlers<TestContract> = {
      ...makeHandlers(probe),
      'ticks.forever': async (_args, _sink, signal) => {
        signals.push(signal);
        await new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }));
      },
    };
    const session = createDispatcher(testContract, handlers, { batchMs: BATCH_MS }).open('x', (f) => frames.push(f));
    session.subscribe('a', 'ticks.forever', {});
    session.subscribe('b', 'ticks.forever', {});
    session.subscribe('c', 'ticks.forever', {});
    await until(() => signals.length === 3);
    expect(session.activeStreams).toBe(3);
    session.close();
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(session.activeStreams).toBe(0);
    // A closed session accepts no new streams.
    session.subscribe('d', 'ticks.forever', {});
    await tick(BATCH_MS * 3);
    expect(signals).toHaveLength(3);
    expect(frames).toEqual([]);
  });

  test('sessions are independent: closing one leaves the other running', async () => {
    const probeA: Probe = { calls: [], slow: [] };
    const dispatcher = createDispatcher(testContract, makeHandlers(probeA), { batchMs: BATCH_MS });
    const a = dispatcher.open('a', () => undefined);
    const b = dispatcher.open('b', () => undefined);
    a.subscribe('s', 'ticks.forever', {});
    await until(() => probeA.signal !== undefined);
    const signalA = probeA.signal;
    b.subscribe('s', 'ticks.forever', {});
    await until(() => probeA.signal !== signalA);
    const signalB: AbortSignal | undefined = probeA.signal;
    expect(signalB).toBeDefined();
    a.close();
    expect(signalA?.aborted).toBe(true);
    expect(signalB?.aborted).toBe(false);
    expect(b.activeStreams).toBe(1);
    b.close();
  });

  test('duplicate subscription id is rejected and the first stream keeps running', async () => {
    const { session, frames, probe } = setup();
    session.subscribe('s1', 'ticks.forever', {});
    await until(() => probe.sink !== undefined);
    session.subscribe('s1', 'ticks.watch', { count: 3 });
    expect(frames).toEqual([
      { sub: 's1', kind: 'error', error: { code: 'INVALID_ARGUMENT', message: 'Duplicate subscription s1' } },
    ]);
    expect(probe.calls).toEqual(['ticks.forever']);
    expect(probe.signal?.aborted).toBe(false);
    expect(session.activeStreams).toBe(1);
    session.unsubscribe('s1');
  });

  test('pressure: without acks `pressured` turns true after `window` batches; drained() resolves after acks', async () => {
    const { session, frames, probe } = setup({ window: 3 });
    session.subscribe('s1', 'ticks.forever', {});
    await until(() => probe.sink !== undefined);
    const sink = probe.sink as StreamSink<number>;
    for (let batch = 0; batch < 3; batch++) {
      expect(sink.pressured).toBe(false);
      sink.emit(batch);
      await until(() => frames.length === batch + 1);
    }
    expect(sink.pressured).toBe(true);
    let drained = false;
    void sink.drained().then(() => {
      drained = true;
    });
    await tick(BATCH_MS * 2);
    expect(drained).toBe(false);
    session.ack('s1');
    await tick();
    expect(drained).toBe(true);
    expect(sink.pressured).toBe(false);
    // Not pressured → drained() resolves at once.
    await expect(sink.drained()).resolves.toBeUndefined();
    // Acks for unknown subscriptions are ignored.
    session.ack('nope');
    session.unsubscribe('s1');
  });

  test('batchCap: a fast producer is cut into size-bounded frames, so the window pressures it within one turn', async () => {
    const { session, frames, probe } = setup({ window: 3 });
    session.subscribe('s1', 'ticks.forever', {});
    await until(() => probe.sink !== undefined);
    const sink = probe.sink as StreamSink<number>;
    const cap = batchCap(sink, 100);
    // Seven 40-byte chunks in one synchronous burst: without the cap one 5 ms batch would hold them all.
    for (let i = 0; i < 7 && !sink.pressured; i++) {
      sink.emit(i);
      cap(40);
    }
    expect(frames.map((f) => (f.kind === 'data' ? f.payloads : f.kind))).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(sink.pressured).toBe(false);
    sink.emit(6);
    cap(40);
    await until(() => frames.length === 3);
    expect(sink.pressured).toBe(true);
    session.unsubscribe('s1');
  });

  test('a pending drained() resolves when the stream is unsubscribed (producer does not hang)', async () => {
    const { session, frames, probe } = setup({ window: 1 });
    session.subscribe('s1', 'ticks.forever', {});
    await until(() => probe.sink !== undefined);
    const sink = probe.sink as StreamSink<number>;
    sink.emit(1);
    await until(() => frames.length === 1);
    expect(sink.pressured).toBe(true);
    const waiting = sink.drained();
    session.unsubscribe('s1');
    await expect(waiting).resolves.toBeUndefined();
  });

  test('acks bring unacked down but never below zero', async () => {
    const { session, frames, probe } = setup({ window: 2 });
    session.subscribe('s1', 'ticks.forever', {});
    await until(() => probe.sink !== undefined);
    const sink = probe.sink as StreamSink<number>;
    session.ack('s1');
    session.ack('s1');
    sink.emit(1);
    await until(() => frames.length === 1);
    sink.emit(2);
    await until(() => frames.length === 2);
    expect(sink.pressured).toBe(true);
    session.unsubscribe('s1');
  });
});

describe('limits per session', () => {
  test('the default stream cap is 256: the 257th subscribe gets LIMIT_EXCEEDED and runs nothing', async () => {
    const { session, frames, probe } = setup();
    for (let i = 0; i < 257; i++) session.subscribe(`s${i}`, 'ticks.forever', {});
    await until(() => probe.calls.length === 256);
    expect(session.activeStreams).toBe(256);
    expect(frames).toEqual([
      { sub: 's256', kind: 'error', error: { code: 'LIMIT_EXCEEDED', message: expect.stringMatching(/256/) } },
    ]);
    session.close();
  });

  test('an ended stream frees its place', async () => {
    const { session, frames, probe } = setup({ maxStreams: 1 });
    session.subscribe('a', 'ticks.forever', {});
    session.subscribe('b', 'ticks.forever', {});
    expect(frames.at(-1)).toMatchObject({ sub: 'b', kind: 'error', error: { code: 'LIMIT_EXCEEDED' } });
    await until(() => probe.calls.length === 1);
    session.unsubscribe('a');
    session.subscribe('c', 'ticks.forever', {});
    await until(() => probe.calls.length === 2);
    expect(session.activeStreams).toBe(1);
    session.close();
  });

  test('invokes in flight are capped; a reply frees a place', async () => {
    const { session, probe } = setup({ maxPendingInvokes: 2 });
    const first = session.invoke('things.slow', {});
    const second = session.invoke('things.slow', {});
    const third = await session.invoke('things.slow', {});
    expect(third).toMatchObject({ ok: false, error: { code: 'LIMIT_EXCEEDED' } });
    await until(() => probe.slow.length === 2);
    expect(probe.calls).toEqual(['things.slow', 'things.slow']);
    for (const release of probe.slow.splice(0)) release();
    expect(await first).toEqual({ ok: true, data: undefined });
    await second;
    expect(await session.invoke('math.double', { n: 2 })).toEqual({ ok: true, data: 4 });
  });
});
