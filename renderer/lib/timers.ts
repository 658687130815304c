/**
 * Injectable timers for the pure schedulers (container id batching, live lists, route holds), so unit
 * tests can drive them; `defaultTimers` is the page's setTimeout/clearTimeout.
 */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

// Wrapped: calling setTimeout as a method of another object throws "Illegal invocation" in browsers.
export const defaultTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Runs `fn` once, `ms` after the first `schedule()` of a burst (e.g. a few engine events in a row). */
export function coalesced(
  fn: () => void,
  ms: number,
  timers: Timers = defaultTimers,
): { schedule(): void; cancel(): void } {
  let handle: unknown;
  return {
    schedule() {
      handle ??= timers.set(() => {
        handle = undefined;
        fn();
      }, ms);
    },
    cancel() {
      if (handle !== undefined) timers.clear(handle);
      handle = undefined;
    },
  };
}
