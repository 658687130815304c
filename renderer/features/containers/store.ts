import { create } from 'zustand';
import type { ContainerSummary } from '../../../shared/models';
import { api, webLink } from '../../api';
import { onEngineEvent } from '../../stores/engineEvents';
import { errorMessage } from '../../stores/toasts';
import { classifyEvent, ContainerIndex, createIdBatcher, StateExpectations } from './live';

/**
 * The container list, loaded once by 'containers.list' and kept live by engine events: affected ids
 * are batched for ~25 ms and re-fetched with `containers.list({ all: true, ids })`; 'destroy' drops
 * the row at once; 'resync' re-lists everything. No timers poll the list. When a re-fetched row still
 * contradicts its latest event (the engine logs some events before its list view catches up), that
 * id is fetched again ~100 ms later, at most 3 times.
 *
 * The first full list is requested at startup right after the events subscription (not when its
 * resync marker arrives), and that marker then needs no second full list.
 *
 *   startContainersLive();                          // once, before the first render (main.tsx)
 *   const list = useContainersStore((s) => s.list); // sorted by created, newest first
 */
export type ContainerAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill' | 'remove';

interface ContainersState {
  list: ContainerSummary[];
  byId: ReadonlyMap<string, ContainerSummary>;
  loaded: boolean;
  error: string | undefined;
  /** Rows with an action in flight (optimistic busy indicator). */
  busy: Readonly<Record<string, ContainerAction>>;
  setBusy(ids: readonly string[], action: ContainerAction | undefined): void;
}

export const useContainersStore = create<ContainersState>((set, get) => ({
  list: [],
  byId: new Map(),
  loaded: false,
  error: undefined,
  busy: {},
  setBusy(ids, action) {
    const busy = { ...get().busy };
    for (const id of ids) {
      if (action) busy[id] = action;
      else delete busy[id];
    }
    set({ busy });
  },
}));

const BATCH_MS = 25;
const RETRY_MS = 100;
const MAX_RETRIES = 3;
const MAX_IDS = 500;
const index = new ContainerIndex();
const expectations = new StateExpectations(MAX_RETRIES);

// Tie-break by name in code-point order: localeCompare would initialize ICU (~30 ms on a page's first
// call) right on the path to the first table paint.
const byCreatedThenName = (a: ContainerSummary, b: ContainerSummary): number =>
  b.created - a.created || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function publish(): void {
  const list = [...index.rows.values()].sort(byCreatedThenName);
  useContainersStore.setState({ list, byId: index.rows });
}

let fullInFlight: Promise<void> | undefined;
let fullAgain = false;
/**
 * The startup list was requested after the events subscription was sent, and the link has not dropped
 * since: everything the engine does after that list reaches us as events, so the resync marker of that
 * subscription needs no second full list.
 */
let startupListCovers = false;
/** That marker was skipped; if the startup list then fails, list again. */
let resyncSkipped = false;

/** Re-list everything (first load and after every resync). Coalesces overlapping calls. */
export function reloadContainers(): Promise<void> {
  if (fullInFlight) {
    fullAgain = true;
    return fullInFlight;
  }
  fullInFlight = (async () => {
    do {
      fullAgain = false;
      const seq = index.next();
      try {
        const list = await api.invoke('containers.list', { all: true });
        index.applyFull(seq, list);
        publish();
        useContainersStore.setState({ loaded: true, error: undefined });
        resyncSkipped = false;
        recheck(expectations.ids());
      } catch (err) {
        useContainersStore.setState({ error: errorMessage(err) });
        startupListCovers = false;
        if (resyncSkipped) {
          resyncSkipped = false;
          fullAgain = true;
        }
      }
    } while (fullAgain);
  })().finally(() => {
    fullInFlight = undefined;
  });
  return fullInFlight;
}

/** Re-fetch just these containers (ids missing from the answer are gone). */
export async function refreshContainers(ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += MAX_IDS) {
    const chunk = ids.slice(i, i + MAX_IDS);
    const seq = index.next();
    try {
      const list = await api.invoke('containers.list', { all: true, ids: [...chunk] });
      if (index.applyPartial(seq, chunk, list)) publish();
      recheck(chunk);
    } catch {
      // Engine gone mid-refresh: the resync after reconnect re-lists everything.
    }
  }
}

/** Rows that still contradict their latest event are fetched again shortly. */
function recheck(ids: Iterable<string>): void {
  for (const id of expectations.check(ids, index.rows)) retries.add(id);
}

const batcher = createIdBatcher(BATCH_MS, (ids) => void refreshContainers(ids));
const retries = createIdBatcher(RETRY_MS, (ids) => void refreshContainers(ids));

let firstLoad: Promise<void> | undefined;
/**
 * Starts the live list and its first full load (resolves when that load settled). Call as early as
 * possible: before the first render, so the request leaves the moment the link is up.
 */
export function startContainersLive(): Promise<void> {
  if (firstLoad) return firstLoad;
  onEngineEvent((ev) => {
    expectations.note(ev);
    const effect = classifyEvent(ev);
    switch (effect.kind) {
      case 'resync':
        if (startupListCovers && ev.attributes['reason'] === 'subscribed') {
          startupListCovers = false;
          resyncSkipped = fullInFlight !== undefined;
          return;
        }
        startupListCovers = false;
        batcher.cancel();
        void reloadContainers();
        return;
      case 'patch':
        batcher.add(effect.id);
        return;
      case 'drop':
        batcher.remove(effect.id);
        retries.remove(effect.id);
        if (index.drop(effect.id)) publish();
        return;
      case 'ignore':
        return;
    }
  });
  // The subscription above was sent first (or is queued first, in web mode before the socket opens).
  startupListCovers = true;
  webLink?.onState((s) => {
    if (s !== 'open') startupListCovers = false;
  });
  firstLoad = reloadContainers();
  return firstLoad;
}

/** Optimistically forget removed containers (the destroy event confirms it). */
export function dropContainers(ids: readonly string[]): void {
  let changed = false;
  for (const id of ids) changed = index.drop(id) || changed;
  if (changed) publish();
}
