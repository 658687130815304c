/**
 * Flow control across the bridge: a consumer that returns a promise from onData defers the 'ack' of
 * that data batch until it settles; returning nothing keeps the old immediate ack.
 */
import { describe, expect, it, vi } from 'vitest';
import { contract } from '../../../shared/contract';
import { ackAfter, type BerthBridge, type FrameHandler, type StreamFrame } from '../../../shared/protocol';
import { createPreloadBridge, type IpcRendererLike } from '../../../electron/app/preload-bridge';
import { createClient } from '../../../renderer/api/client';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ackAfter', () => {
  it('acks at once for a non-promise and after settling for a promise (also on rejection)', async () => {
    const ack = vi.fn();
    ackAfter(undefined, ack);
    expect(ack).toHaveBeenCalledTimes(1);
    const d = deferred();
    ackAfter(d.promise, ack);
    await tick();
    expect(ack).toHaveBeenCalledTimes(1);
    d.resolve();
    await tick();
    expect(ack).toHaveBeenCalledTimes(2);
    ackAfter(Promise.reject(new Error('x')), ack);
    await tick();
    expect(ack).toHaveBeenCalledTimes(3);
  });
});

describe('preload bridge', () => {
  function setup() {
    let onFrame: ((event: unknown, frame: unknown) => void) | undefined;
    const ipc: IpcRendererLike & { send: ReturnType<typeof vi.fn> } = {
      invoke: vi.fn(),
      send: vi.fn(),
      on: (_channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
        onFrame = (e, f) => listener(e, f);
      },
    };
    const bridge = createPreloadBridge(ipc, contract);
    return { ipc, bridge, deliver: (f: StreamFrame) => onFrame?.({}, f) };
  }

  it('defers the ack of a data batch until the handler promise settles', async () => {
    const { ipc, bridge, deliver } = setup();
    const d = deferred();
    bridge.subscribe('exec.open', { id: 'x', cols: 80, rows: 24 }, () => d.promise);
    const sub = ipc.send.mock.calls.find((c) => c[0] === 'berth:subscribe')?.[1] as string;
    deliver({ sub, kind: 'data', payloads: [{ type: 'output', data: 'y' }] });
    await tick();
    expect(ipc.send.mock.calls.filter((c) => c[0] === 'berth:ack')).toHaveLength(0);
    d.resolve();
    await tick();
    expect(ipc.send.mock.calls.filter((c) => c[0] === 'berth:ack')).toEqual([['berth:ack', sub]]);
  });

  it('acks synchronously when the handler returns nothing', () => {
    const { ipc, bridge, deliver } = setup();
    bridge.subscribe('engine.events', {}, () => undefined);
    const sub = ipc.send.mock.calls.find((c) => c[0] === 'berth:subscribe')?.[1] as string;
    deliver({ sub, kind: 'data', payloads: [1] });
    expect(ipc.send.mock.calls.filter((c) => c[0] === 'berth:ack')).toEqual([['berth:ack', sub]]);
  });
});

describe('client', () => {
  function fakeBridge(): BerthBridge & { handler?: FrameHandler } {
    const b: BerthBridge & { handler?: FrameHandler } = {
      invoke: vi.fn(),
      subscribe: (_c, _a, onFrame) => {
        b.handler = onFrame;
        return () => undefined;
      },
    };
    return b;
  }

  it('returns one promise for a batch when any payload handler returns one', async () => {
    const bridge = fakeBridge();
    const client = createClient(bridge);
    const d = deferred();
    const seen: string[] = [];
    client.subscribe(
      'exec.open',
      { id: 'x', cols: 80, rows: 24 },
      {
        onData: (f) => {
          if (f.type !== 'output') return undefined;
          seen.push(f.data);
          return f.data === 'b' ? d.promise : undefined;
        },
      },
    );
    const r = bridge.handler!({
      sub: 's',
      kind: 'data',
      payloads: [
        { type: 'output', data: 'a' },
        { type: 'output', data: 'b' },
        { type: 'output', data: 'c' },
      ],
    });
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(r).toBeInstanceOf(Promise);
    let done = false;
    void (r as Promise<void>).then(() => (done = true));
    await tick();
    expect(done).toBe(false);
    d.resolve();
    await tick();
    expect(done).toBe(true);
  });

  it('returns nothing for a batch of synchronous handlers (immediate ack)', () => {
    const bridge = fakeBridge();
    createClient(bridge).subscribe('engine.events', {}, { onData: () => undefined });
    expect(bridge.handler!({ sub: 's', kind: 'data', payloads: [{}, {}] })).toBeUndefined();
  });
});
