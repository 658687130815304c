/**
 * Virtualized, sortable, filterable, selectable table (role="grid", real <table>; only rows on screen
 * are in the DOM). Built on @tanstack/react-table (sort/filter row model) + @tanstack/react-virtual.
 *
 *   const columns: Column<ImageSummary>[] = [
 *     { id: 'name', header: 'Name', cell: (r) => r.repoTags[0], sortValue: (r) => r.repoTags[0] ?? '' },
 *     { id: 'size', header: 'Size', width: 90, align: 'end', cell: (r) => formatBytes(r.size), sortValue: (r) => r.size },
 *   ];
 *   <DataTable
 *     label="Images"                       // grid's accessible name: getByRole('grid', { name: 'Images' })
 *     data={images} columns={columns}
 *     getRowId={(r) => r.id}
 *     getRowLabel={(r) => r.repoTags[0] ?? shortId(r.id)}   // row name: getByRole('row', { name: /busybox/ })
 *     onOpen={(r) => navigate(`#/images/${r.id}`)}           // Enter / double-click
 *     selection={sel} onSelectionChange={setSel}              // enables checkboxes ("Select <label>", "Select all")
 *     globalFilter={query}                                    // matched against filterText/sortValue of every column
 *     defaultSorting={{ id: 'name', desc: false }}
 *     rowActions={(r) => <IconButton label="Remove" icon={Trash2} onClick={…} />}
 *     rowActionsWidth={80}
 *     onDeleteKey={(rows) => askToRemove(rows)}               // Delete/Backspace on the grid
 *     isRowBusy={(r) => busy.has(r.id)}
 *     emptyState={<EmptyState title="No images" />}
 *     onFilteredCountChange={setShown}                        // rows left after the filter
 *     grouping={{ key: (r) => r.project, otherTitle: 'No project', summary, collapsed, onCollapsedChange }}
 *   />
 *
 * Keyboard (focus on the grid): ↑/↓ move the active row, Home/End, PageUp/PageDown, Space toggles
 * selection, Enter opens, Ctrl/Cmd+A selects all visible rows, Escape clears the selection, Delete
 * asks to remove the selection (or the active row). Only the active row's controls are in the Tab order.
 * Grouped (role treegrid): ←/→ collapse/expand the active group header, Enter toggles it, Space (de)selects
 * its rows, ← on a row goes to its header. Parts: useTableModel (tanstack), tableGroups, useTableSelection,
 * useTableKeyboard, DataTableHead, DataTableRows.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useLayoutEffect, useMemo, useRef, useState, useEffect, type MouseEvent, type ReactNode } from 'react';
import type { Column, SortState, TableGrouping } from './dataTableTypes';
import { ACTIONS_WIDTH, CHECK_WIDTH, DataTableHead } from './DataTableHead';
import { DataTableGroupRow, DataTableRow, isInteractive } from './DataTableRows';
import { Spinner } from './Spinner';
import { flatItems, groupItems, OTHER_GROUP, type TableGroupItem } from './tableGroups';
import { useFittingColumns } from './useFittingColumns';
import { useTableKeyboard } from './useTableKeyboard';
import { useTableModel } from './useTableModel';
import { useTableSelection } from './useTableSelection';

export type { Column, SortState, TableGrouping } from './dataTableTypes';

export interface DataTableProps<T> {
  label: string;
  data: readonly T[];
  columns: readonly Column<T>[];
  getRowId: (row: T) => string;
  getRowLabel: (row: T) => string;
  onOpen?: (row: T) => void;
  selection?: ReadonlySet<string>;
  onSelectionChange?: (ids: Set<string>) => void;
  /** Controlled sorting; omit to let the table keep it (starting from defaultSorting). */
  sorting?: SortState | null;
  onSortingChange?: (sorting: SortState | null) => void;
  defaultSorting?: SortState;
  globalFilter?: string;
  /** Custom filter; default matches the query (case-insensitive) against every column's text. */
  filterFn?: (row: T, query: string) => boolean;
  /** Rows under collapsible group headers (role treegrid); rows stay sorted within their group. */
  grouping?: TableGrouping<T>;
  rowActions?: (row: T) => ReactNode;
  rowActionsWidth?: number;
  /** Shown when `data` is empty. */
  emptyState?: ReactNode;
  /** Shown when the filter hides every row (default: "No matches"). */
  noMatchState?: ReactNode;
  onDeleteKey?: (rows: T[]) => void;
  isRowBusy?: (row: T) => boolean;
  /** First load still running: shows a spinner instead of the empty state. */
  loading?: boolean;
  rowClassName?: (row: T) => string | undefined;
  /** Called with the number of rows left after the global filter (e.g. for "12 of 340" in a header). */
  onFilteredCountChange?: (count: number) => void;
  /** Called with the ids of the rows on screen (no overscan) whenever they change, e.g. to fetch live stats. */
  onVisibleRowsChange?: (ids: string[]) => void;
}

const ROW_HEIGHT = 32;
const HEADER_HEIGHT = 32;

export function DataTable<T>(props: DataTableProps<T>) {
  const { label, data, columns, getRowId, getRowLabel, onOpen, rowActions, grouping, globalFilter = '' } = props;
  const baseId = useId().replace(/:/g, '');

  // ---- rows: tanstack filter + sort, then (optionally) groups ----
  const { rows, sort, setSort } = useTableModel({
    data,
    columns,
    getRowId,
    globalFilter,
    filterFn: props.filterFn,
    sorting: props.sorting,
    onSortingChange: props.onSortingChange,
    defaultSorting: props.defaultSorting,
  });
  const groupKey = grouping?.key;
  const collapsed = grouping?.collapsed;
  const items = useMemo(
    () => (groupKey && collapsed ? groupItems(rows, groupKey, collapsed) : flatItems(rows)),
    [rows, groupKey, collapsed],
  );
  const countCb = useRef(props.onFilteredCountChange);
  countCb.current = props.onFilteredCountChange;
  useEffect(() => countCb.current?.(rows.length), [rows.length]);
  const setExpanded = (g: TableGroupItem<T>, expanded: boolean): void => {
    if (!grouping || g.expanded === expanded) return;
    const next = new Set(grouping.collapsed);
    if (expanded) next.delete(g.key);
    else next.add(g.key);
    grouping.onCollapsedChange(next);
  };

  // ---- virtualization ----
  const scrollRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const vItems = virtualizer.getVirtualItems();
  const total = virtualizer.getTotalSize();
  const padTop = vItems.length > 0 ? vItems[0]!.start - HEADER_HEIGHT : 0;
  const padBottom = vItems.length > 0 ? total - vItems[vItems.length - 1]!.end : 0;

  // Rows on screen (the virtualizer's range without overscan), reported when they change.
  const visibleCb = useRef(props.onVisibleRowsChange);
  visibleCb.current = props.onVisibleRowsChange;
  const range = virtualizer.range;
  const onScreenKey =
    props.onVisibleRowsChange && range
      ? items
          .slice(range.startIndex, range.endIndex + 1)
          .flatMap((it) => (it.kind === 'row' ? [it.id] : []))
          .join('\n')
      : '';
  useEffect(() => visibleCb.current?.(onScreenKey ? onScreenKey.split('\n') : []), [onScreenKey]);

  // ---- active row (kept by id so live updates do not move it) ----
  const [activeId, setActiveId] = useState<string | undefined>();
  const indexById = useMemo(() => {
    const m = new Map<string, number>();
    items.forEach((it, i) => m.set(it.id, i));
    return m;
  }, [items]);
  const activeIndex = activeId !== undefined ? indexById.get(activeId) : undefined;
  const [focused, setFocused] = useState(false);
  const moveTo = (index: number): void => {
    if (items.length === 0) return;
    const i = Math.max(0, Math.min(items.length - 1, index));
    const it = items[i];
    if (!it) return;
    setActiveId(it.id);
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };

  const sel = useTableSelection({
    items,
    indexById,
    data,
    getRowId,
    selection: props.selection,
    onSelectionChange: props.onSelectionChange,
  });
  const onKeyDown = useTableKeyboard({
    items,
    activeIndex,
    moveTo,
    sel,
    rowHeight: ROW_HEIGHT,
    scrollRef,
    onOpen,
    onDeleteKey: props.onDeleteKey,
    setExpanded,
    indexById,
  });

  // Roving tab order: only the active row's own controls are tabbable.
  useLayoutEffect(() => {
    const body = tableRef.current?.tBodies[0];
    if (!body) return;
    for (const tr of Array.from(body.rows)) {
      const active = tr.classList.contains('is-active');
      tr.querySelectorAll<HTMLElement>('button, a[href], input, select, [tabindex]').forEach((el) => {
        el.tabIndex = active ? 0 : -1;
      });
    }
  });

  const onRowClick = (e: MouseEvent<HTMLTableRowElement>, id: string, isGroup: boolean): void => {
    setActiveId(id);
    if (isInteractive(e.target)) return;
    if (!isGroup && sel.selectable && e.shiftKey) sel.selectRange(id);
    else if (!isGroup && sel.selectable && (e.ctrlKey || e.metaKey)) sel.toggle(id);
    else if (!isGroup) sel.setAnchor(id);
    tableRef.current?.focus({ preventScroll: true });
  };

  const { shown, minWidth } = useFittingColumns(
    columns,
    scrollRef,
    (sel.selectable ? CHECK_WIDTH : 0) + (rowActions ? (props.rowActionsWidth ?? ACTIONS_WIDTH) : 0),
  );
  const dataCols = shown.length + (rowActions ? 1 : 0);
  const colCount = dataCols + (sel.selectable ? 1 : 0);
  const activeDomId = activeIndex !== undefined ? `${baseId}-row-${activeIndex}` : undefined;
  const activeRendered = activeIndex !== undefined && vItems.some((v) => v.index === activeIndex);
  const showEmpty = data.length === 0;
  const showNoMatch = !showEmpty && rows.length === 0;

  return (
    <div className="dt-wrap">
      <div className="dt-scroll" ref={scrollRef}>
        <table
          ref={tableRef}
          role={grouping ? 'treegrid' : 'grid'}
          aria-label={label}
          aria-rowcount={items.length + 1}
          aria-colcount={colCount}
          aria-multiselectable={sel.selectable || undefined}
          aria-activedescendant={focused && activeRendered ? activeDomId : undefined}
          tabIndex={0}
          className={`dt${focused ? ' is-focused' : ''}${grouping ? ' is-grouped' : ''}`}
          style={{ minWidth }}
          onKeyDown={onKeyDown}
          onFocus={(e) => {
            if (e.target !== e.currentTarget) return;
            setFocused(true);
            if (activeIndex === undefined && items[0]) setActiveId(items[0].id);
          }}
          onBlur={(e) => {
            if (e.target === e.currentTarget) setFocused(false);
          }}
        >
          <DataTableHead
            columns={shown}
            selectable={sel.selectable}
            hasActions={rowActions !== undefined}
            actionsWidth={props.rowActionsWidth}
            sort={sort}
            onSort={setSort}
            allSelected={sel.allVisibleSelected}
            someSelected={sel.selectedVisible > 0}
            canSelect={sel.visibleIds.length > 0}
            onToggleAll={sel.toggleAllVisible}
          />
          <tbody>
            {padTop > 0 && (
              <tr aria-hidden="true" className="dt-spacer" style={{ height: padTop }}>
                <td colSpan={colCount} />
              </tr>
            )}
            {vItems.map((vi) => {
              const it = items[vi.index];
              if (!it) return null;
              const base = {
                domId: `${baseId}-row-${vi.index}`,
                rowIndex: vi.index + 2,
                active: it.id === activeId,
                selectable: sel.selectable,
              };
              if (it.kind === 'group') {
                return (
                  <DataTableGroupRow
                    key={it.id}
                    {...base}
                    level={1}
                    group={it as TableGroupItem<unknown>}
                    title={it.key === OTHER_GROUP ? (grouping?.otherTitle ?? '') : it.key}
                    summary={grouping?.summary(it.rows) ?? ''}
                    span={dataCols}
                    checked={sel.groupState(it as TableGroupItem<unknown>)}
                    onClick={(e) => onRowClick(e, it.id, true)}
                    onToggleExpanded={() => setExpanded(it, !it.expanded)}
                    onCheck={() => sel.toggleGroup(it as TableGroupItem<unknown>)}
                  />
                );
              }
              const row = it.row;
              return (
                <DataTableRow<T>
                  key={it.id}
                  {...base}
                  level={grouping ? 2 : undefined}
                  row={row}
                  label={getRowLabel(row)}
                  columns={shown}
                  selected={sel.selectable && sel.selected.has(it.id)}
                  busy={props.isRowBusy?.(row) ?? false}
                  className={props.rowClassName?.(row)}
                  hasActions={rowActions !== undefined}
                  actions={rowActions?.(row)}
                  onClick={(e) => onRowClick(e, it.id, false)}
                  onOpen={() => onOpen?.(row)}
                  onCheck={(shift) => {
                    setActiveId(it.id);
                    if (shift) sel.selectRange(it.id);
                    else sel.toggle(it.id);
                  }}
                />
              );
            })}
            {padBottom > 0 && (
              <tr aria-hidden="true" className="dt-spacer" style={{ height: padBottom }}>
                <td colSpan={colCount} />
              </tr>
            )}
          </tbody>
        </table>
        {showEmpty && (
          <div className="dt-empty">
            {props.loading ? (
              <Spinner label={`Loading ${label.toLowerCase()}`} />
            ) : (
              (props.emptyState ?? 'Nothing here yet.')
            )}
          </div>
        )}
        {showNoMatch && (
          <div className="dt-empty">
            {props.noMatchState ?? (
              <div className="empty-state">
                <div className="empty-state-title">No matches</div>
                {globalFilter && <div className="empty-state-hint">Nothing matches “{globalFilter}”.</div>}
              </div>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
