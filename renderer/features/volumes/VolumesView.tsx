import { Braces, HardDrive, Trash2 } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BerthError } from '../../../shared/errors';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { IconButton } from '../../components/IconButton';
import { PageHeader } from '../../components/PageHeader';
import { toast } from '../../components/Toasts';
import { api } from '../../api';
import { withVolumeUsage } from '../../../shared/usage';
import { useContainersStore } from '../containers/store';
import { formatDateTime, formatRelativeTime, plural } from '../../presentation/format';
import {
  describeUsedBy,
  matchesText,
  toVolumeRows,
  volumeRemovalText,
  type VolumeRow,
} from '../../presentation/resources';
import { Facts, InspectDrawer } from '../resources/InspectDrawer';
import { runRemovals } from '../resources/runRemovals';
import { UsedByCell } from '../resources/UsedByCell';
import { volumesList, useVolumes } from './volumesStore';
import '../resources/resources.css';

/** Columns kept while the inspect panel takes the right side of the view. */
const COMPACT_COLUMNS = new Set(['name', 'driver', 'usedBy']);

interface Removal {
  rows: VolumeRow[];
  busy: boolean;
  failures: Array<{ row: VolumeRow; error: BerthError }>;
}

function uniqueById(c: { id: string }, i: number, all: ReadonlyArray<{ id: string }>): boolean {
  return all.findIndex((x) => x.id === c.id) === i;
}

const FORCE_OPTION = {
  id: 'force',
  label: 'Force',
  hint: 'Forget the volume even if its driver fails to remove it. A volume in use by a container is never removed.',
};

export function VolumesView() {
  const { items, loaded, loading, error } = useVolumes();
  const [query, setQuery] = useState('');
  const [selection, setSelection] = useState<Set<string>>(new Set());
  const [inspected, setInspect] = useState<VolumeRow | undefined>();
  const [removal, setRemoval] = useState<Removal | undefined>();

  // Usage from the live containers store (the list itself is fetched without it).
  const containers = useContainersStore((s) => s.list);
  const rows = useMemo(() => toVolumeRows(withVolumeUsage(items, containers)), [items, containers]);
  // The open panel follows the live row (fresh "used by"), and closes when the object is gone.
  const inspect = useMemo(
    () => (inspected ? rows.find((r) => r.name === inspected.name) : undefined),
    [rows, inspected],
  );
  useEffect(() => {
    if (inspected && !inspect) setInspect(undefined);
  }, [inspected, inspect]);
  const visible = useMemo(() => rows.filter((r) => matchesText(r.search, query)), [rows, query]);

  const askRemove = useCallback((targets: VolumeRow[]) => {
    if (targets.length > 0) setRemoval({ rows: targets, busy: false, failures: [] });
  }, []);

  const runRemoval = async (force: boolean): Promise<void> => {
    if (!removal) return;
    const targets = removal.rows;
    setRemoval({ ...removal, busy: true });
    const outcome = await runRemovals(targets, (row) => api.invoke('volumes.remove', { name: row.name, force }), 4);
    volumesList.refresh();
    const ok = [...outcome.done, ...outcome.gone];
    if (ok.length > 0) {
      setSelection((sel) => {
        const next = new Set(sel);
        ok.forEach((r) => next.delete(r.name));
        return next;
      });
      toast.success(
        targets.length === 1
          ? outcome.gone.length > 0
            ? `Volume ${ok[0]!.displayName} was already gone`
            : `Removed volume ${ok[0]!.displayName}`
          : `Removed ${ok.length} of ${plural(targets.length, 'volume')}`,
      );
    }
    if (outcome.failed.length === 0) {
      setRemoval(undefined);
      return;
    }
    setRemoval({
      rows: outcome.failed.map((f) => f.step),
      busy: false,
      failures: outcome.failed.map((f) => ({ row: f.step, error: f.error })),
    });
  };

  const columns = useMemo<Column<VolumeRow>[]>(() => {
    const now = Date.now();
    return [
      {
        id: 'name',
        header: 'Name',
        sortValue: (r) => r.name,
        cell: (r) => (
          <span className="rv-name">
            <span className={`rv-ellipsis ${r.anonymous ? 'mono' : ''}`} title={r.name}>
              {r.displayName}
            </span>
            {r.anonymous && <Badge tone="neutral">anonymous</Badge>}
          </span>
        ),
      },
      { id: 'driver', header: 'Driver', width: 90, sortValue: (r) => r.driver, cell: (r) => r.driver },
      {
        id: 'mountpoint',
        header: 'Mountpoint',
        sortValue: (r) => r.mountpoint,
        cell: (r) => (
          <span className="rv-ellipsis mono rv-muted" title={r.mountpoint}>
            {r.mountpoint}
          </span>
        ),
      },
      {
        id: 'created',
        header: 'Created',
        width: 130,
        sortValue: (r) => r.created,
        cell: (r) =>
          r.created === undefined ? (
            <span className="rv-faint">—</span>
          ) : (
            <span className="rv-muted" title={formatDateTime(r.created)}>
              {formatRelativeTime(r.created, now)}
            </span>
          ),
      },
      {
        id: 'usedBy',
        header: 'Used by',
        width: 240,
        sortValue: (r) => r.usedBy.length,
        cell: (r) => <UsedByCell list={r.usedBy} budgetChars={30} />,
      },
    ];
  }, [items]); // eslint-disable-line react-hooks/exhaustive-deps -- re-render relative times with the data

  const drawerOpen = inspect !== undefined;
  const shownColumns = useMemo(
    () => (drawerOpen ? columns.filter((c) => COMPACT_COLUMNS.has(c.id)) : columns),
    [columns, drawerOpen],
  );

  const single = removal?.rows.length === 1 ? removal.rows[0] : undefined;
  const inUse = removal?.rows.filter((r) => r.usedBy.length > 0) ?? [];
  const refusedInUse = removal?.failures.filter((f) => f.error.code === 'CONFLICT') ?? [];

  const emptyState = !loaded ? undefined : error && items.length === 0 ? (
    <EmptyState
      icon={HardDrive}
      title="Could not list volumes"
      hint={error.message}
      action={
        <button type="button" className="btn" onClick={() => volumesList.refresh()}>
          Retry
        </button>
      }
    />
  ) : (
    <EmptyState
      icon={HardDrive}
      title="No volumes"
      hint="Volumes keep container data across restarts. Create one with “docker volume create” or a run with -v."
    />
  );

  const selectedRows = visible.filter((r) => selection.has(r.name));
  const count = visible.length === rows.length ? rows.length : `${visible.length} of ${rows.length}`;

  return (
    <section className="rv-view" aria-label="Volumes">
      <PageHeader
        title="Volumes"
        count={loaded ? count : undefined}
        filter={{ value: query, onChange: setQuery }}
        actions={
          selectedRows.length > 0 && (
            <button type="button" className="btn" onClick={() => askRemove(selectedRows)}>
              <Trash2 size={14} aria-hidden="true" />
              Remove selected ({selectedRows.length})
            </button>
          )
        }
      />
      {error && items.length > 0 && (
        <div className="inline-error rv-banner" role="alert">
          Could not refresh volumes: {error.message}
          <button type="button" className="btn btn-sm" onClick={() => volumesList.refresh()}>
            Retry
          </button>
        </div>
      )}
      <div className="rv-body">
        <div className="rv-table">
          <DataTable
            label="Volumes"
            data={rows}
            columns={shownColumns}
            getRowId={(r) => r.name}
            getRowLabel={(r) => r.name}
            globalFilter={query}
            filterFn={(r, q) => r.search.includes(q)}
            selection={selection}
            onSelectionChange={setSelection}
            defaultSorting={{ id: 'name', desc: false }}
            onOpen={setInspect}
            onDeleteKey={askRemove}
            loading={loading && !loaded}
            emptyState={emptyState}
            rowClassName={(r) => (inspect?.name === r.name ? 'rv-row-open' : undefined)}
            rowActionsWidth={64}
            rowActions={(r) => (
              <>
                <IconButton label="Inspect" icon={Braces} size="sm" onClick={() => setInspect(r)} />
                <IconButton label="Remove" icon={Trash2} size="sm" danger onClick={() => askRemove([r])} />
              </>
            )}
          />
        </div>
        {inspect && (
          <InspectDrawer
            target={{
              key: inspect.name,
              title: inspect.name,
              kind: 'Volume',
              load: () => api.invoke('volumes.inspect', { name: inspect.name }),
            }}
            summary={
              <Facts
                items={[
                  ['Driver', `${inspect.driver} (${inspect.scope})`],
                  ['Mountpoint', <span className="mono">{inspect.mountpoint}</span>],
                  ['Created', inspect.created === undefined ? '—' : formatDateTime(inspect.created)],
                  [
                    'Used by',
                    inspect.usedBy.length ? (
                      describeUsedBy(inspect.usedBy)
                    ) : (
                      <span className="rv-faint">no containers</span>
                    ),
                  ],
                ]}
              />
            }
            onClose={() => setInspect(undefined)}
          />
        )}
      </div>
      <ConfirmDialog
        open={removal !== undefined}
        title={
          single ? `Remove volume ${single.displayName}?` : `Remove ${plural(removal?.rows.length ?? 0, 'volume')}?`
        }
        message={
          <>
            {single ? volumeRemovalText(single) : 'These volumes and all data in them will be deleted:'}
            {single && single.usedBy.length > 0 && (
              <span className="rv-note"> In use by {describeUsedBy(single.usedBy)}.</span>
            )}
            {!single && inUse.length > 0 && (
              <span className="rv-note">
                {' '}
                {plural(inUse.length, 'of them is', 'of them are')} in use by containers.
              </span>
            )}
          </>
        }
        items={single ? undefined : removal?.rows.map((r) => r.name)}
        itemsLabel="Volumes to remove"
        options={[FORCE_OPTION]}
        confirmLabel={
          removal?.failures.length ? 'Try again' : single ? 'Remove' : `Remove ${removal?.rows.length ?? 0}`
        }
        busy={removal?.busy}
        error={
          removal && removal.failures.length > 0 ? (
            <>
              <div>The engine refused:</div>
              <ul className="rv-errors">
                {removal.failures.map((f) => (
                  <li key={f.row.name}>
                    <span className="mono">{f.row.displayName}</span>: {f.error.message}
                  </li>
                ))}
              </ul>
              {refusedInUse.length > 0 && (
                <div className="rv-hint">
                  Remove the containers that use {refusedInUse.length === 1 ? 'it' : 'them'} first
                  {refusedInUse.some((f) => f.row.usedBy.length > 0) &&
                    `: ${describeUsedBy(refusedInUse.flatMap((f) => f.row.usedBy).filter(uniqueById))}`}
                  .
                </div>
              )}
            </>
          ) : undefined
        }
        onConfirm={(opts) => void runRemoval(opts.force === true)}
        onCancel={() => setRemoval(undefined)}
      />
    </section>
  );
}
