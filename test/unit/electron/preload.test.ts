import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contract } from '../../../shared/contract';
import type { BerthBridge, StreamFrame } from '../../../shared/protocol';

/** A fake of the sandboxed preload's `electron` module: ipcRenderer and contextBridge only. */
const fake = vi.hoisted(() => {
  // vi.hoisted runs before the imports, so the fake carries its own tiny event emitter.
  type Listener = (event: unknown, ...args: unknown[]) => void;
  const listeners = new Map<string, Listener[]>();
  const ipcRenderer = {
    invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
    send: vi.fn<(channel: string, ...args: unknown[]) => void>(),
    on(channel: string, listener: Listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    },
    emit(channel: string, event: unknown, ...args: unknown[]): void {
      for (const l of listeners.get(channel) ?? []) l(event, ...args);
    },
    listenerCount: (channel: string): number => listeners.get(channel)?.length ?? 0,
    removeAllListeners: (): void => listeners.clear(),
  };
  const exposed = new Map<string, unknown>();
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => {
      exposed.set(key, api);
    }),
  };
  return { ipcRenderer, contextBridge, exposed };
});

vi.mock('electron', () => ({ ipcRenderer: fake.ipcRenderer, contextBridge: fake.contextBridge }));

async function loadPreload(): Promise<BerthBridge> {
  vi.resetModules();
  // What scripts/build-node.mjs injects at build time: the contract's channel → kind table.
  vi.stubGlobal(
    '__BERTH_CHANNEL_KINDS__',
    Object.fromEntries(Object.entries(contract).map(([name, def]) => [name, { kind: def.kind }])),
  );
  fake.exposed.clear();
  fake.ipcRenderer.removeAllListeners();
  await import('../../../electron/preload');
  const berth = fake.exposed.get('berth');
  if (!berth) throw new Error('preload exposed nothing as "berth"');
  return berth as BerthBridge;
}

function deliver(frame: StreamFrame): void {
  fake.ipcRenderer.emit('berth:frame', {}, frame);
}

beforeEach(() => {
  fake.ipcRenderer.invoke.mockReset();
  fake.ipcRenderer.send.mockReset();
  fake.contextBridge.exposeInMainWorld.mockClear();
});

describe('preload', () => {
  it('exposes exactly window.berth = { invoke, subscribe }', async () => {
    const berth = await loadPreload();
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledWith('berth', expect.anything());
    expect(Object.keys(berth).sort()).toEqual(['invoke', 'subscribe']);
    expect(typeof berth.invoke).toBe('function');
    expect(typeof berth.subscribe).toBe('function');
    expect(fake.exposed.size).toBe(1);
  });

  it('forwards invokes of contract channels over berth:invoke and returns the envelope', async () => {
    const berth = await loadPreload();
    fake.ipcRenderer.invoke.mockResolvedValue({ ok: true, data: [] });
    const reply = await berth.invoke('containers.list', { all: true });
    expect(reply).toEqual({ ok: true, data: [] });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('berth:invoke', 'containers.list', { all: true });
  });

  it.each([
    ['an unknown channel', 'containers.exterminate'],
    ['a stream channel', 'engine.events'],
    ['a prototype key', '__proto__'],
    ['a prototype key', 'toString'],
    ['a non-string', 42],
  ])('rejects %s with INVALID_ARGUMENT and no IPC', async (_label, channel) => {
    const berth = await loadPreload();
    const reply = await berth.invoke(channel as string, {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(fake.ipcRenderer.invoke).not.toHaveBeenCalled();
    expect(fake.ipcRenderer.send).not.toHaveBeenCalled();
  });

  it('turns an IPC send failure (uncloneable args) into an error envelope', async () => {
    const berth = await loadPreload();
    fake.ipcRenderer.invoke.mockRejectedValue(new Error('An object could not be cloned.'));
    const reply = await berth.invoke('containers.list', { all: () => true });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: /could not be cloned/ } });
  });

  it('subscribes, delivers frames of that subscription, and acks after each data frame', async () => {
    const berth = await loadPreload();
    const seen: StreamFrame[] = [];
    const ackedBeforeHandled: boolean[] = [];
    berth.subscribe('engine.events', {}, (frame) => {
      ackedBeforeHandled.push(fake.ipcRenderer.send.mock.calls.some((c) => c[0] === 'berth:ack'));
      seen.push(frame);
    });
    expect(fake.ipcRenderer.send).toHaveBeenCalledTimes(1);
    const [channel, sub, streamChannel, args] = fake.ipcRenderer.send.mock.calls[0] ?? [];
    expect(channel).toBe('berth:subscribe');
    expect(typeof sub).toBe('string');
    expect(streamChannel).toBe('engine.events');
    expect(args).toEqual({});

    deliver({ sub: sub as string, kind: 'data', payloads: [1, 2] });
    deliver({ sub: 'someone-else', kind: 'data', payloads: [3] });
    expect(seen).toEqual([{ sub, kind: 'data', payloads: [1, 2] }]);
    expect(ackedBeforeHandled).toEqual([false]);
    expect(fake.ipcRenderer.send).toHaveBeenLastCalledWith('berth:ack', sub);
    expect(fake.ipcRenderer.send.mock.calls.filter((c) => c[0] === 'berth:ack')).toHaveLength(1);

    deliver({ sub: sub as string, kind: 'end' });
    deliver({ sub: sub as string, kind: 'data', payloads: [4] }); // after end: dropped
    expect(seen).toEqual([
      { sub, kind: 'data', payloads: [1, 2] },
      { sub, kind: 'end' },
    ]);
    expect(fake.ipcRenderer.send.mock.calls.filter((c) => c[0] === 'berth:ack')).toHaveLength(1);
  });

  it('acks even when the page callback throws', async () => {
    const berth = await loadPreload();
    berth.subscribe('engine.events', {}, () => {
      throw new Error('page bug');
    });
    const sub = fake.ipcRenderer.send.mock.calls[0]?.[1] as string;
    expect(() => deliver({ sub, kind: 'data', payloads: [1] })).toThrow('page bug');
    expect(fake.ipcRenderer.send).toHaveBeenLastCalledWith('berth:ack', sub);
  });

  it('ignores malformed frames', async () => {
    const berth = await loadPreload();
    const onFrame = vi.fn();
    berth.subscribe('engine.events', {}, onFrame);
    fake.ipcRenderer.emit('berth:frame', {}, null);
    fake.ipcRenderer.emit('berth:frame', {}, 'junk');
    fake.ipcRenderer.emit('berth:frame', {}, { sub: 1, kind: 'data' });
    expect(onFrame).not.toHaveBeenCalled();
  });

  it('unsubscribe sends berth:unsubscribe once and stops delivery', async () => {
    const berth = await loadPreload();
    const onFrame = vi.fn();
    const unsubscribe = berth.subscribe('engine.watch', {}, onFrame);
    const sub = fake.ipcRenderer.send.mock.calls[0]?.[1] as string;
    unsubscribe();
    unsubscribe();
    expect(fake.ipcRenderer.send.mock.calls.filter((c) => c[0] === 'berth:unsubscribe')).toEqual([
      ['berth:unsubscribe', sub],
    ]);
    deliver({ sub, kind: 'data', payloads: [1] });
    expect(onFrame).not.toHaveBeenCalled();
  });

  it('rejects unknown stream channels with an error frame and no IPC', async () => {
    const berth = await loadPreload();
    const onFrame = vi.fn();
    const unsubscribe = berth.subscribe('containers.list', {}, onFrame);
    berth.subscribe('bogus.stream', {}, onFrame);
    expect(fake.ipcRenderer.send).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(onFrame).toHaveBeenCalledTimes(2));
    expect(onFrame.mock.calls[0]?.[0]).toMatchObject({ kind: 'error', error: { code: 'INVALID_ARGUMENT' } });
    unsubscribe();
    expect(fake.ipcRenderer.send).not.toHaveBeenCalled();
  });

  it('uses one berth:frame listener for any number of subscriptions, with distinct ids', async () => {
    const berth = await loadPreload();
    for (let i = 0; i < 10; i++) berth.subscribe('engine.events', {}, () => undefined);
    expect(fake.ipcRenderer.listenerCount('berth:frame')).toBe(1);
    const subs = fake.ipcRenderer.send.mock.calls.map((c) => c[1]);
    expect(new Set(subs).size).toBe(10);
  });
});
