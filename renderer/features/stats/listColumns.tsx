import type { ContainerStats, ContainerSummary } from '../../../shared/models';
import type { Column } from '../../components/DataTable';
import { formatBytes } from '../../presentation/format';
import { formatMemory, formatPercent } from '../../presentation/stats';

/** Containers whose stats the list fetches (a paused container still has memory). */
export function hasLiveStats(c: Pick<ContainerSummary, 'state'>): boolean {
  return c.state === 'running' || c.state === 'paused';
}

/**
 * CPU % and MEM columns of the Containers list. Stopped rows show "—"; running rows show "…" until
 * the first sample (CPU needs two).
 */
export function statsColumns(stats: ReadonlyMap<string, ContainerStats>): Column<ContainerSummary>[] {
  return [
    {
      id: 'cpu',
      header: 'CPU',
      width: 64,
      optional: true,
      align: 'end',
      cell: (c) => {
        if (!hasLiveStats(c)) return <span className="cell-faint">—</span>;
        const s = stats.get(c.id);
        if (!s || s.cpuPercent === null) return <span className="cell-faint">…</span>;
        return (
          <span className="tabular" title={`CPU ${formatPercent(s.cpuPercent, 2)} (100% = one CPU of ${s.onlineCpus})`}>
            {formatPercent(s.cpuPercent)}
          </span>
        );
      },
    },
    {
      id: 'mem',
      header: 'Memory',
      width: 80,
      optional: true,
      align: 'end',
      cell: (c) => {
        if (!hasLiveStats(c)) return <span className="cell-faint">—</span>;
        const s = stats.get(c.id);
        if (!s) return <span className="cell-faint">…</span>;
        const pct = s.memoryLimit > 0 ? ` (${formatPercent(s.memoryPercent)})` : '';
        return (
          <span className="tabular" title={`Memory ${formatMemory(s)}${pct}`}>
            {formatBytes(s.memoryUsage)}
          </span>
        );
      },
    },
  ];
}

/** Inserts the stats columns before `beforeId` (or at the end when that column is missing). */
export function withStatsColumns(
  cols: Column<ContainerSummary>[],
  stats: ReadonlyMap<string, ContainerStats>,
  beforeId = 'ports',
): Column<ContainerSummary>[] {
  const at = cols.findIndex((c) => c.id === beforeId);
  const out = cols.slice();
  out.splice(at < 0 ? out.length : at, 0, ...statsColumns(stats));
  return out;
}
