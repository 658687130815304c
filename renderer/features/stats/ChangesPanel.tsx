import { CircleAlert, FileDiff, RotateCw } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ContainerState, FileChange, FileChangeKind } from '../../../shared/models';
import { api } from '../../api';
import { Badge } from '../../components/Badge';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { IconButton } from '../../components/IconButton';
import { SegmentedControl } from '../../components/SegmentedControl';
import type { Tone } from '../../presentation/format';
import { errorMessage } from '../../stores/toasts';
import { FilterBox } from './FilterBox';
import './stats.css';

type KindFilter = 'all' | FileChangeKind;

const TONE: Record<FileChangeKind, Tone> = { added: 'success', changed: 'warning', deleted: 'danger' };
const LABEL: Record<FileChangeKind, string> = { added: 'Added', changed: 'Changed', deleted: 'Deleted' };
const ORDER: Record<FileChangeKind, number> = { added: 0, changed: 1, deleted: 2 };

const COLUMNS: Column<FileChange>[] = [
  {
    id: 'kind',
    header: 'Kind',
    width: 96,
    sortValue: (c) => ORDER[c.kind],
    filterText: (c) => c.kind,
    cell: (c) => <Badge tone={TONE[c.kind]}>{LABEL[c.kind]}</Badge>,
  },
  {
    id: 'path',
    header: 'Path',
    sortValue: (c) => c.path,
    cell: (c) => (
      <span className="mono truncate" title={c.path}>
        {c.path}
      </span>
    ),
  },
];

/**
 * Changes tab: `docker diff` — paths added, changed or deleted in the container's writable layer,
 * with a kind filter (with counts) and a path filter. Loaded on open and on Refresh (the engine has
 * no event for file changes, and a diff walks the layer, so it is not polled).
 */
export function ChangesPanel({ containerId, state }: { containerId: string; state: ContainerState }) {
  const [changes, setChanges] = useState<FileChange[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [kind, setKind] = useState<KindFilter>('all');
  const [query, setQuery] = useState('');

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setChanges(await api.invoke('containers.changes', { id: containerId }));
      setError(undefined);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [containerId]);

  // Reload when the container starts or stops (its writable layer may have changed meanwhile).
  useEffect(() => {
    void load();
  }, [load, state]);

  const counts = useMemo(() => {
    const c = { all: 0, added: 0, changed: 0, deleted: 0 };
    for (const x of changes ?? []) {
      c.all++;
      c[x.kind]++;
    }
    return c;
  }, [changes]);
  const rows = useMemo(() => (changes ?? []).filter((c) => kind === 'all' || c.kind === kind), [changes, kind]);

  return (
    <section aria-label="Changes" className="stats-panel stats-list">
      <div className="stats-toolbar">
        <SegmentedControl<KindFilter>
          label="Kind"
          value={kind}
          onChange={setKind}
          options={[
            { value: 'all', label: 'All', count: counts.all },
            { value: 'added', label: 'Added', count: counts.added },
            { value: 'changed', label: 'Changed', count: counts.changed },
            { value: 'deleted', label: 'Deleted', count: counts.deleted },
          ]}
        />
        <FilterBox value={query} onChange={setQuery} label="Filter paths" />
        <span className="stats-spacer" />
        <span className="stats-hint">Compared with the image</span>
        <IconButton label="Refresh" icon={RotateCw} onClick={() => void load()} disabled={loading} />
      </div>
      {error && (
        <div className="inline-error" role="alert">
          <CircleAlert size={14} aria-hidden="true" /> Could not read the changes: {error}
        </div>
      )}
      <DataTable<FileChange>
        label="Changes"
        data={rows}
        columns={COLUMNS}
        getRowId={getPath}
        getRowLabel={getLabel}
        globalFilter={query}
        filterFn={matchPath}
        defaultSorting={{ id: 'path', desc: false }}
        loading={changes === undefined && !error}
        emptyState={
          kind === 'all' ? (
            <EmptyState
              icon={FileDiff}
              title="No changes"
              hint="Nothing was added, changed or deleted in this container's filesystem since it was created from its image."
            />
          ) : (
            <EmptyState title={`No ${LABEL[kind].toLowerCase()} paths`} />
          )
        }
      />
    </section>
  );
}

const getPath = (c: FileChange): string => c.path;
const getLabel = (c: FileChange): string => `${c.path} ${LABEL[c.kind].toLowerCase()}`;
const matchPath = (c: FileChange, q: string): boolean => c.path.toLowerCase().includes(q);
