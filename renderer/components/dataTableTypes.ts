import type { ReactNode } from 'react';

/** The public shapes of DataTable (re-exported from DataTable.tsx), kept apart so its hooks can share them. */

export interface Column<T> {
  id: string;
  /** Header text (also the column's accessible name). */
  header: string;
  cell: (row: T) => ReactNode;
  /** Enables sorting by this value. */
  sortValue?: (row: T) => string | number | undefined;
  /** Text the global filter matches (defaults to the sort value). */
  filterText?: (row: T) => string;
  /** Fixed width (px number, or a CSS length such as '15%'); columns without a width share the rest. */
  width?: number | string;
  /** Narrowest this column gets (px) before the table scrolls sideways; for columns without a px width. */
  minWidth?: number;
  /** Hidden when the table is too narrow for every column at its minimum (the last optional first). */
  optional?: boolean;
  align?: 'start' | 'end';
  /** Header text only for screen readers. */
  hideHeader?: boolean;
  className?: string;
}

export interface SortState {
  id: string;
  desc: boolean;
}

/** Rows shown under collapsible group header rows (the table becomes a treegrid). */
export interface TableGrouping<T> {
  /** The row's group; undefined or '' puts it in the last group, named `otherTitle`. */
  key: (row: T) => string | undefined;
  /** Name of the key-less group (e.g. "No project"). */
  otherTitle: string;
  /** The group's summary after its name, e.g. "3 running, 1 exited"; the row's name is "<title> — <summary>". */
  summary: (rows: readonly T[]) => string;
  /** Keys of collapsed groups ('' for the key-less one). */
  collapsed: ReadonlySet<string>;
  onCollapsedChange: (collapsed: Set<string>) => void;
}
