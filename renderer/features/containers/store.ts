import { create } from 'zustand';
import type { ContainerSummary } from '../../../shared/models';
import { api } from '../../api';
import { onEngineEvent } from '../../stores/engineEvents';
import { errorMessage } from '../../stores/toasts';
import { classifyEvent, ContainerIndex, createIdBatcher } from './live';

/**
 * The container list, loaded once by 'containers.list' and kept live by engine events: affected ids
 * are batched for ~25 ms and re-fetched with `containers.list({ all: true, ids })`; 'destroy' drops
 * the row at once; 'resync' re-lists everything. No timers poll the list.
 *
 *   startContainersLive();                          // once, by the app shell
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
const MAX_IDS = 500;
const index = new ContainerIndex();

function publish(): void {
  const list = [...index.rows.values()].sort((a, b) => b.created - a.created || a.name.localeCompare(b.name));
  useContainersStore.setState({ list, byId: index.rows });
}

let fullInFlight: Promise<void> | undefined;
let fullAgain = false;

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
      } catch (err) {
        useContainersStore.setState({ error: errorMessage(err) });
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
    } catch {
      // Engine gone mid-refresh: the resync after reconnect re-lists everything.
    }
  }
}

const batcher = createIdBatcher(BATCH_MS, (ids) => void refreshContainers(ids));

let started = false;
export function startContainersLive(): void {
  if (started) return;
  started = true;
  onEngineEvent((ev) => {
    const effect = classifyEvent(ev);
    switch (effect.kind) {
      case 'resync':
        batcher.cancel();
        void reloadContainers();
        return;
      case 'patch':
        batcher.add(effect.id);
        return;
      case 'drop':
        batcher.remove(effect.id);
        if (index.drop(effect.id)) publish();
        return;
      case 'ignore':
        return;
    }
  });
}

/** Optimistically forget removed containers (the destroy event confirms it). */
export function dropContainers(ids: readonly string[]): void {
  let changed = false;
  for (const id of ids) changed = index.drop(id) || changed;
  if (changed) publish();
}
