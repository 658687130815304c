import { createStore, type StoreApi } from 'zustand/vanilla';
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
}

export interface LiveListOptions<T> {
  kind: ResourceKind;
  load: () => Promise<T[]>;
  /** Subscribes to engine events; returns an unsubscribe function. */
  subscribeEvents: (listener: (ev: { type: string; action: string }) => void) => () => void;
  throttleMs?: number;
  timers?: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void };
}

function toError(e: unknown): BerthError {
  if (e instanceof BerthError) return e;
  return new BerthError('INTERNAL', e instanceof Error ? e.message : String(e));
}

export function createLiveList<T>(opts: LiveListOptions<T>): LiveList<T> {
  const throttleMs = opts.throttleMs ?? 150;
  const timers = opts.timers ?? {
    set: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clear: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  const store = createStore<LiveListState<T>>(() => ({ items: [], loaded: false, loading: false, error: undefined }));
  let refs = 0;
  let unsubscribe: (() => void) | undefined;
  let timer: unknown;
  let inFlight = false;
  let again = false;

  const run = async (): Promise<void> => {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    store.setState({ loading: true });
    try {
      const items = await opts.load();
      store.setState({ items, loaded: true, loading: false, error: undefined });
    } catch (e) {
      store.setState({ loaded: true, loading: false, error: toError(e) });
    } finally {
      inFlight = false;
      if (again) {
        again = false;
        void run();
      }
    }
  };

  const schedule = (): void => {
    if (timer !== undefined) return; // trailing: the pending re-list covers this change too
    timer = timers.set(() => {
      timer = undefined;
      void run();
    }, throttleMs);
  };

  return {
    store,
    retain() {
      refs += 1;
      if (refs === 1) {
        unsubscribe = opts.subscribeEvents((ev) => {
          if (shouldRelist(opts.kind, ev)) schedule();
        });
        void run();
      }
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
  };
}
