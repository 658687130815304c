import { useMemo } from 'react';
import type { ContainerSummary } from '../../../shared/models';
import { containerPath, href } from '../../lib/router';
import { Badge, StateBadge } from '../../components/Badge';
import type { Column } from '../../components/DataTable';
import { Spinner } from '../../components/Spinner';
import { formatDateTime, formatPorts, formatRelativeTime, shortId } from '../../presentation/format';
import { withStatsColumns } from '../stats/listColumns';
import type { ContainerAction } from './store';

/** The Containers list's columns: name (with its compose service), state, image, status, ports, created, project. */

const BUSY_TEXT: Record<ContainerAction, string> = {
  start: 'Starting…',
  stop: 'Stopping…',
  restart: 'Restarting…',
  pause: 'Pausing…',
  unpause: 'Unpausing…',
  kill: 'Killing…',
  remove: 'Removing…',
};

const STATE_ORDER: Record<string, number> = {
  running: 0,
  restarting: 1,
  paused: 2,
  created: 3,
  exited: 4,
  removing: 5,
  dead: 6,
};

type ListStats = Parameters<typeof withStatsColumns>[1];

export function useContainerColumns({
  busy,
  now,
  showProject,
  stats,
}: {
  busy: Readonly<Record<string, ContainerAction>>;
  now: number;
  /** Adds a Project column (when some container has one and the list is not grouped by project). */
  showProject: boolean;
  stats: ListStats;
}): Column<ContainerSummary>[] {
  return useMemo<Column<ContainerSummary>[]>(() => {
    const cols: Column<ContainerSummary>[] = [
      {
        id: 'name',
        header: 'Name',
        minWidth: 140,
        sortValue: (c) => c.name,
        filterText: (c) => `${c.name} ${c.composeService ?? ''} ${c.composeProject ?? ''} ${c.id.slice(0, 12)}`,
        cell: (c) => (
          <div className="cell-main">
            <a className="row-link truncate" href={href(containerPath(c.id))} title={c.name}>
              {c.name}
            </a>
            {c.composeService && (
              <Badge tone="info" title={`Compose service ${c.composeService}`}>
                {c.composeService}
              </Badge>
            )}
          </div>
        ),
      },
      {
        id: 'state',
        header: 'State',
        width: 106,
        sortValue: (c) => STATE_ORDER[c.state] ?? 9,
        filterText: (c) => c.state,
        cell: (c) => {
          const action = busy[c.id];
          return action ? (
            <span className="state-badge tone-info">
              <Spinner size={9} />
              {BUSY_TEXT[action]}
            </span>
          ) : (
            <StateBadge state={c.state} />
          );
        },
      },
      {
        id: 'image',
        header: 'Image',
        width: '12%',
        minWidth: 100,
        sortValue: (c) => c.image,
        cell: (c) => (
          <span className="truncate cell-muted" title={c.image}>
            {c.image.startsWith('sha256:') ? shortId(c.image) : c.image}
          </span>
        ),
      },
      {
        id: 'status',
        header: 'Status',
        width: 140,
        filterText: (c) => c.status,
        cell: (c) =>
          c.state === 'created' && c.status === 'Created' ? (
            <span className="cell-faint">Not started yet</span>
          ) : (
            <span className="cell-muted" title={c.status}>
              {c.status}
            </span>
          ),
      },
      {
        id: 'ports',
        header: 'Ports',
        width: 112,
        filterText: (c) =>
          formatPorts(c.ports)
            .map((p) => p.text)
            .join(' '),
        cell: (c) => <PortsCell c={c} />,
      },
      {
        id: 'created',
        header: 'Created',
        width: 116,
        optional: true,
        sortValue: (c) => c.created,
        cell: (c) => (
          <span className="cell-muted" title={formatDateTime(c.created)}>
            {formatRelativeTime(c.created, now)}
          </span>
        ),
      },
    ];
    if (showProject) {
      cols.push({
        id: 'project',
        header: 'Project',
        width: 100,
        sortValue: (c) => c.composeProject,
        cell: (c) => (
          <span className="cell-muted truncate" title={c.composeProject}>
            {c.composeProject ?? ''}
          </span>
        ),
      });
    }
    return withStatsColumns(cols, stats);
  }, [busy, now, showProject, stats]);
}

function PortsCell({ c }: { c: ContainerSummary }) {
  const ports = formatPorts(c.ports);
  if (ports.length === 0) return <span className="cell-faint">—</span>;
  const all = ports.map((p) => p.text).join(', ');
  return (
    <span className="ports" title={all}>
      {ports.map((p, i) => (
        <span key={p.key}>
          {i > 0 && <span className="cell-faint">, </span>}
          {p.url ? (
            <a href={p.url} target="_blank" rel="noreferrer" title={`${p.text} — open ${p.url}`}>
              {p.short}
            </a>
          ) : (
            <span className="cell-muted">{p.short}</span>
          )}
        </span>
      ))}
    </span>
  );
}
