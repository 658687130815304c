import { afterEach, describe, expect, test, vi } from 'vitest';
import { RequestWatch, type DialOptions, type SlowInfo } from '../../../electron/engine/request-watch';

/** A fake modem whose requests answer only when the test says so. */
function fakeModem() {
  const pending: { options: DialOptions; cb: (err: unknown, data?: unknown) => void }[] = [];
  const modem = {
    dial(options: DialOptions, cb: (err: unknown, data?: unknown) => void) {
      pending.push({ options, cb });
      options.abortSignal?.addEventListener('abort', () => {
        const e = new Error('The operation was aborted');
        e.name = 'AbortError';
        cb(e);
      });
    },
  };
  return { modem, pending };
}

function setup(timeoutMs = 60_000) {
  let now = 0;
  const slows: (SlowInfo | undefined)[] = [];
  const lost: string[] = [];
  const probe = vi.fn(() => Promise.resolve());
  const watch = new RequestWatch({
    slowAfterMs: 4000,
    timeoutMs,
    probeEveryMs: 2000,
    onSlow: (s) => slows.push(s),
    onLost: (r) => lost.push(r),
    probe,
    now: () => now,
  });
  const { modem, pending } = fakeModem();
  watch.attach(modem);
  const request = (options: DialOptions) =>
    new Promise<unknown>((resolve, reject) => modem.dial(options, (err, data) => (err ? reject(err) : resolve(data))));
  return { watch, slows, lost, probe, pending, request, advance: (ms: number) => (now += ms) };
}

afterEach(() => vi.useRealTimers());

describe('RequestWatch', () => {
  test('a GET waiting longer than slowAfterMs makes the engine slow; its answer ends it', async () => {
    const h = setup();
    const p = h.request({ method: 'GET', path: '/containers/json?' });
    h.advance(3000);
    h.watch.tick();
    expect(h.slows).toEqual([]);
    h.advance(1500);
    h.watch.tick();
    expect(h.slows).toEqual([{ forMs: 4500, request: 'GET /containers/json' }]);
    expect(h.watch.info).toEqual({ forMs: 4500, request: 'GET /containers/json' });
    h.pending[0]!.cb(null, []);
    await expect(p).resolves.toEqual([]);
    expect(h.slows).toEqual([{ forMs: 4500, request: 'GET /containers/json' }, undefined]);
    expect(h.watch.slow).toBe(false);
  });

  test('writes and long-running GETs are not watched', () => {
    const h = setup();
    void h.request({ method: 'POST', path: '/containers/x/stop?' });
    void h.request({ method: 'GET', path: '/system/df' });
    h.advance(30_000);
    h.watch.tick();
    expect(h.slows).toEqual([]);
    expect(h.pending.every((r) => r.options.abortSignal === undefined)).toBe(true);
  });

  test('plain GETs get a timeout signal, streams do not', () => {
    const h = setup();
    void h.request({ method: 'GET', path: '/images/json?' });
    void h.request({ method: 'GET', path: '/containers/x/logs?', isStream: true });
    expect(h.pending[0]!.options.abortSignal).toBeInstanceOf(AbortSignal);
    expect(h.pending[1]!.options.abortSignal).toBeUndefined();
  });

  test('a GET that gets no answer in timeoutMs fails with a clear ETIMEDOUT error', async () => {
    const watch = new RequestWatch({ timeoutMs: 30, onSlow: () => undefined });
    const { modem } = fakeModem();
    watch.attach(modem);
    const err = await new Promise<unknown>((resolve) => modem.dial({ method: 'GET', path: '/images/json?' }, resolve));
    expect(err).toMatchObject({
      code: 'ETIMEDOUT',
      message: expect.stringMatching(/^The engine did not answer GET \/images\/json within 0 s/),
    });
    watch.reset();
  });

  test('while slow with nothing in flight it probes, at most every probeEveryMs; a timeout does not end the spell', async () => {
    const h = setup(50);
    const p = h.request({ method: 'GET', path: '/images/json?' }).catch((e: unknown) => e);
    h.advance(5000);
    h.watch.tick();
    expect(h.watch.slow).toBe(true);
    // The request gives up on its timeout: that is no answer from the engine.
    await expect(p).resolves.toMatchObject({ code: 'ETIMEDOUT' });
    expect(h.watch.slow).toBe(true);
    h.watch.tick();
    expect(h.probe).toHaveBeenCalledTimes(1);
    h.advance(1000);
    h.watch.tick();
    expect(h.probe).toHaveBeenCalledTimes(1);
    h.advance(1000);
    h.watch.tick();
    expect(h.probe).toHaveBeenCalledTimes(2);
    h.watch.reset();
    expect(h.watch.slow).toBe(false);
  });

  test('a request that cannot connect reports the engine lost, not slow', async () => {
    const h = setup();
    const p = h.request({ method: 'GET', path: '/containers/json?' }).catch((e: unknown) => e);
    const err = Object.assign(new Error('connect ENOENT /tmp/e/docker.sock'), { code: 'ENOENT' });
    h.pending[0]!.cb(err);
    await expect(p).resolves.toBe(err);
    expect(h.lost).toEqual(['connect ENOENT /tmp/e/docker.sock']);
  });

  test('attach is idempotent per modem', () => {
    const h = setup();
    const { modem } = fakeModem();
    const dial = modem.dial;
    h.watch.attach(modem);
    const wrapped = modem.dial;
    h.watch.attach(modem);
    expect(modem.dial).toBe(wrapped);
    expect(wrapped).not.toBe(dial);
    h.watch.reset();
  });
});
