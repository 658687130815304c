/**
 * What a DataTable shows, row by row, when it groups: a header item per group followed by the group's
 * rows (unless collapsed). Pure, so the order rules are unit-tested without a DOM.
 *
 * Grouping runs after tanstack's filter and sort, on the flat sorted rows: groups keep a fixed order
 * (by key, the key-less group last) whatever column is sorted, and rows keep the sorted order inside
 * their group. (tanstack's getGroupedRowModel would sort the group rows themselves by the sorted
 * column's aggregate and flip them on a descending sort.)
 */

/** Key of the group of rows whose `key` is undefined ("No project"). */
export const OTHER_GROUP = '';

export interface TableRowItem<T> {
  kind: 'row';
  id: string;
  row: T;
  /** The row's group key (undefined when the table does not group). */
  group?: string;
}

export interface TableGroupItem<T> {
  kind: 'group';
  /** `group:<key>`: never collides with a row id in a table's id space. */
  id: string;
  key: string;
  expanded: boolean;
  /** The group's rows (after the filter), in sorted order, also when collapsed. */
  rows: T[];
  rowIds: string[];
}

export type TableItem<T> = TableRowItem<T> | TableGroupItem<T>;

export const groupItemId = (key: string): string => `group:${key}`;

const COLLATOR = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Compare group keys: by name (numeric-aware), the key-less group last. */
export function compareGroupKeys(a: string, b: string): number {
  if (a === b) return 0;
  if (a === OTHER_GROUP) return 1;
  if (b === OTHER_GROUP) return -1;
  return COLLATOR.compare(a, b) || (a < b ? -1 : 1);
}

export function flatItems<T>(rows: readonly { id: string; original: T }[]): TableItem<T>[] {
  return rows.map((r) => ({ kind: 'row', id: r.id, row: r.original }));
}

/**
 * Header + rows per group, groups ordered by key (OTHER_GROUP last). `collapsed` holds the keys of
 * collapsed groups; their rows are left out of the items but stay in the header's `rows`.
 */
export function groupItems<T>(
  rows: readonly { id: string; original: T }[],
  keyOf: (row: T) => string | undefined,
  collapsed: ReadonlySet<string>,
): TableItem<T>[] {
  const groups = new Map<string, { rows: T[]; ids: string[] }>();
  for (const r of rows) {
    const key = keyOf(r.original) || OTHER_GROUP;
    let g = groups.get(key);
    if (!g) {
      g = { rows: [], ids: [] };
      groups.set(key, g);
    }
    g.rows.push(r.original);
    g.ids.push(r.id);
  }
  const out: TableItem<T>[] = [];
  for (const key of [...groups.keys()].sort(compareGroupKeys)) {
    const g = groups.get(key)!;
    const expanded = !collapsed.has(key);
    out.push({ kind: 'group', id: groupItemId(key), key, expanded, rows: g.rows, rowIds: g.ids });
    if (!expanded) continue;
    g.rows.forEach((row, i) => out.push({ kind: 'row', id: g.ids[i]!, row, group: key }));
  }
  return out;
}
