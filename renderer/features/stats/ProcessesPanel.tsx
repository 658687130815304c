import { CircleAlert, ListTree, RotateCw } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ContainerState, ProcessList } from '../../../shared/models';
import { api } from '../../api';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { IconButton } from '../../components/IconButton';
import { plural } from '../../presentation/format';
import { errorMessage } from '../../stores/toasts';
import { FilterBox } from './FilterBox';
import './stats.css';

/** Refresh period while the tab is visible: the engine cannot push process lists. */
const REFRESH_MS = 2000;

/** Columns whose values sort as numbers. */
const NUMERIC = new Set(['PID', 'PPID', 'C', '%CPU', '%MEM', 'VSZ', 'RSS', 'NI', 'PRI']);
const WIDTH: Record<string, number> = {
  UID: 80,
  USER: 90,
  PID: 76,
  PPID: 76,
  C: 44,
  '%CPU': 60,
  '%MEM': 60,
  VSZ: 80,
  RSS: 80,
  STIME: 70,
  START: 70,
  TTY: 60,
  STAT: 56,
  TIME: 80,
};

type Row = { key: string; cells: string[] };

/** Processes tab: `docker top` in a table, refreshed every 2 s while visible, and on demand. */
export function ProcessesPanel({ containerId, state }: { containerId: string; state: ContainerState }) {
  if (state !== 'running' && state !== 'paused') {
    return (
      <section aria-label="Processes" className="stats-panel stats-center">
        <EmptyState icon={ListTree} title="Not running" hint="A stopped container has no processes. Start it first." />
      </section>
    );
  }
  return <LiveProcesses containerId={containerId} />;
}

function LiveProcesses({ containerId }: { containerId: string }) {
  const [data, setData] = useState<ProcessList | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [query, setQuery] = useState('');
  const inFlight = useRef(false);

  const load = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setLoading(true);
    try {
      setData(await api.invoke('containers.top', { id: containerId }));
      setError(undefined);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      inFlight.current = false;
      setLoading(false);
    }
  }, [containerId]);

  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const sync = (): void => {
      const visible = document.visibilityState !== 'hidden';
      if (visible && !timer) {
        void load();
        timer = setInterval(() => void load(), REFRESH_MS);
      } else if (!visible && timer) {
        clearInterval(timer);
        timer = undefined;
      }
    };
    sync();
    document.addEventListener('visibilitychange', sync);
    return () => {
      document.removeEventListener('visibilitychange', sync);
      if (timer) clearInterval(timer);
    };
  }, [load]);

  const titles = useMemo(() => data?.titles ?? [], [data]);
  const titlesKey = titles.join('|');
  const pidAt = titles.indexOf('PID');
  const cmdAt = Math.max(titles.indexOf('CMD'), titles.indexOf('COMMAND'));
  const rows = useMemo<Row[]>(
    () =>
      (data?.processes ?? []).map((cells, i) => ({ key: pidAt >= 0 ? (cells[pidAt] ?? String(i)) : String(i), cells })),
    [data, pidAt],
  );
  const columns = useMemo<Column<Row>[]>(
    () =>
      titles.map((t, i) => ({
        id: t || `col${i}`,
        header: t,
        width: i === cmdAt ? undefined : (WIDTH[t] ?? 90),
        align: NUMERIC.has(t) ? ('end' as const) : undefined,
        sortValue: NUMERIC.has(t) ? (r: Row) => Number.parseFloat(r.cells[i] ?? '') || 0 : (r: Row) => r.cells[i] ?? '',
        cell: (r: Row) => (
          <span className={i === cmdAt ? 'mono truncate' : 'tabular'} title={r.cells[i]}>
            {r.cells[i]}
          </span>
        ),
      })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [titlesKey, cmdAt],
  );
  const getRowLabel = useCallback(
    (r: Row) => `${cmdAt >= 0 ? (r.cells[cmdAt] ?? '') : ''} (PID ${r.key})`.trim(),
    [cmdAt],
  );

  return (
    <section aria-label="Processes" className="stats-panel stats-list">
      <div className="stats-toolbar">
        <span className="stats-count tabular" aria-live="polite">
          {data ? plural(rows.length, 'process', 'processes') : ''}
        </span>
        <FilterBox value={query} onChange={setQuery} label="Filter processes" />
        <span className="stats-spacer" />
        <span className="stats-hint">Refreshes every 2 s</span>
        <IconButton label="Refresh" icon={RotateCw} onClick={() => void load()} disabled={loading} />
      </div>
      {error && (
        <div className="inline-error" role="alert">
          <CircleAlert size={14} aria-hidden="true" /> Could not list the processes: {error}
        </div>
      )}
      <DataTable<Row>
        label="Processes"
        data={rows}
        columns={columns}
        getRowId={getKey}
        getRowLabel={getRowLabel}
        globalFilter={query}
        defaultSorting={{ id: 'PID', desc: false }}
        loading={!data && !error}
        emptyState={<EmptyState title="No processes" />}
      />
    </section>
  );
}

const getKey = (r: Row): string => r.key;
