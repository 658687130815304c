import { useEffect, useMemo, useRef } from 'react';
import type { TableGroupItem, TableItem } from './tableGroups';

export interface TableSelection {
  selectable: boolean;
  selected: ReadonlySet<string>;
  /** Ids of the rows shown (not those of collapsed groups), in order. */
  visibleIds: string[];
  selectedVisible: number;
  allVisibleSelected: boolean;
  /** Remembers where a Shift+click / Shift+arrow range starts. */
  setAnchor: (id: string) => void;
  toggle: (id: string) => void;
  selectRange: (toId: string) => void;
  toggleAllVisible: () => void;
  selectAllVisible: () => void;
  clear: () => void;
  /** 'all' | 'some' | 'none' of a group's rows selected. */
  groupState: (g: TableGroupItem<unknown>) => 'all' | 'some' | 'none';
  /** Selects every row of the group, or clears them when all were selected. */
  toggleGroup: (g: TableGroupItem<unknown>) => void;
}

const EMPTY_SET: ReadonlySet<string> = new Set<string>();

/**
 * Checkbox selection of a DataTable, by row id, over the items on display (group headers are never
 * selected themselves: their checkbox stands for their rows). Ids whose rows leave `data` are dropped.
 */
export function useTableSelection<T>(args: {
  items: readonly TableItem<T>[];
  indexById: ReadonlyMap<string, number>;
  data: readonly T[];
  getRowId: (row: T) => string;
  selection: ReadonlySet<string> | undefined;
  onSelectionChange: ((ids: Set<string>) => void) | undefined;
}): TableSelection {
  const { items, indexById, data, getRowId, onSelectionChange } = args;
  const selectable = onSelectionChange !== undefined;
  const selected = args.selection ?? EMPTY_SET;
  const anchorRef = useRef<string | undefined>(undefined);
  const visibleIds = useMemo(() => items.flatMap((it) => (it.kind === 'row' ? [it.id] : [])), [items]);
  const selectedVisible = selectable ? visibleIds.filter((id) => selected.has(id)).length : 0;
  const allVisibleSelected = visibleIds.length > 0 && selectedVisible === visibleIds.length;

  const emit = (next: Set<string>): void => onSelectionChange?.(next);
  const toggle = (id: string): void => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    anchorRef.current = id;
    emit(next);
  };
  const selectRange = (toId: string): void => {
    const from = anchorRef.current !== undefined ? indexById.get(anchorRef.current) : undefined;
    const to = indexById.get(toId);
    if (from === undefined || to === undefined) return toggle(toId);
    const next = new Set(selected);
    for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
      const it = items[i];
      if (it?.kind === 'row') next.add(it.id);
    }
    emit(next);
  };
  const groupState = (g: TableGroupItem<unknown>): 'all' | 'some' | 'none' => {
    const n = g.rowIds.filter((id) => selected.has(id)).length;
    return n === 0 ? 'none' : n === g.rowIds.length ? 'all' : 'some';
  };

  // Drop selected ids whose rows disappeared (removed containers etc.).
  const allIds = useMemo(() => new Set(data.map(getRowId)), [data, getRowId]);
  useEffect(() => {
    if (!selectable || selected.size === 0) return;
    let stale = false;
    for (const id of selected) if (!allIds.has(id)) stale = true;
    if (stale) emit(new Set([...selected].filter((id) => allIds.has(id))));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allIds]);

  return {
    selectable,
    selected,
    visibleIds,
    selectedVisible,
    allVisibleSelected,
    setAnchor: (id) => {
      anchorRef.current = id;
    },
    toggle,
    selectRange,
    toggleAllVisible: () => {
      const next = new Set(selected);
      if (allVisibleSelected) visibleIds.forEach((id) => next.delete(id));
      else visibleIds.forEach((id) => next.add(id));
      emit(next);
    },
    selectAllVisible: () => emit(new Set([...selected, ...visibleIds])),
    clear: () => emit(new Set()),
    groupState,
    toggleGroup: (g) => {
      const next = new Set(selected);
      if (groupState(g) === 'all') g.rowIds.forEach((id) => next.delete(id));
      else g.rowIds.forEach((id) => next.add(id));
      emit(next);
    },
  };
}
