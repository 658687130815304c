import type { KeyboardEvent, RefObject } from 'react';
import { groupItemId, type TableGroupItem, type TableItem } from './tableGroups';
import type { TableSelection } from './useTableSelection';

/**
 * The grid's keys (focus on the grid itself): ↑/↓ move the active row (Shift extends the selection),
 * Home/End, PageUp/PageDown, Space toggles selection, Enter opens, Ctrl/Cmd+A selects every row shown,
 * Escape clears the selection, Delete asks to remove the selection (or the active row). On a group
 * header: ←/→ collapse/expand it, Enter toggles it, Space (de)selects its rows; ← on a row goes to its
 * header (the treegrid convention).
 */
export function useTableKeyboard<T>(args: {
  items: readonly TableItem<T>[];
  activeIndex: number | undefined;
  moveTo: (index: number) => void;
  sel: TableSelection;
  rowHeight: number;
  scrollRef: RefObject<HTMLDivElement | null>;
  onOpen: ((row: T) => void) | undefined;
  onDeleteKey: ((rows: T[]) => void) | undefined;
  setExpanded: (group: TableGroupItem<T>, expanded: boolean) => void;
  indexById: ReadonlyMap<string, number>;
}): (e: KeyboardEvent<HTMLTableElement>) => void {
  const { items, activeIndex, moveTo, sel, onOpen, onDeleteKey, setExpanded, indexById } = args;
  const active = activeIndex !== undefined ? items[activeIndex] : undefined;

  const rowsOf = (ids: readonly string[]): T[] => {
    const out: T[] = [];
    for (const id of ids) {
      const it = items[indexById.get(id) ?? -1];
      if (it?.kind === 'row') out.push(it.row);
    }
    return out;
  };
  const extendTo = (i: number): void => {
    const it = items[i];
    if (sel.selectable && it?.kind === 'row') sel.selectRange(it.id);
  };

  const onGroupKey = (e: KeyboardEvent<HTMLTableElement>, g: TableGroupItem<T>): boolean => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Enter') {
      e.preventDefault();
      setExpanded(g, e.key === 'Enter' ? !g.expanded : e.key === 'ArrowRight');
      return true;
    }
    if (e.key === ' ' && sel.selectable) {
      e.preventDefault();
      sel.toggleGroup(g as TableGroupItem<unknown>);
      return true;
    }
    return false;
  };

  return (e) => {
    if (e.target !== e.currentTarget) return; // keys inside row controls belong to them
    if (active?.kind === 'group' && onGroupKey(e, active)) return;
    const cur = activeIndex ?? -1;
    const page = Math.max(1, Math.floor((args.scrollRef.current?.clientHeight ?? 320) / args.rowHeight) - 2);
    const mod = e.ctrlKey || e.metaKey;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        moveTo(cur + 1);
        if (e.shiftKey) extendTo(cur + 1);
        return;
      case 'ArrowUp':
        e.preventDefault();
        moveTo(cur < 0 ? 0 : cur - 1);
        if (e.shiftKey && cur > 0) extendTo(cur - 1);
        return;
      case 'ArrowLeft':
        if (active?.kind === 'row' && active.group !== undefined) {
          e.preventDefault();
          moveTo(indexById.get(groupItemId(active.group)) ?? cur);
        }
        return;
      case 'Home':
        e.preventDefault();
        moveTo(0);
        return;
      case 'End':
        e.preventDefault();
        moveTo(items.length - 1);
        return;
      case 'PageDown':
        e.preventDefault();
        moveTo(cur + page);
        return;
      case 'PageUp':
        e.preventDefault();
        moveTo(cur - page);
        return;
      case ' ':
        if (!sel.selectable || active?.kind !== 'row') return;
        e.preventDefault();
        sel.toggle(active.id);
        return;
      case 'Enter':
        if (active?.kind === 'row' && onOpen) {
          e.preventDefault();
          onOpen(active.row);
        }
        return;
      case 'a':
      case 'A':
        if (mod && sel.selectable) {
          e.preventDefault();
          sel.selectAllVisible();
        }
        return;
      case 'Escape':
        if (sel.selectable && sel.selected.size > 0) {
          e.preventDefault();
          sel.clear();
        }
        return;
      case 'Delete':
      case 'Backspace': {
        if (!onDeleteKey) return;
        const targets = sel.selectedVisible > 0 ? rowsOf(sel.visibleIds.filter((id) => sel.selected.has(id))) : [];
        if (targets.length === 0 && active?.kind === 'row') targets.push(active.row);
        if (targets.length > 0) {
          e.preventDefault();
          onDeleteKey(targets);
        }
        return;
      }
    }
  };
}
