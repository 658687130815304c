import { create } from 'zustand';
import type { ContainerState } from '../../../shared/models';
import type { SortState } from '../../components/DataTable';

/** List view state that survives visiting a detail page: filter text, state filter, sort, selection. */
export type StateFilter = 'all' | 'running' | 'paused' | 'stopped';

export const STATE_FILTERS: Record<StateFilter, (s: ContainerState) => boolean> = {
  all: () => true,
  running: (s) => s === 'running' || s === 'restarting',
  paused: (s) => s === 'paused',
  stopped: (s) => s === 'exited' || s === 'created' || s === 'dead' || s === 'removing',
};

interface ContainersViewState {
  query: string;
  stateFilter: StateFilter;
  sorting: SortState | null;
  selection: Set<string>;
  set(patch: Partial<Omit<ContainersViewState, 'set'>>): void;
}

export const useContainersView = create<ContainersViewState>((set) => ({
  query: '',
  stateFilter: 'all',
  sorting: null,
  selection: new Set(),
  set: (patch) => set(patch),
}));
