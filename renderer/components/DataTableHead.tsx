import { ArrowDown, ArrowUp, ChevronsUpDown } from 'lucide-react';
import { useEffect, useRef } from 'react';
import type { Column, SortState } from './dataTableTypes';

export const CHECK_WIDTH = 36;
export const ACTIONS_WIDTH = 120;

/** The DataTable's <colgroup> and sticky header: "Select all", sortable column headers, actions. */
export function DataTableHead<T>(props: {
  columns: readonly Column<T>[];
  selectable: boolean;
  hasActions: boolean;
  actionsWidth: number | undefined;
  sort: SortState | null;
  onSort: (s: SortState | null) => void;
  allSelected: boolean;
  someSelected: boolean;
  canSelect: boolean;
  onToggleAll: () => void;
}) {
  const { columns, selectable, hasActions, sort, onSort, allSelected, someSelected } = props;
  const headerCheckRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (headerCheckRef.current) headerCheckRef.current.indeterminate = someSelected && !allSelected;
  }, [someSelected, allSelected]);

  return (
    <>
      <colgroup>
        {selectable && <col style={{ width: CHECK_WIDTH }} />}
        {columns.map((c) => (
          <col key={c.id} style={c.width !== undefined ? { width: c.width } : undefined} />
        ))}
        {hasActions && <col style={{ width: props.actionsWidth ?? ACTIONS_WIDTH }} />}
      </colgroup>
      <thead>
        <tr aria-rowindex={1}>
          {selectable && (
            <th className="dt-check" scope="col">
              <input
                ref={headerCheckRef}
                type="checkbox"
                aria-label="Select all"
                checked={allSelected}
                disabled={!props.canSelect}
                onChange={props.onToggleAll}
              />
            </th>
          )}
          {columns.map((c) => {
            const dir = sort?.id === c.id ? (sort.desc ? 'descending' : 'ascending') : undefined;
            const text = <span className={c.hideHeader ? 'sr-only' : undefined}>{c.header}</span>;
            return (
              <th
                key={c.id}
                scope="col"
                aria-sort={c.sortValue ? (dir ?? 'none') : undefined}
                className={`${c.align === 'end' ? 'is-end' : ''} ${c.className ?? ''}`}
              >
                {c.sortValue ? (
                  <button
                    type="button"
                    className="dt-sort"
                    onClick={() => {
                      if (sort?.id !== c.id) onSort({ id: c.id, desc: false });
                      else if (!sort.desc) onSort({ id: c.id, desc: true });
                      else onSort(null);
                    }}
                  >
                    {text}
                    {dir === 'ascending' ? (
                      <ArrowUp size={12} aria-hidden="true" />
                    ) : dir === 'descending' ? (
                      <ArrowDown size={12} aria-hidden="true" />
                    ) : (
                      <ChevronsUpDown size={12} aria-hidden="true" className="dt-sort-idle" />
                    )}
                  </button>
                ) : (
                  text
                )}
              </th>
            );
          })}
          {hasActions && (
            <th scope="col" className="dt-actions-h">
              <span className="sr-only">Actions</span>
            </th>
          )}
        </tr>
      </thead>
    </>
  );
}
