import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { invoke, stream, type Handlers, type HandlerContext } from '../../../shared/contract-kit';
import { createDispatcher, type Dispatcher } from '../../../electron/ipc/dispatcher';
import { registerIpc, type SenderFrame } from '../../../electron/ipc/electron-transport';
import { FakeContents, FakeIpcMain, ev, frame } from '../../helpers/electron-ipc';

const testContract = {
  'echo.get': invoke(z.object({ value: z.string() }), z.string()),
  'ticks.watch': stream(z.object({ start: z.number().default(1) }), z.number()),
  /** One frame per batch, pausing while pressured (for the backpressure test). */
  'slow.watch': stream(z.object({}), z.number()),
} as const;

interface Harness {
  ipc: FakeIpcMain;
  dispatcher: Dispatcher;
  open: ReturnType<typeof vi.fn>;
  echo: ReturnType<typeof vi.fn>;
  signals: AbortSignal[];
  senders: string[];
  transport: ReturnType<typeof registerIpc>;
  log: ReturnType<typeof vi.fn>;
}

const harnesses: Harness[] = [];
afterEach(() => {
  for (const h of harnesses.splice(0)) h.transport.dispose();
});

function setup(window = 8): Harness {
  const signals: AbortSignal[] = [];
  const senders: string[] = [];
  const echo = vi.fn(async (args: { value: string }, ctx: HandlerContext) => {
    senders.push(ctx.sender);
    return args.value;
  });
  const handlers: Handlers<typeof testContract> = {
    'echo.get': echo,
    'ticks.watch': async (args, sink, signal) => {
      signals.push(signal);
      let n = args.start;
      while (!signal.aborted && n < args.start + 3) {
        sink.emit(n++);
        if (sink.pressured) await sink.drained();
      }
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    },
    'slow.watch': async (_args, sink, signal) => {
      for (let n = 1; n <= 3 && !signal.aborted; n++) {
        sink.emit(n);
        await new Promise((r) => setTimeout(r, 5)); // let the batch flush
        if (sink.pressured) await sink.drained();
      }
    },
  };
  const real = createDispatcher(testContract, handlers, { batchMs: 1, window, log: () => undefined });
  const open = vi.fn(real.open);
  const dispatcher: Dispatcher = { open };
  const ipc = new FakeIpcMain();
  const log = vi.fn();
  const transport = registerIpc(ipc, dispatcher, { log });
  const h = { ipc, dispatcher, open, echo, signals, senders, transport, log };
  harnesses.push(h);
  return h;
}

const APP = 'app://berth/index.html';

describe('registerIpc: invoke', () => {
  it('registers the berth:* channels', () => {
    const { ipc } = setup();
    expect([...ipc.handlers.keys()]).toEqual(['berth:invoke']);
    expect([...ipc.listeners.keys()].sort()).toEqual(['berth:ack', 'berth:subscribe', 'berth:unsubscribe']);
  });

  it('passes a trusted invoke to the dispatcher and returns its envelope', async () => {
    const h = setup();
    const wc = new FakeContents();
    const reply = await h.ipc.invoke(ev(wc, frame(APP)), 'echo.get', { value: 'hi' });
    expect(reply).toEqual({ ok: true, data: 'hi' });
    expect(h.echo).toHaveBeenCalledTimes(1);
    expect(h.senders[0]).toBe(`electron:${wc.id}:4:1`);
  });

  it('returns the dispatcher error envelope for bad arguments and unknown channels', async () => {
    const h = setup();
    const wc = new FakeContents();
    const bad = await h.ipc.invoke(ev(wc, frame(APP)), 'echo.get', { value: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const unknown = await h.ipc.invoke(ev(wc, frame(APP)), 'nope.nothing', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const notString = await h.ipc.invoke(ev(wc, frame(APP)), { toString: 1 }, {});
    expect(notString).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(h.echo).not.toHaveBeenCalled();
  });

  it.each([
    ['https://evil.example/', 'https://evil.example/'],
    ['file://', 'file:///work/main/dist/renderer/index.html'],
    ['another app host', 'app://evil/index.html'],
    ['devtools', 'devtools://devtools/bundled/inspector.html'],
    ['about:blank', 'about:blank'],
  ])('answers FORBIDDEN to an untrusted sender (%s) without calling the dispatcher', async (_label, url) => {
    const h = setup();
    const wc = new FakeContents();
    const reply = await h.ipc.invoke(ev(wc, frame(url)), 'echo.get', { value: 'hi' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(h.open).not.toHaveBeenCalled();
    expect(h.echo).not.toHaveBeenCalled();
  });

  it('answers FORBIDDEN when the sender frame is gone (navigated or destroyed)', async () => {
    const h = setup();
    const wc = new FakeContents();
    expect(await h.ipc.invoke(ev(wc, null), 'echo.get', { value: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const throwing = {
      sender: wc,
      get senderFrame(): SenderFrame | null {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(await h.ipc.invoke(throwing, 'echo.get', { value: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    wc.destroyed = true;
    expect(await h.ipc.invoke(ev(wc, frame(APP)), 'echo.get', { value: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(h.echo).not.toHaveBeenCalled();
  });

  it('checks the URL on every message, not only the first', async () => {
    const h = setup();
    const wc = new FakeContents();
    const f = { url: APP, processId: 4, routingId: 1, parent: null };
    expect(await h.ipc.invoke(ev(wc, f), 'echo.get', { value: 'a' })).toEqual({ ok: true, data: 'a' });
    f.url = 'https://evil.example/';
    expect(await h.ipc.invoke(ev(wc, f), 'echo.get', { value: 'b' })).toMatchObject({ ok: false });
    expect(h.echo).toHaveBeenCalledTimes(1);
  });

  it('keeps one session per sender frame', async () => {
    const h = setup();
    const a = new FakeContents();
    const b = new FakeContents();
    await h.ipc.invoke(ev(a, frame(APP)), 'echo.get', { value: '1' });
    await h.ipc.invoke(ev(a, frame(APP)), 'echo.get', { value: '2' });
    await h.ipc.invoke(ev(b, frame(APP)), 'echo.get', { value: '3' });
    await h.ipc.invoke(ev(a, frame(APP, 4, 7, frame(APP))), 'echo.get', { value: '4' });
    expect(h.open).toHaveBeenCalledTimes(3);
    expect(new Set(h.senders).size).toBe(3);
    expect(h.transport.sessionCount).toBe(3);
  });
});

describe('registerIpc: streams', () => {
  it('sends frames of a subscription back to the subscribing webContents', async () => {
    const h = setup();
    const wc = new FakeContents();
    h.ipc.emit('berth:subscribe', ev(wc, frame(APP)), 's1', 'ticks.watch', { start: 5 });
    await vi.waitFor(() => expect(wc.sent.length).toBeGreaterThan(0));
    expect(wc.sent[0]).toEqual({ sub: 's1', kind: 'data', payloads: [5, 6, 7] });
  });

  it('sends frames of a subframe subscription to that frame only', async () => {
    const h = setup();
    const wc = new FakeContents();
    h.ipc.emit('berth:subscribe', ev(wc, frame(APP, 4, 9, frame(APP))), 's1', 'ticks.watch', {});
    await vi.waitFor(() => expect(wc.sentToFrame.length).toBeGreaterThan(0));
    expect(wc.sentToFrame[0]?.target).toEqual([4, 9]);
    expect(wc.sent).toEqual([]);
  });

  it('answers an unknown stream channel with an error frame', async () => {
    const h = setup();
    const wc = new FakeContents();
    h.ipc.emit('berth:subscribe', ev(wc, frame(APP)), 's1', 'echo.get', {});
    h.ipc.emit('berth:subscribe', ev(wc, frame(APP)), 's2', 42, {});
    await vi.waitFor(() => expect(wc.sent.length).toBe(2));
    expect(wc.sent).toEqual([
      expect.objectContaining({
        sub: 's1',
        kind: 'error',
        error: expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      }),
      expect.objectContaining({
        sub: 's2',
        kind: 'error',
        error: expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      }),
    ]);
  });

  it('ignores subscriptions from untrusted senders entirely', async () => {
    const h = setup();
    const wc = new FakeContents();
    h.ipc.emit('berth:subscribe', ev(wc, frame('https://evil.example/')), 's1', 'ticks.watch', {});
    h.ipc.emit('berth:subscribe', ev(wc, null), 's2', 'ticks.watch', {});
    await new Promise((r) => setTimeout(r, 20));
    expect(h.open).not.toHaveBeenCalled();
    expect(h.signals).toEqual([]);
    expect(wc.sent).toEqual([]);
  });

  it('aborts the stream on unsubscribe', async () => {
    const h = setup();
    const wc = new FakeContents();
    h.ipc.emit('berth:subscribe', ev(wc, frame(APP)), 's1', 'ticks.watch', {});
    await vi.waitFor(() => expect(h.signals.length).toBe(1));
    // An unsubscribe from another page must not touch this page's stream.
    h.ipc.emit('berth:unsubscribe', ev(new FakeContents(), frame(APP)), 's1');
    h.ipc.emit('berth:unsubscribe', ev(wc, frame('https://evil.example/')), 's1');
    expect(h.signals[0]?.aborted).toBe(false);
    h.ipc.emit('berth:unsubscribe', ev(wc, frame(APP)), 's1');
    expect(h.signals[0]?.aborted).toBe(true);
  });

  it('routes acks to the stream (backpressure), and only from the trusted sender', async () => {
    const h = setup(1);
    const wc = new FakeContents();
    h.ipc.emit('berth:subscribe', ev(wc, frame(APP)), 's1', 'slow.watch', {});
    await vi.waitFor(() => expect(wc.sent.length).toBe(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(wc.sent.length).toBe(1); // pressured: waits for an ack
    h.ipc.emit('berth:ack', ev(wc, frame('https://evil.example/')), 's1');
    await new Promise((r) => setTimeout(r, 20));
    expect(wc.sent.length).toBe(1);
    h.ipc.emit('berth:ack', ev(wc, frame(APP)), 's1');
    await vi.waitFor(() => expect(wc.sent.length).toBe(2));
    expect(wc.sent[1]).toEqual({ sub: 's1', kind: 'data', payloads: [2] });
  });

  it("closes the sender's session when its webContents is destroyed", async () => {
    const h = setup();
    const wc = new FakeContents();
    const other = new FakeContents();
    h.ipc.emit('berth:subscribe', ev(wc, frame(APP)), 's1', 'ticks.watch', {});
    h.ipc.emit('berth:subscribe', ev(other, frame(APP)), 's1', 'ticks.watch', {});
    await vi.waitFor(() => expect(h.signals.length).toBe(2));
    expect(h.transport.sessionCount).toBe(2);
    wc.destroy();
    expect(h.signals[0]?.aborted).toBe(true);
    expect(h.signals[1]?.aborted).toBe(false);
    expect(h.transport.sessionCount).toBe(1);
  });

  it('never sends to a destroyed webContents', async () => {
    const h = setup();
    const wc = new FakeContents();
    wc.send = vi.fn();
    h.ipc.emit('berth:subscribe', ev(wc, frame(APP)), 's1', 'ticks.watch', {});
    wc.destroyed = true;
    await new Promise((r) => setTimeout(r, 20));
    expect(wc.send).not.toHaveBeenCalled();
  });

  it('closes the session when the renderer process is gone', async () => {
    const h = setup();
    const wc = new FakeContents();
    h.ipc.emit('berth:subscribe', ev(wc, frame(APP)), 's1', 'ticks.watch', {});
    await vi.waitFor(() => expect(h.signals.length).toBe(1));
    wc.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(h.signals[0]?.aborted).toBe(true);
  });

  it('closes sessions on a main-frame reload or navigation, not on same-document navigation', async () => {
    const h = setup();
    const wc = new FakeContents();
    h.ipc.emit('berth:subscribe', ev(wc, frame(APP)), 's1', 'ticks.watch', {});
    h.ipc.emit('berth:subscribe', ev(wc, frame(APP, 4, 9, frame(APP))), 's2', 'ticks.watch', {});
    await vi.waitFor(() => expect(h.signals.length).toBe(2));
    wc.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true, frame: frame(APP), url: APP });
    expect(h.signals.map((s) => s.aborted)).toEqual([false, false]);
    wc.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false, frame: frame(APP), url: APP });
    expect(h.signals.map((s) => s.aborted)).toEqual([true, true]);
    expect(h.transport.sessionCount).toBe(0);

    // The reloaded page gets a fresh session that works.
    h.ipc.emit('berth:subscribe', ev(wc, frame(APP)), 's1', 'ticks.watch', {});
    await vi.waitFor(() => expect(h.signals.length).toBe(3));
    expect(h.signals[2]?.aborted).toBe(false);
  });

  it('closes only the navigating subframe on a subframe navigation', async () => {
    const h = setup();
    const wc = new FakeContents();
    h.ipc.emit('berth:subscribe', ev(wc, frame(APP)), 's1', 'ticks.watch', {});
    h.ipc.emit('berth:subscribe', ev(wc, frame(APP, 4, 9, frame(APP))), 's2', 'ticks.watch', {});
    await vi.waitFor(() => expect(h.signals.length).toBe(2));
    wc.emit('did-start-navigation', { isMainFrame: false, isSameDocument: false, frame: frame(APP, 4, 9) });
    expect(h.signals.map((s) => s.aborted)).toEqual([false, true]);
  });

  it('installs the webContents listeners once per webContents', async () => {
    const h = setup();
    const wc = new FakeContents();
    for (let i = 0; i < 5; i++) await h.ipc.invoke(ev(wc, frame(APP)), 'echo.get', { value: 'x' });
    h.ipc.emit('berth:subscribe', ev(wc, frame(APP)), 's1', 'ticks.watch', {});
    expect(wc.listenerCount('destroyed')).toBe(1);
    expect(wc.listenerCount('did-start-navigation')).toBe(1);
    expect(wc.listenerCount('render-process-gone')).toBe(1);
  });

  it('dispose removes the handlers and aborts every stream', async () => {
    const h = setup();
    const wc = new FakeContents();
    h.ipc.emit('berth:subscribe', ev(wc, frame(APP)), 's1', 'ticks.watch', {});
    await vi.waitFor(() => expect(h.signals.length).toBe(1));
    h.transport.dispose();
    expect(h.signals[0]?.aborted).toBe(true);
    expect(h.ipc.handlers.size).toBe(0);
    expect([...h.ipc.listeners.values()].flat()).toEqual([]);
  });
});

describe('registerIpc: limits', () => {
  it('caps streams per frame at 256: the 257th subscribe gets a LIMIT_EXCEEDED frame', async () => {
    const h = setup();
    const wc = new FakeContents();
    const e = ev(wc, frame(APP));
    for (let i = 0; i < 257; i++) h.ipc.emit('berth:subscribe', e, `s${i}`, 'ticks.watch', {});
    await vi.waitFor(() => expect(h.signals).toHaveLength(256));
    expect(wc.sent.filter((f) => f.kind === 'error')).toEqual([
      { sub: 's256', kind: 'error', error: { code: 'LIMIT_EXCEEDED', message: expect.stringMatching(/256/) } },
    ]);
    // Another frame of the same window has its own budget.
    h.ipc.emit('berth:subscribe', ev(wc, frame(APP, 4, 2, frame(APP))), 'other', 'ticks.watch', {});
    await vi.waitFor(() => expect(h.signals).toHaveLength(257));
  });
});
