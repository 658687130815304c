import { Boxes, Layers, Play, ScrollText, X } from 'lucide-react';
import { useCallback, useMemo, useState } from 'react';
import type { ContainerSummary } from '../../../shared/models';
import type { StateCounts } from '../../presentation/stacks';
import { describeCounts } from '../../presentation/stackTree';
import { containerPath, logsPath, navigate } from '../../lib/router';
import { DataTable, type TableGrouping } from '../../components/DataTable';
import { IconButton } from '../../components/IconButton';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { SegmentedControl } from '../../components/SegmentedControl';
import { useNow } from '../../components/useNow';
import { formatCount } from '../../presentation/format';
import { ACTION_LABEL, canDo, runAndReport, targetOf, type Target } from './actions';
import { ContainerActions, ICONS } from './ContainerActions';
import { useContainerColumns } from './containerColumns';
import { RemoveContainersDialog } from './RemoveContainersDialog';
import { useContainersStore, type ContainerAction } from './store';
import { STATE_FILTERS, useContainersView, type StateFilter } from './viewState';
import { hasLiveStats } from '../stats/listColumns';
import { useListStats } from '../stats/useListStats';
import { openRunDialog } from '../run/runDialogStore';
import { useEngineReady } from '../../stores/engineStatus';
import './containers.css';

const BULK: ContainerAction[] = ['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove'];

export function ContainersView() {
  const list = useContainersStore((s) => s.list);
  const loaded = useContainersStore((s) => s.loaded);
  const error = useContainersStore((s) => s.error);
  const busy = useContainersStore((s) => s.busy);
  const { query, stateFilter, sorting, selection, set, groupByProject, collapsed, setGroupByProject } =
    useContainersView();
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

  // Grouped, the project is the group header: a Project column would only repeat it.
  const columns = useContainerColumns({ busy, now, showProject: hasProjects && !groupByProject, stats });

  const grouping = useMemo<TableGrouping<ContainerSummary> | undefined>(
    () =>
      groupByProject
        ? {
            key: projectOf,
            otherTitle: 'No project',
            summary: summarizeStates,
            collapsed,
            onCollapsedChange: (next) => set({ collapsed: next }),
          }
        : undefined,
    [groupByProject, collapsed, set],
  );

  const selected = useMemo(() => list.filter((c) => selection.has(c.id)), [list, selection]);
  const setSelection = useCallback((s: Set<string>) => set({ selection: s }), [set]);

  const ready = useEngineReady();
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
          <>
            <IconButton
              label="Group by project"
              icon={Layers}
              pressed={groupByProject}
              onClick={() => setGroupByProject(!groupByProject)}
            />
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
          </>
        }
        actions={
          <button type="button" className="btn btn-primary" disabled={!ready} onClick={() => openRunDialog()}>
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
                disabled={n === 0 || !ready}
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
        grouping={grouping}
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
const projectOf = (c: ContainerSummary): string | undefined => c.composeProject;
const summarizeStates = (rows: readonly ContainerSummary[]): string => {
  const counts: StateCounts = {};
  for (const c of rows) counts[c.state] = (counts[c.state] ?? 0) + 1;
  return describeCounts(counts);
};
