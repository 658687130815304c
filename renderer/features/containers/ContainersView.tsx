import { Boxes, Play, ScrollText, X } from 'lucide-react';
import { useCallback, useMemo, useState } from 'react';
import type { ContainerSummary } from '../../../shared/models';
import { containerPath, href, logsPath, navigate } from '../../lib/router';
import { Badge, StateBadge } from '../../components/Badge';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { SegmentedControl } from '../../components/SegmentedControl';
import { Spinner } from '../../components/Spinner';
import { useNow } from '../../components/useNow';
import { formatCount, formatDateTime, formatPorts, formatRelativeTime, shortId } from '../../presentation/format';
import { ACTION_LABEL, canDo, runAndReport, targetOf, type Target } from './actions';
import { ContainerActions, ICONS } from './ContainerActions';
import { RemoveContainersDialog } from './RemoveContainersDialog';
import { useContainersStore, type ContainerAction } from './store';
import { STATE_FILTERS, useContainersView, type StateFilter } from './viewState';
import { hasLiveStats, withStatsColumns } from '../stats/listColumns';
import { useListStats } from '../stats/useListStats';
import { openRunDialog } from '../run/runDialogStore';
import './containers.css';

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

const BULK: ContainerAction[] = ['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove'];

export function ContainersView() {
  const list = useContainersStore((s) => s.list);
  const loaded = useContainersStore((s) => s.loaded);
  const error = useContainersStore((s) => s.error);
  const busy = useContainersStore((s) => s.busy);
  const { query, stateFilter, sorting, selection, set } = useContainersView();
  const [removing, setRemoving] = useState<Target[] | null>(null);
  const [shown, setShown] = useState(0);
  const now = useNow();
  // Live CPU/MEM only for running rows on screen (one-shot stats, at most once a second).
  const [onScreen, setOnScreen] = useState<string[]>([]);

  const counts = useMemo(() => {
    const c: Record<StateFilter, number> = { all: list.length, running: 0, paused: 0, stopped: 0 };
    for (const x of list) {
      if (STATE_FILTERS.running(x.state)) c.running++;
      else if (STATE_FILTERS.paused(x.state)) c.paused++;
      else if (STATE_FILTERS.stopped(x.state)) c.stopped++;
    }
    return c;
  }, [list]);

  const rows = useMemo(() => list.filter((c) => STATE_FILTERS[stateFilter](c.state)), [list, stateFilter]);
  const hasProjects = useMemo(() => list.some((c) => c.composeProject), [list]);
  const liveIds = useMemo(() => {
    const byId = new Map(list.map((c) => [c.id, c]));
    return onScreen.filter((id) => {
      const c = byId.get(id);
      return c !== undefined && hasLiveStats(c);
    });
  }, [list, onScreen]);
  const stats = useListStats(liveIds);

  const columns = useMemo<Column<ContainerSummary>[]>(() => {
    const cols: Column<ContainerSummary>[] = [
      {
        id: 'name',
        header: 'Name',
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
        width: '15%',
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
        width: 150,
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
        width: 126,
        sortValue: (c) => c.created,
        cell: (c) => (
          <span className="cell-muted" title={formatDateTime(c.created)}>
            {formatRelativeTime(c.created, now)}
          </span>
        ),
      },
    ];
    if (hasProjects) {
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
  }, [busy, now, hasProjects, stats]);

  const selected = useMemo(() => list.filter((c) => selection.has(c.id)), [list, selection]);
  const setSelection = useCallback((s: Set<string>) => set({ selection: s }), [set]);

  const bulk = (action: ContainerAction): void => {
    const targets = selected.filter((c) => canDo(action, c.state)).map(targetOf);
    if (targets.length === 0) return;
    if (action === 'remove') setRemoving(targets);
    else void runAndReport(action, targets);
  };

  const filtered = rows.length !== list.length || query.trim() !== '';

  return (
    <section className="page" aria-label="Containers">
      <PageHeader
        title="Containers"
        count={filtered ? `${formatCount(shown)} of ${formatCount(list.length)}` : list.length}
        filter={{ value: query, onChange: (q) => set({ query: q }), placeholder: 'Filter containers…' }}
        controls={
          <SegmentedControl<StateFilter>
            label="State"
            value={stateFilter}
            onChange={(v) => set({ stateFilter: v })}
            options={[
              { value: 'all', label: 'All', count: counts.all },
              { value: 'running', label: 'Running', count: counts.running },
              { value: 'paused', label: 'Paused', count: counts.paused },
              { value: 'stopped', label: 'Stopped', count: counts.stopped },
            ]}
          />
        }
        actions={
          <button type="button" className="btn btn-primary" onClick={() => openRunDialog()}>
            <Play size={14} aria-hidden="true" />
            Run container
          </button>
        }
      />
      {selected.length > 0 && (
        <div className="bulk-bar" role="toolbar" aria-label="Selection actions">
          <span className="bulk-count tabular">{selected.length} selected</span>
          {BULK.map((action) => {
            const Icon = ICONS[action];
            const n = selected.filter((c) => canDo(action, c.state)).length;
            return (
              <button
                key={action}
                type="button"
                className={`btn btn-sm${action === 'remove' ? ' btn-danger-outline' : ''}`}
                disabled={n === 0}
                title={n === 0 ? `None of the selected containers can be ${action}ed` : `${ACTION_LABEL[action]} ${n}`}
                onClick={() => bulk(action)}
              >
                <Icon size={13} aria-hidden="true" />
                {ACTION_LABEL[action]}
              </button>
            );
          })}
          <button
            type="button"
            className="btn btn-sm"
            title={`Logs of the ${selected.length} selected, merged by time`}
            onClick={() => navigate(logsPath(selected.map((c) => c.id)))}
          >
            <ScrollText size={13} aria-hidden="true" />
            Logs
          </button>
          <span className="bulk-spacer" />
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => set({ selection: new Set() })}>
            <X size={13} aria-hidden="true" />
            Clear selection
          </button>
        </div>
      )}
      {error && loaded && (
        <div className="inline-error page-error" role="alert">
          Could not refresh the list: {error}
        </div>
      )}
      <DataTable<ContainerSummary>
        label="Containers"
        data={rows}
        columns={columns}
        getRowId={getId}
        getRowLabel={getName}
        onOpen={(c) => navigate(containerPath(c.id))}
        selection={selection}
        onSelectionChange={setSelection}
        sorting={sorting}
        onSortingChange={(s) => set({ sorting: s })}
        globalFilter={query}
        rowActions={(c) => (
          <ContainerActions
            target={targetOf(c)}
            state={c.state}
            busy={busy[c.id] !== undefined}
            onRemove={() => setRemoving([targetOf(c)])}
          />
        )}
        rowActionsWidth={140}
        onDeleteKey={(cs) => setRemoving(cs.map(targetOf))}
        isRowBusy={(c) => busy[c.id] !== undefined}
        onFilteredCountChange={setShown}
        onVisibleRowsChange={setOnScreen}
        loading={!loaded && !error}
        emptyState={
          filtered ? (
            <EmptyState title="No containers match" hint="Try another state or clear the filter." />
          ) : error ? (
            <EmptyState title="Could not list containers" hint={error} />
          ) : (
            <EmptyState
              icon={Boxes}
              title="No containers yet"
              hint={
                <>
                  Containers you create appear here as soon as the engine reports them, e.g.{' '}
                  <code>docker run -d --name web -p 8080:80 nginx</code>
                </>
              }
            />
          )
        }
      />
      {removing && (
        <RemoveContainersDialog
          targets={removing}
          onClose={() => setRemoving(null)}
          onRemoved={(ids) => {
            const next = new Set(selection);
            ids.forEach((id) => next.delete(id));
            set({ selection: next });
          }}
        />
      )}
    </section>
  );
}

const getId = (c: ContainerSummary): string => c.id;
const getName = (c: ContainerSummary): string => c.name;

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
