import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createHeldLocation } from '../../../renderer/lib/routeHold';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } {
  let resolve = (): void => undefined;
  let reject = (_e: unknown): void => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('held location (route gates)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('without a gate the new location shows at once; duplicates are ignored', () => {
    const loc = createHeldLocation('#/containers', 150);
    const seen: string[] = [];
    loc.subscribe(() => seen.push(loc.current()));
    loc.update('#/images');
    loc.update('#/images'); // popstate, then hashchange
    expect(loc.current()).toBe('#/images');
    expect(seen).toEqual(['#/images']);
  });

  test('a gate holds the switch until its data is in, and only its own routes', async () => {
    const loc = createHeldLocation('#/containers', 150);
    const data = deferred();
    const asked: string[] = [];
    loc.addGate((h) => {
      asked.push(h);
      return h.endsWith('/logs') ? data.promise : undefined;
    });
    loc.update('#/containers/abc/logs');
    loc.update('#/containers/abc/logs');
    expect(asked).toEqual(['#/containers/abc/logs']); // asked once, not again for the duplicate event
    expect(loc.current()).toBe('#/containers'); // the previous page stays up
    await vi.advanceTimersByTimeAsync(40);
    expect(loc.current()).toBe('#/containers');
    data.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(loc.current()).toBe('#/containers/abc/logs');
    loc.update('#/images');
    expect(loc.current()).toBe('#/images');
  });

  test('the hold ends after holdMaxMs when the data is slow, and a failed gate does not hold', async () => {
    const loc = createHeldLocation('#/a', 150);
    const never = new Promise<void>(() => undefined);
    loc.addGate((h) => (h === '#/slow' ? never : h === '#/broken' ? Promise.reject(new Error('x')) : undefined));
    loc.addGate((h) => {
      if (h === '#/throws') throw new Error('bad gate');
      return undefined;
    });
    loc.update('#/slow');
    await vi.advanceTimersByTimeAsync(149);
    expect(loc.current()).toBe('#/a');
    await vi.advanceTimersByTimeAsync(1);
    expect(loc.current()).toBe('#/slow');
    loc.update('#/broken');
    await vi.advanceTimersByTimeAsync(0);
    expect(loc.current()).toBe('#/broken');
    loc.update('#/throws');
    expect(loc.current()).toBe('#/throws');
  });

  test('a newer navigation replaces a held one; going back to the shown page cancels the hold', async () => {
    const loc = createHeldLocation('#/a', 150);
    const first = deferred();
    const second = deferred();
    loc.addGate((h) => (h === '#/one' ? first.promise : h === '#/two' ? second.promise : undefined));
    const seen: string[] = [];
    loc.subscribe(() => seen.push(loc.current()));
    loc.update('#/one');
    loc.update('#/two');
    first.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(loc.current()).toBe('#/a'); // #/one was replaced: its data does not show it
    second.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(loc.current()).toBe('#/two');

    const third = deferred();
    loc.addGate((h) => (h === '#/three' ? third.promise : undefined));
    loc.update('#/three');
    loc.update('#/two'); // back before it showed
    third.resolve();
    await vi.advanceTimersByTimeAsync(200);
    expect(loc.current()).toBe('#/two');
    expect(seen).toEqual(['#/two']);
  });

  test('reset drops a hold without notifying', async () => {
    const loc = createHeldLocation('#/a', 150);
    const data = deferred();
    loc.addGate(() => data.promise);
    const seen: string[] = [];
    loc.subscribe(() => seen.push(loc.current()));
    loc.update('#/b');
    loc.reset('#/c');
    data.resolve();
    await vi.advanceTimersByTimeAsync(200);
    expect(loc.current()).toBe('#/c');
    expect(seen).toEqual([]);
  });
});
