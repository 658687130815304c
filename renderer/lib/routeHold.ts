import { defaultTimers, type Timers } from './timers';

/**
 * The location the app renders, which may lag the browser's while a route gate holds it (router.ts).
 * A gate is asked about every new location, synchronously; it returns a promise of what that page shows
 * first (the logs tail, the image list) or undefined. The switch to the new location waits for every
 * returned promise (a rejected one counts as settled) or `holdMaxMs`, whichever comes first, so the new
 * page renders once with its content instead of empty first and filled a moment later; the previous
 * page stays up meanwhile, as with a React transition. A newer location replaces a held one.
 * Pure (no window): the router feeds it the location.
 */
export type RouteGate = (location: string) => Promise<unknown> | undefined;

export interface HeldLocation {
  /** What to render. */
  current(): string;
  /** Feed a (possibly) new location; duplicates (popstate then hashchange) are ignored. */
  update(location: string): void;
  /** Drop any hold and render `location` now (e.g. when rendering starts over). */
  reset(location: string): void;
  addGate(gate: RouteGate): () => void;
  /** Called when `current()` changed. */
  subscribe(listener: () => void): () => void;
}

export function createHeldLocation(initial: string, holdMaxMs: number, timers: Timers = defaultTimers): HeldLocation {
  const gates = new Set<RouteGate>();
  const listeners = new Set<() => void>();
  let shown = initial;
  let held: string | undefined;
  let seq = 0;
  let timer: unknown;

  const cancelHold = (): void => {
    seq++;
    held = undefined;
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
  };

  const show = (location: string): void => {
    cancelHold();
    if (location === shown) return;
    shown = location;
    for (const l of [...listeners]) l();
  };

  return {
    current: () => shown,
    update(location) {
      if (location === (held ?? shown)) return;
      const waits: Promise<unknown>[] = [];
      for (const gate of gates) {
        try {
          const p = gate(location);
          if (p) waits.push(p.catch(() => undefined));
        } catch {
          // A failing gate holds nothing.
        }
      }
      if (waits.length === 0) return show(location);
      cancelHold();
      held = location;
      const mine = seq;
      const release = (): void => {
        if (mine === seq) show(location);
      };
      timer = timers.set(release, holdMaxMs);
      void Promise.all(waits).then(release);
    },
    reset(location) {
      cancelHold();
      shown = location;
    },
    addGate(gate) {
      gates.add(gate);
      return () => gates.delete(gate);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
