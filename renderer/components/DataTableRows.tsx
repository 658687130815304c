import { ChevronDown, ChevronRight } from 'lucide-react';
import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import type { Column } from './dataTableTypes';
import { IconButton } from './IconButton';
import type { TableGroupItem } from './tableGroups';

/** A click on a control inside a row belongs to the control, not to the row. */
export const isInteractive = (el: EventTarget | null): boolean =>
  el instanceof Element && el.closest('button, a, input, select, textarea, label') !== null;

interface RowBase {
  domId: string;
  rowIndex: number;
  active: boolean;
  selectable: boolean;
  /** aria-level inside a treegrid (grouped table); undefined in a flat grid. */
  level: number | undefined;
}

/** One data row: checkbox, the columns' cells, row actions. */
export function DataTableRow<T>(
  props: RowBase & {
    row: T;
    label: string;
    columns: readonly Column<T>[];
    selected: boolean;
    busy: boolean;
    className: string | undefined;
    hasActions: boolean;
    actions: ReactNode;
    onClick: (e: MouseEvent<HTMLTableRowElement>) => void;
    onOpen: () => void;
    onCheck: (shift: boolean) => void;
  },
) {
  const { row, label, columns, selected, busy, active, selectable } = props;
  const cls = ['dt-row', selected && 'is-selected', active && 'is-active', busy && 'is-busy', props.className]
    .filter(Boolean)
    .join(' ');
  return (
    <tr
      id={props.domId}
      aria-rowindex={props.rowIndex}
      aria-label={label}
      aria-level={props.level}
      aria-selected={selectable ? selected : undefined}
      aria-busy={busy || undefined}
      className={cls}
      onClick={props.onClick}
      onDoubleClick={(e) => {
        if (!isInteractive(e.target)) props.onOpen();
      }}
    >
      {selectable && (
        <td className="dt-check">
          <input
            type="checkbox"
            aria-label={`Select ${label}`}
            checked={selected}
            onChange={() => undefined}
            onClick={(e) => {
              e.stopPropagation();
              props.onCheck(e.shiftKey);
            }}
          />
        </td>
      )}
      {columns.map((c) => (
        <td key={c.id} className={`${c.align === 'end' ? 'is-end' : ''} ${c.className ?? ''}`}>
          {c.cell(row)}
        </td>
      ))}
      {props.hasActions && (
        <td className="dt-actions">
          <div className="dt-actions-inner">{props.actions}</div>
        </td>
      )}
    </tr>
  );
}

/** A group's header row: (de)select its rows, its name and summary, click to collapse or expand. */
export function DataTableGroupRow(
  props: RowBase & {
    group: TableGroupItem<unknown>;
    title: string;
    summary: string;
    span: number;
    checked: 'all' | 'some' | 'none';
    onClick: (e: MouseEvent<HTMLTableRowElement>) => void;
    onToggleExpanded: () => void;
    onCheck: () => void;
  },
) {
  const { group, title, summary, active, selectable, checked } = props;
  const checkRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (checkRef.current) checkRef.current.indeterminate = checked === 'some';
  }, [checked]);
  return (
    <tr
      id={props.domId}
      aria-rowindex={props.rowIndex}
      aria-label={`${title} — ${summary}`}
      aria-level={props.level}
      aria-expanded={group.expanded}
      className={`dt-row dt-group${active ? ' is-active' : ''}${checked === 'all' ? ' is-selected' : ''}`}
      onClick={(e) => {
        props.onClick(e);
        if (!isInteractive(e.target)) props.onToggleExpanded();
      }}
    >
      {selectable && (
        <td className="dt-check">
          <input
            ref={checkRef}
            type="checkbox"
            aria-label={`Select ${title}`}
            checked={checked === 'all'}
            onChange={() => undefined}
            onClick={(e) => {
              e.stopPropagation();
              props.onCheck();
            }}
          />
        </td>
      )}
      <td colSpan={props.span} className="dt-group-cell">
        <div className="dt-group-inner">
          <IconButton
            size="sm"
            className="dt-group-toggle"
            label={`${group.expanded ? 'Collapse' : 'Expand'} ${title}`}
            icon={group.expanded ? ChevronDown : ChevronRight}
            onClick={props.onToggleExpanded}
          />
          <span className="dt-group-title truncate">{title}</span>
          <span className="page-count tabular">{group.rows.length}</span>
          <span className="dt-group-summary truncate">{summary}</span>
        </div>
      </td>
    </tr>
  );
}
