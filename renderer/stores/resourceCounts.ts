import { create } from 'zustand';
import { api } from '../api';
import { whenIdle } from '../lib/idle';
import { isResync, onEngineEvent } from './engineEvents';

/**
 * Live counts for the sidebar. Containers come from the containers store; images, volumes and networks
 * are counted here with one cheap 'engine.counts' call (no full lists, no container list) on engine
 * events (throttled, no timers polling). The first count waits until the page's first view has loaded
 * and the browser is idle, so it never competes with the Containers table at startup. A feature store
 * that already re-lists on those events reports its fresh count so this store skips its own call:
 *
 *   startResourceCounts(firstViewLoaded);  // once; counting starts after that promise settles
 *   reportCount('images', images.length);
 *   const counts = useResourceCounts();   // { images?: number, volumes?: number, networks?: number }
 */
export type CountedKind = 'images' | 'volumes' | 'networks';

type Counts = Partial<Record<CountedKind, number>>;

export const useResourceCounts = create<Counts>(() => ({}));

const KINDS: readonly CountedKind[] = ['images', 'volumes', 'networks'];
const DELAY_MS = 500;
const RESYNC_DELAY_MS = 50;
/** The longest the first count waits for an idle moment after the first view loaded. */
const IDLE_TIMEOUT_MS = 1000;
const lastReport: Record<CountedKind, number> = { images: 0, volumes: 0, networks: 0 };
/** Kinds that changed, with the time they were first marked (a report after that makes them fresh). */
const dirty = new Map<CountedKind, number>();
let timer: ReturnType<typeof setTimeout> | undefined;
let ready = false;
let inFlight = false;

export function reportCount(kind: CountedKind, count: number): void {
  lastReport[kind] = performance.now();
  if (useResourceCounts.getState()[kind] !== count) useResourceCounts.setState({ [kind]: count });
}

function markDirty(kinds: readonly CountedKind[], delay: number): void {
  const now = performance.now();
  for (const k of kinds) if (!dirty.has(k)) dirty.set(k, now);
  if (!ready || timer || inFlight) return;
  timer = setTimeout(flush, delay);
}

function flush(): void {
  timer = undefined;
  // A feature store re-listed after the change: its count is fresh already.
  const wanted = [...dirty].filter(([k, since]) => lastReport[k] <= since).map(([k]) => k);
  dirty.clear();
  if (wanted.length === 0) return;
  inFlight = true;
  api
    .invoke('engine.counts', {})
    .then(
      (counts) => {
        for (const k of wanted) reportCount(k, counts[k]);
      },
      () => undefined, // engine down: the shell shows that; counts stay as they were
    )
    .finally(() => {
      inFlight = false;
      // Changes during the call: count once more.
      if (dirty.size > 0 && !timer) timer = setTimeout(flush, DELAY_MS);
    });
}

const KIND_OF_EVENT: Record<string, CountedKind> = { image: 'images', volume: 'volumes', network: 'networks' };
// Network events name containers (connect/disconnect) but do not change the number of networks.
const NETWORK_NOISE = new Set(['connect', 'disconnect']);

let started = false;
/** `after`: counting starts once it settles (e.g. the Containers table's first load) and the page is idle. */
export function startResourceCounts(after: Promise<unknown> = Promise.resolve()): void {
  if (started) return;
  started = true;
  onEngineEvent((ev) => {
    if (isResync(ev)) {
      markDirty(KINDS, RESYNC_DELAY_MS);
      return;
    }
    const kind = KIND_OF_EVENT[ev.type];
    if (!kind) return;
    if (kind === 'networks' && NETWORK_NOISE.has(ev.action)) return;
    if (kind === 'volumes' && (ev.action === 'mount' || ev.action === 'unmount')) return;
    markDirty([kind], DELAY_MS);
  });
  // When the browser is idle (after the frame that shows the first view), or after a timeout.
  const begin = (): void =>
    void whenIdle(
      () => {
        ready = true;
        // The first count, whatever the events said meanwhile.
        markDirty(KINDS, 0);
      },
      IDLE_TIMEOUT_MS,
      50,
    );
  after.then(begin, begin);
}
