import { create } from 'zustand';
import { api } from '../api';
import { isResync, onEngineEvent } from './engineEvents';

/**
 * Live counts for the sidebar. Containers come from the containers store; images, volumes and networks
 * are counted here on engine events (throttled, no timers polling). A feature store that already
 * re-lists on those events should report its fresh count so this store skips its own list call:
 *
 *   reportCount('images', images.length);
 *   const counts = useResourceCounts();   // { images?: number, volumes?: number, networks?: number }
 */
export type CountedKind = 'images' | 'volumes' | 'networks';

type Counts = Partial<Record<CountedKind, number>>;

export const useResourceCounts = create<Counts>(() => ({}));

const DELAY_MS = 500;
const RESYNC_DELAY_MS = 50;
const lastReport: Record<CountedKind, number> = { images: 0, volumes: 0, networks: 0 };
const timers: Partial<Record<CountedKind, ReturnType<typeof setTimeout>>> = {};

export function reportCount(kind: CountedKind, count: number): void {
  lastReport[kind] = performance.now();
  if (useResourceCounts.getState()[kind] !== count) useResourceCounts.setState({ [kind]: count });
}

async function fetchCount(kind: CountedKind): Promise<number> {
  switch (kind) {
    case 'images':
      return (await api.invoke('images.list', {})).length;
    case 'volumes':
      return (await api.invoke('volumes.list', {})).length;
    case 'networks':
      return (await api.invoke('networks.list', {})).length;
  }
}

function schedule(kind: CountedKind, delay = DELAY_MS): void {
  if (timers[kind]) return;
  const scheduledAt = performance.now();
  timers[kind] = setTimeout(() => {
    timers[kind] = undefined;
    // A feature store re-listed after this event: its count is fresh already.
    if (lastReport[kind] > scheduledAt) return;
    fetchCount(kind).then(
      (n) => reportCount(kind, n),
      () => undefined, // engine down: the shell shows that; counts stay as they were
    );
  }, delay);
}

const KIND_OF_EVENT: Record<string, CountedKind> = { image: 'images', volume: 'volumes', network: 'networks' };
// Network events name containers (connect/disconnect) but do not change the number of networks.
const NETWORK_NOISE = new Set(['connect', 'disconnect']);

let started = false;
export function startResourceCounts(): void {
  if (started) return;
  started = true;
  onEngineEvent((ev) => {
    if (isResync(ev)) {
      schedule('images', RESYNC_DELAY_MS);
      schedule('volumes', RESYNC_DELAY_MS);
      schedule('networks', RESYNC_DELAY_MS);
      return;
    }
    const kind = KIND_OF_EVENT[ev.type];
    if (!kind) return;
    if (kind === 'networks' && NETWORK_NOISE.has(ev.action)) return;
    if (kind === 'volumes' && (ev.action === 'mount' || ev.action === 'unmount')) return;
    schedule(kind);
  });
}
