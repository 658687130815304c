import { Braces, Network, Trash2 } from 'lucide-react';
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
import { withNetworkUsage } from '../../../shared/usage';
import { useContainersStore } from '../containers/store';
import { formatDateTime, plural } from '../../presentation/format';
import {
  BUILT_IN_NETWORK_NOTE,
  describeUsedBy,
  matchesText,
  networkRemovalText,
  toNetworkRows,
  type NetworkRow,
} from '../../presentation/resources';
import { Facts, InspectDrawer } from '../resources/InspectDrawer';
import { runRemovals } from '../resources/runRemovals';
import { UsedByCell } from '../resources/UsedByCell';
import { networksList, useNetworks } from './networksStore';
import '../resources/resources.css';

/** Columns kept while the inspect panel takes the right side of the view. */
const COMPACT_COLUMNS = new Set(['name', 'containers']);

interface Removal {
  rows: NetworkRow[];
  /** Built-in networks that were in the selection and stay. */
  skipped: NetworkRow[];
  busy: boolean;
  failures: Array<{ row: NetworkRow; error: BerthError }>;
}

export function NetworksView() {
  const { items, loaded, loading, error } = useNetworks();
  const [query, setQuery] = useState('');
  const [selection, setSelection] = useState<Set<string>>(new Set());
  const [inspected, setInspect] = useState<NetworkRow | undefined>();
  const [removal, setRemoval] = useState<Removal | undefined>();

  // Usage from the live containers store (the list itself is fetched without it).
  const containers = useContainersStore((s) => s.list);
  const rows = useMemo(() => toNetworkRows(withNetworkUsage(items, containers)), [items, containers]);
  // The open panel follows the live row (fresh "used by"), and closes when the object is gone.
  const inspect = useMemo(() => (inspected ? rows.find((r) => r.id === inspected.id) : undefined), [rows, inspected]);
  useEffect(() => {
    if (inspected && !inspect) setInspect(undefined);
  }, [inspected, inspect]);
  const visible = useMemo(() => rows.filter((r) => matchesText(r.search, query)), [rows, query]);

  const askRemove = useCallback((targets: NetworkRow[]) => {
    const removable = targets.filter((r) => !r.builtIn);
    const skipped = targets.filter((r) => r.builtIn);
    if (removable.length === 0) {
      if (skipped.length > 0)
        toast.info(`${skipped.map((r) => r.name).join(', ')} cannot be removed`, BUILT_IN_NETWORK_NOTE);
      return;
    }
    setRemoval({ rows: removable, skipped, busy: false, failures: [] });
  }, []);

  const runRemoval = async (): Promise<void> => {
    if (!removal) return;
    const targets = removal.rows;
    setRemoval({ ...removal, busy: true });
    const outcome = await runRemovals(targets, (row) => api.invoke('networks.remove', { id: row.id }), 4);
    networksList.refresh();
    const ok = [...outcome.done, ...outcome.gone];
    if (ok.length > 0) {
      setSelection((sel) => {
        const next = new Set(sel);
        ok.forEach((r) => next.delete(r.id));
        return next;
      });
      toast.success(
        targets.length === 1
          ? outcome.gone.length > 0
            ? `Network ${ok[0]!.name} was already gone`
            : `Removed network ${ok[0]!.name}`
          : `Removed ${ok.length} of ${plural(targets.length, 'network')}`,
      );
    }
    if (outcome.failed.length === 0) {
      setRemoval(undefined);
      return;
    }
    setRemoval({
      rows: outcome.failed.map((f) => f.step),
      skipped: [],
      busy: false,
      failures: outcome.failed.map((f) => ({ row: f.step, error: f.error })),
    });
  };

  const columns = useMemo<Column<NetworkRow>[]>(
    () => [
      {
        id: 'name',
        header: 'Name',
        sortValue: (r) => r.name,
        cell: (r) => (
          <span className="rv-name">
            <span className="rv-ellipsis" title={`${r.name} (${r.id})`}>
              {r.name}
            </span>
            {r.builtIn && (
              <Badge tone="info" title={BUILT_IN_NETWORK_NOTE}>
                built-in
              </Badge>
            )}
          </span>
        ),
      },
      { id: 'driver', header: 'Driver', width: 90, sortValue: (r) => r.driver, cell: (r) => r.driver },
      { id: 'scope', header: 'Scope', width: 80, sortValue: (r) => r.scope, cell: (r) => r.scope },
      {
        id: 'subnet',
        header: 'Subnet / gateway',
        width: 230,
        sortValue: (r) => r.subnets[0],
        cell: (r) =>
          r.subnets.length === 0 ? (
            <span className="rv-faint">—</span>
          ) : (
            <span
              className="rv-subnet"
              title={r.subnets.map((s, i) => `${s}${r.gateways[i] ? ` via ${r.gateways[i]}` : ''}`).join('\n')}
            >
              <span className="mono">{r.subnets[0]}</span>
              {r.gateways[0] && <span className="rv-subnet-gw mono">gw {r.gateways[0]}</span>}
              {r.subnets.length > 1 && <span className="rv-more">+{r.subnets.length - 1}</span>}
            </span>
          ),
      },
      {
        id: 'internal',
        header: 'Internal',
        width: 76,
        sortValue: (r) => (r.internal ? 1 : 0),
        cell: (r) => (r.internal ? <Badge tone="warning">internal</Badge> : <span className="rv-faint">no</span>),
      },
      {
        id: 'containers',
        header: 'Attached',
        width: 300,
        sortValue: (r) => r.containers.length,
        cell: (r) => <UsedByCell list={r.containers} budgetChars={38} detail={(c) => c.ipv4 || undefined} />,
      },
    ],
    [],
  );

  const drawerOpen = inspect !== undefined;
  const shownColumns = useMemo(
    () => (drawerOpen ? columns.filter((c) => COMPACT_COLUMNS.has(c.id)) : columns),
    [columns, drawerOpen],
  );

  const single = removal?.rows.length === 1 ? removal.rows[0] : undefined;
  const attached = removal?.rows.filter((r) => r.containers.length > 0) ?? [];

  const emptyState = !loaded ? undefined : error && items.length === 0 ? (
    <EmptyState
      icon={Network}
      title="Could not list networks"
      hint={error.message}
      action={
        <button type="button" className="btn" onClick={() => networksList.refresh()}>
          Retry
        </button>
      }
    />
  ) : (
    <EmptyState icon={Network} title="No networks" hint="Create one with “docker network create”." />
  );

  const selectedRows = visible.filter((r) => selection.has(r.id));
  const count = visible.length === rows.length ? rows.length : `${visible.length} of ${rows.length}`;

  return (
    <section className="rv-view" aria-label="Networks">
      <PageHeader
        title="Networks"
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
          Could not refresh networks: {error.message}
          <button type="button" className="btn btn-sm" onClick={() => networksList.refresh()}>
            Retry
          </button>
        </div>
      )}
      <div className="rv-body">
        <div className="rv-table">
          <DataTable
            label="Networks"
            data={rows}
            columns={shownColumns}
            getRowId={(r) => r.id}
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
            rowClassName={(r) => (inspect?.id === r.id ? 'rv-row-open' : undefined)}
            rowActionsWidth={64}
            rowActions={(r) => (
              <>
                <IconButton label="Inspect" icon={Braces} size="sm" onClick={() => setInspect(r)} />
                <IconButton
                  label="Remove"
                  icon={Trash2}
                  size="sm"
                  danger
                  disabled={r.builtIn}
                  title={r.builtIn ? BUILT_IN_NETWORK_NOTE : 'Remove'}
                  aria-description={r.builtIn ? BUILT_IN_NETWORK_NOTE : undefined}
                  onClick={() => askRemove([r])}
                />
              </>
            )}
          />
        </div>
        {inspect && (
          <InspectDrawer
            target={{
              key: inspect.id,
              title: inspect.name,
              kind: 'Network',
              load: () => api.invoke('networks.inspect', { id: inspect.id }),
            }}
            summary={
              <Facts
                items={[
                  ['ID', <span className="mono">{inspect.shortId}</span>],
                  ['Driver', `${inspect.driver} (${inspect.scope})${inspect.internal ? ', internal' : ''}`],
                  [
                    'Subnets',
                    inspect.subnets.length ? (
                      <span className="mono">
                        {inspect.subnets
                          .map((s, i) => `${s}${inspect.gateways[i] ? ` via ${inspect.gateways[i]}` : ''}`)
                          .join(', ')}
                      </span>
                    ) : (
                      '—'
                    ),
                  ],
                  ['Created', inspect.created === undefined ? '—' : formatDateTime(inspect.created)],
                  [
                    'Attached',
                    inspect.containers.length ? (
                      describeUsedBy(inspect.containers, 5, (c) => c.ipv4 || undefined)
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
        title={single ? `Remove network ${single.name}?` : `Remove ${plural(removal?.rows.length ?? 0, 'network')}?`}
        message={
          <>
            {single ? networkRemovalText(single) : 'These networks will be removed:'}
            {attached.length > 0 && (
              <span className="rv-note">
                {' '}
                {single
                  ? `Attached: ${describeUsedBy(single.containers, 5, (c) => c.ipv4 || undefined)}.`
                  : `${plural(attached.length, 'of them has', 'of them have')} attached containers.`}
              </span>
            )}
            {removal && removal.skipped.length > 0 && (
              <span className="rv-note">
                {' '}
                {removal.skipped.map((r) => r.name).join(', ')} {removal.skipped.length === 1 ? 'stays' : 'stay'}:
                built-in networks cannot be removed.
              </span>
            )}
          </>
        }
        items={single ? undefined : removal?.rows.map((r) => r.name)}
        itemsLabel="Networks to remove"
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
                  <li key={f.row.id}>
                    <span className="mono">{f.row.name}</span>: {f.error.message}
                  </li>
                ))}
              </ul>
              {removal.failures.some((f) => f.row.containers.length > 0) && (
                <div className="rv-hint">Disconnect or remove the attached containers first.</div>
              )}
            </>
          ) : undefined
        }
        onConfirm={() => void runRemoval()}
        onCancel={() => setRemoval(undefined)}
      />
    </section>
  );
}
