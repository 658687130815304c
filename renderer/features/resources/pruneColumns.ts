import { formatRelativeTime, parseEngineTime } from '../../presentation/format';
import type { PruneColumn } from './PruneDialog';

/** Columns more than one prune preview shows. */

/** "Created", relative, from the engine's RFC 3339 time (networks, volumes). */
export function createdPruneColumn<C>(get: (c: C) => string | undefined): PruneColumn<C> {
  return {
    id: 'created',
    header: 'Created',
    align: 'num',
    cell: (c, { now }) => {
      const t = parseEngineTime(get(c));
      return t === undefined ? '—' : formatRelativeTime(t, now);
    },
  };
}
