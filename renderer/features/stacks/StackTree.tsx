import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { StackTreeRow } from '../../presentation/stackTree';
import { StackTreeRowView } from './StackTreeRow';

/**
 * The Stacks tree: a real <table> with role="treegrid" (rows with aria-level / aria-expanded), focus on
 * the table and the active row by aria-activedescendant, like DataTable. Keys: ↑/↓ move, Home/End,
 * → expands (or goes to the first child), ← collapses (or goes to the parent), Enter opens a container
 * or toggles a project/service. Only the active row's buttons are in the Tab order.
 */
export interface StackTreeProps {
  rows: readonly StackTreeRow[];
  activeId: string | undefined;
  onActiveChange(id: string): void;
  onToggle(row: StackTreeRow, open?: boolean): void;
  onOpen(row: StackTreeRow): void;
  rowActions(row: StackTreeRow): ReactNode;
  emptyState: ReactNode;
}

const COLUMNS: Array<{ id: string; header: string; width?: number }> = [
  { id: 'name', header: 'Name' },
  { id: 'state', header: 'State', width: 200 },
  { id: 'count', header: 'Size', width: 100 },
  { id: 'ports', header: 'Ports', width: 130 },
  { id: 'detail', header: 'Working dir / image' },
];

export function StackTree({
  rows,
  activeId,
  onActiveChange,
  onToggle,
  onOpen,
  rowActions,
  emptyState,
}: StackTreeProps) {
  const baseId = useId();
  const tableRef = useRef<HTMLTableElement>(null);
  const [focused, setFocused] = useState(false);
  const index = activeId ? rows.findIndex((r) => r.id === activeId) : -1;
  const active = index >= 0 ? rows[index] : undefined;
  const rowDomId = (id: string): string => `${baseId}-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  const moveTo = (i: number): void => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, i))];
    if (!row) return;
    onActiveChange(row.id);
    requestAnimationFrame(() => document.getElementById(rowDomId(row.id))?.scrollIntoView({ block: 'nearest' }));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>): void => {
    if (e.target !== e.currentTarget) return;
    const key = e.key;
    let handled = true;
    if (key === 'ArrowDown') moveTo(index + 1);
    else if (key === 'ArrowUp') moveTo(index < 0 ? 0 : index - 1);
    else if (key === 'Home') moveTo(0);
    else if (key === 'End') moveTo(rows.length - 1);
    else if (key === 'PageDown') moveTo(index + 10);
    else if (key === 'PageUp') moveTo(index - 10);
    else if (key === 'ArrowRight' && active) {
      if (active.kind !== 'container' && !active.expanded) onToggle(active, true);
      else if (active.kind !== 'container') moveTo(index + 1);
    } else if (key === 'ArrowLeft' && active) {
      if (active.kind !== 'container' && active.expanded) onToggle(active, false);
      else if (active.level > 1) {
        const parent = rows.slice(0, index).findLastIndex((r) => r.level < active.level);
        if (parent >= 0) moveTo(parent);
      }
    } else if (key === 'Enter' && active) onOpen(active);
    else handled = false;
    if (handled) e.preventDefault();
  };

  if (rows.length === 0) return <div className="dt-empty">{emptyState}</div>;

  return (
    <div className="dt-wrap">
      <div className="dt-scroll stack-tree-scroll">
        <table
          ref={tableRef}
          role="treegrid"
          aria-label="Stacks"
          aria-rowcount={rows.length + 1}
          aria-activedescendant={focused && active ? rowDomId(active.id) : undefined}
          tabIndex={0}
          className={`dt stack-tree${focused ? ' is-focused' : ''}`}
          onKeyDown={onKeyDown}
          onFocus={(e) => {
            if (e.target !== e.currentTarget) return;
            setFocused(true);
            if (!active && rows[0]) onActiveChange(rows[0].id);
          }}
          onBlur={(e) => {
            if (e.target === e.currentTarget) setFocused(false);
          }}
        >
          <colgroup>
            {COLUMNS.map((c) => (
              <col key={c.id} style={c.width ? { width: c.width } : undefined} />
            ))}
            <col style={{ width: 110 }} />
          </colgroup>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.id} scope="col">
                  {c.header}
                </th>
              ))}
              <th scope="col" className="dt-actions-h">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <StackTreeRowView
                key={row.id}
                domId={rowDomId(row.id)}
                row={row}
                index={i}
                active={row.id === activeId}
                actions={rowActions(row)}
                onActivate={() => {
                  // Focus first: its handler may pick the first row when none is active yet.
                  tableRef.current?.focus({ preventScroll: true });
                  onActiveChange(row.id);
                }}
                onToggle={() => onToggle(row)}
                onOpen={() => onOpen(row)}
              />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
