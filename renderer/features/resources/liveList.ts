import { createStore, type StoreApi } from 'zustand/vanilla';
import { defaultTimers, type Timers } from '../../lib/timers';
import { BerthError } from '../../../shared/errors';
import { shouldRelist, type ResourceKind } from '../../presentation/resources';

/**
 * A list that stays current by engine events, never by polling: relevant events schedule one
 * trailing re-list (~150 ms), loads never overlap (a change during a load re-lists once more), and
 * the event subscription only lives while some view retains the list. Shared by the Images,
 * Volumes and Networks features.
 */

export interface LiveListState<T> {
  items: T[];
  /** True once a first load finished (successfully or not): empty states wait for it. */
  loaded: boolean;
  loading: boolean;
  /** The last load failure; cleared by the next successful load. */
  error: BerthError | undefined;
}

export interface LiveList<T> {
  store: StoreApi<LiveListState<T>>;
  /** Starts live updates (and a load); the returned function stops them. Reference counted. */
  retain(): () => void;
  /** Re-list now-ish (coalesced with any pending or running load). */
  refresh(): void;
  /**
   * Re-list at once, without the events' throttle: for a change this app just made (e.g. a create whose
   * reply came), so its row does not wait for the event and the trailing delay. Takes over a pending
   * re-list; during a load it re-lists once more after it, as an event would.
   */
  reload(): Promise<void>;
  /**
   * For a navigation about to show the list: loads now and keeps it live for a few seconds without a
   * view (a view mounting meanwhile takes it over, with no second load). Resolves when the load that
   * makes the list current has settled (at once when a view keeps it live already).
   */
  preload(): Promise<void>;
}

export interface LiveListOptions<T> {
  kind: ResourceKind;
  load: () => Promise<T[]>;
  /** Subscribes to engine events; returns an unsubscribe function. */
  subscribeEvents: (listener: (ev: { type: string; action: string }) => void) => () => void;
  throttleMs?: number;
  /** How long a preload keeps the list live when no view takes it over (default 2 s). */
  preloadKeepMs?: number;
  timers?: Timers;
}

function toError(e: unknown): BerthError {
  if (e instanceof BerthError) return e;
  return new BerthError('INTERNAL', e instanceof Error ? e.message : String(e));
}

export function createLiveList<T>(opts: LiveListOptions<T>): LiveList<T> {
  const throttleMs = opts.throttleMs ?? 150;
  const preloadKeepMs = opts.preloadKeepMs ?? 2000;
  const timers = opts.timers ?? defaultTimers;
  const store = createStore<LiveListState<T>>(() => ({ items: [], loaded: false, loading: false, error: undefined }));
  let refs = 0;
  let unsubscribe: (() => void) | undefined;
  let timer: unknown;
  let inFlight: Promise<void> | undefined;
  let again = false;
  /** A preload's own hold on the list: handed over to the first view that retains it. */
  let preloadHold: (() => void) | undefined;

  const run = (): Promise<void> => {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = load();
    return inFlight;
  };

  const load = async (): Promise<void> => {
    store.setState({ loading: true });
    try {
      const items = await opts.load();
      store.setState({ items, loaded: true, loading: false, error: undefined });
    } catch (e) {
      store.setState({ loaded: true, loading: false, error: toError(e) });
    }
    inFlight = undefined;
    if (again) {
      again = false;
      await run();
    }
  };

  const schedule = (): void => {
    if (timer !== undefined) return; // trailing: the pending re-list covers this change too
    timer = timers.set(() => {
      timer = undefined;
      void run();
    }, throttleMs);
  };

  const list: LiveList<T> = {
    store,
    retain() {
      refs += 1;
      const hold = preloadHold;
      preloadHold = undefined;
      if (refs === 1) {
        unsubscribe = opts.subscribeEvents((ev) => {
          if (shouldRelist(opts.kind, ev)) schedule();
        });
        void run();
      }
      // A view took over from a preload: the preload's hold ends (refs stays > 0, no second load).
      hold?.();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        refs -= 1;
        if (refs === 0) {
          unsubscribe?.();
          unsubscribe = undefined;
          if (timer !== undefined) timers.clear(timer);
          timer = undefined;
        }
      };
    },
    refresh: schedule,
    reload() {
      if (timer !== undefined) timers.clear(timer);
      timer = undefined;
      return run();
    },
    preload() {
      if (refs > 0) return Promise.resolve();
      const release = list.retain();
      preloadHold = release;
      // No view came (the user went elsewhere): stop keeping it live.
      timers.set(() => {
        if (preloadHold === release) preloadHold = undefined;
        release();
      }, preloadKeepMs);
      return inFlight ?? Promise.resolve();
    },
  };
  return list;
}
