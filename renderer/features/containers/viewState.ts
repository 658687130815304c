import { create } from 'zustand';
import type { ContainerState } from '../../../shared/models';
import type { SortState } from '../../components/DataTable';

/**
 * List view state that survives visiting a detail page: filter text, state filter, sort, selection,
 * grouping by compose project (that one also survives a restart: localStorage) and collapsed projects.
 */
export type StateFilter = 'all' | 'running' | 'paused' | 'stopped';

export const STATE_FILTERS: Record<StateFilter, (s: ContainerState) => boolean> = {
  all: () => true,
  running: (s) => s === 'running' || s === 'restarting',
  paused: (s) => s === 'paused',
  stopped: (s) => s === 'exited' || s === 'created' || s === 'dead' || s === 'removing',
};

const GROUP_KEY = 'berth.containers.groupByProject';

function loadGroupByProject(): boolean {
  try {
    return window.localStorage.getItem(GROUP_KEY) === 'true';
  } catch {
    return false;
  }
}

function saveGroupByProject(on: boolean): void {
  try {
    window.localStorage.setItem(GROUP_KEY, String(on));
  } catch {
    /* storage blocked: the choice lasts for this session only */
  }
}

interface ContainersViewState {
  query: string;
  stateFilter: StateFilter;
  sorting: SortState | null;
  selection: Set<string>;
  groupByProject: boolean;
  /** Projects whose group is collapsed ('' = the "No project" group). */
  collapsed: Set<string>;
  set(patch: Partial<Omit<ContainersViewState, 'set' | 'groupByProject'>>): void;
  setGroupByProject(on: boolean): void;
}

export const useContainersView = create<ContainersViewState>((set) => ({
  query: '',
  stateFilter: 'all',
  sorting: null,
  selection: new Set(),
  groupByProject: typeof window !== 'undefined' && loadGroupByProject(),
  collapsed: new Set(),
  set: (patch) => set(patch),
  setGroupByProject: (on) => {
    saveGroupByProject(on);
    set({ groupByProject: on });
  },
}));
