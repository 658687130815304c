import type { ReactNode } from 'react';
import type { UsedBy } from '../../../shared/models';
import type { Column } from '../../components/DataTable';
import { formatDateTime, formatRelativeTime } from '../../presentation/format';
import { matchesText } from '../../presentation/resources';
import { UsedByCell } from './UsedByCell';

/** Columns more than one resource page shows. */

/** Named by `name`, filtered by a row's lower-cased `search` text, sorted by name: volumes and networks. */
export const searchedByName = {
  rowLabel: (r: { name: string }): string => r.name,
  filter: (r: { search: string }, q: string): boolean => matchesText(r.search, q),
  defaultSorting: { id: 'name', desc: false },
};

/** "Created", relative to `now` (the page re-creates its columns with the data, so it stays fresh). */
export function createdColumn<T>(get: (row: T) => number | undefined, now: number): Column<T> {
  return {
    id: 'created',
    header: 'Created',
    width: 130,
    sortValue: get,
    cell: (r) => {
      const t = get(r);
      return t === undefined ? (
        <span className="rv-faint">—</span>
      ) : (
        <span className="rv-muted" title={formatDateTime(t)}>
          {formatRelativeTime(t, now)}
        </span>
      );
    },
  };
}

/** The containers using an object, as state dots and names. */
export function usedByColumn<T, U extends UsedBy & { ipv4?: string }>(
  id: string,
  header: string,
  get: (row: T) => readonly U[],
  opts: { width?: number; budgetChars?: number; detail?: (c: U) => string | undefined } = {},
): Column<T> {
  return {
    id,
    header,
    width: opts.width ?? 240,
    sortValue: (r) => get(r).length,
    cell: (r) => (
      <UsedByCell
        list={get(r)}
        budgetChars={opts.budgetChars ?? 30}
        detail={opts.detail as ((c: UsedBy & { ipv4?: string }) => string | undefined) | undefined}
      />
    ),
  };
}

/** What a text cell shows: the text (cut with an ellipsis, whole in the tooltip), and a badge after it. */
export interface CellText {
  text: string;
  title?: string;
  className?: string;
  badge?: ReactNode;
}

/** A column of one text per row, sorted by that text unless told otherwise. */
export function textColumn<T>(
  id: string,
  header: string,
  get: (row: T) => CellText,
  opts: { width?: number; sortValue?: (row: T) => string | number | undefined } = {},
): Column<T> {
  return {
    id,
    header,
    ...(opts.width === undefined ? {} : { width: opts.width }),
    sortValue: opts.sortValue ?? ((r) => get(r).text),
    cell: (r) => {
      const c = get(r);
      const text = (
        <span className={`rv-ellipsis ${c.className ?? ''}`} title={c.title ?? c.text}>
          {c.text}
        </span>
      );
      return c.badge ? (
        <span className="rv-name">
          {text}
          {c.badge}
        </span>
      ) : (
        text
      );
    },
  };
}
