import { Braces, Eraser, Plus, Trash2, type LucideIcon } from 'lucide-react';
import { Suspense, useCallback, useEffect, useMemo, useRef, useState, type ComponentType, type ReactNode } from 'react';
import type { BerthError } from '../../../shared/errors';
import type { Json } from '../../../shared/json';
import { DataTable, type Column, type SortState } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { IconButton } from '../../components/IconButton';
import { PageHeader } from '../../components/PageHeader';
import { useEngineReady } from '../../stores/engineStatus';
import { InspectDrawer } from './InspectDrawer';
import { RemovalDialog, type RemovalText } from './RemovalDialog';
import { useRemoval, type Removal, type RemovalSpec } from './useRemoval';
import './resources.css';

/**
 * One page for a kind of engine object (images, volumes, networks; later stacks, services): a live list
 * with filter and selection, an inspect drawer beside it, removal with the engine's reasons (and force
 * where the kind has it), and slots for the kind's own header actions and dialogs (create, prune, ...).
 * Modelled on lazydocker's SideListPanel[T]: the page is generic, a kind only describes itself.
 */
export interface ResourceKindSpec<T, S> {
  /** "Networks": page title, table and region name. */
  title: string;
  /** "Network": the inspect drawer's kind. */
  noun: string;
  icon: LucideIcon;
  rowId: (row: T) => string;
  rowLabel: (row: T) => string;
  filter: (row: T, query: string) => boolean;
  /** The table's columns; `now` for relative times (re-created when the rows change). */
  columns: (now: number) => readonly Column<T>[];
  /** Columns kept while the inspect drawer takes the right side. */
  compactColumns: ReadonlySet<string>;
  defaultSorting: SortState;
  inspect: {
    load: (row: T) => Promise<{ raw: Json }>;
    summary: (row: T) => ReactNode;
  };
  removal: RemovalSpec<T, S>;
  removalText: (removal: Removal<T, S>) => RemovalText;
  /** How a refused step is named in the removal dialog (default: the row's label). */
  stepLabel?: (step: S) => string;
  /** What the page shows with no objects at all (after the first load). */
  empty: { title: string; hint: ReactNode };
  /** The kind's prune-with-preview dialog (a PruneDialog with its PruneSpec), behind a "Prune" header button. */
  prune?: ComponentType<{ onClose: () => void; onPruned: () => void }>;
}

export interface ResourcePageProps<T, S> {
  kind: ResourceKindSpec<T, S>;
  list: { loaded: boolean; loading: boolean; error: BerthError | undefined; count: number };
  refresh: () => void;
  rows: readonly T[];
  /** What the table shows when the page narrows the rows itself (e.g. the dangling-images filter). */
  data?: readonly T[];
  /** What the table shows when `data` holds nothing but `rows` does. */
  narrowedEmpty?: ReactNode;
  /** A controlled filter text (default: the page keeps its own). */
  query?: string;
  onQueryChange?: (q: string) => void;
  controls?: ReactNode;
  /** Header buttons of the kind (create, prune, ...); `selected` are the selected visible rows. */
  actions?: (selected: T[]) => ReactNode;
  /** Row buttons before Inspect and Remove. */
  rowActions?: (row: T) => ReactNode;
  /** Width of all row buttons, Inspect and Remove included (default: those two). */
  rowActionsWidth?: number;
  /** The Remove button of a row: disabled with a reason (e.g. a built-in network). */
  removeDisabled?: (row: T) => string | undefined;
  /** Opens the inspect panel on the row of this id once it is listed (e.g. from a link to one volume). */
  inspectId?: string | undefined;
  /** Enter / double-click on a row (default: inspect it). */
  onOpen?: (row: T) => void;
  /** A row to mark as new (e.g. the one a create dialog just made) once the live list has it. */
  highlightRowId?: string | undefined;
  /** The kind's create dialog: a primary "Create …" header button that opens it, also under the empty state. */
  create?: { label: string; open: () => void };
  /** A button under the empty state's hint (default: the create button). */
  emptyAction?: ReactNode;
  /** The kind's dialogs. */
  children?: ReactNode;
}

export function ResourcePage<T, S>(props: ResourcePageProps<T, S>) {
  const { kind, list, rows, refresh } = props;
  const [ownQuery, setOwnQuery] = useState('');
  const query = props.query ?? ownQuery;
  const setQuery = props.onQueryChange ?? setOwnQuery;
  const [selection, setSelection] = useState<Set<string>>(new Set());
  const { inspect, setInspect } = useInspected(rows, kind.rowId, props.inspectId);

  const dropSelected = useCallback((keys: string[]) => {
    setSelection((sel) => {
      const next = new Set(sel);
      keys.forEach((k) => next.delete(k));
      return next;
    });
  }, []);
  const removal = useRemoval(kind.removal, dropSelected);
  const [pruning, setPruning] = useState(false);
  const ready = useEngineReady();
  const Prune = kind.prune;

  const data = props.data ?? rows;
  const visible = useMemo(() => data.filter((r) => kind.filter(r, query)), [data, kind, query]);
  const selected = visible.filter((r) => selection.has(kind.rowId(r)));
  const count = visible.length === rows.length ? rows.length : `${visible.length} of ${rows.length}`;
  const allColumns = useMemo(() => kind.columns(Date.now()), [kind, rows]); // eslint-disable-line react-hooks/exhaustive-deps -- fresh relative times with the data
  const columns = useMemo(
    () => (inspect ? allColumns.filter((c) => kind.compactColumns.has(c.id)) : allColumns),
    [kind, allColumns, inspect],
  );

  return (
    <section className="rv-view" aria-label={kind.title}>
      <PageHeader
        title={kind.title}
        count={list.loaded ? count : undefined}
        filter={{ value: query, onChange: setQuery }}
        controls={props.controls}
        actions={
          <>
            {selected.length > 0 && (
              <button type="button" className="btn" disabled={!ready} onClick={() => removal.ask(selected)}>
                <Trash2 size={14} aria-hidden="true" />
                Remove selected ({selected.length})
              </button>
            )}
            {props.create && <CreateButton {...props.create} primary disabled={!ready} />}
            {props.actions?.(selected)}
            {Prune && (
              <button
                type="button"
                className="btn"
                disabled={!ready}
                title={`Prune unused ${kind.title.toLowerCase()}, with a preview`}
                onClick={() => setPruning(true)}
              >
                <Eraser size={14} aria-hidden="true" />
                Prune
              </button>
            )}
          </>
        }
      />
      {list.error && list.count > 0 && (
        <div className="inline-error rv-banner" role="alert">
          Could not refresh {kind.title.toLowerCase()}: {list.error.message}
          <button type="button" className="btn btn-sm" onClick={refresh}>
            Retry
          </button>
        </div>
      )}
      <div className="rv-body">
        <div className="rv-table">
          <DataTable
            label={kind.title}
            data={data}
            columns={columns}
            getRowId={kind.rowId}
            getRowLabel={kind.rowLabel}
            globalFilter={query}
            filterFn={kind.filter}
            selection={selection}
            onSelectionChange={setSelection}
            defaultSorting={kind.defaultSorting}
            onOpen={props.onOpen ?? setInspect}
            onDeleteKey={removal.ask}
            loading={list.loading && !list.loaded}
            emptyState={list.loaded ? <PageEmpty {...props} /> : undefined}
            rowClassName={(r) =>
              inspect && kind.rowId(inspect) === kind.rowId(r)
                ? 'rv-row-open'
                : props.highlightRowId === kind.rowId(r)
                  ? 'rv-row-new'
                  : undefined
            }
            rowActionsWidth={props.rowActionsWidth ?? 64}
            rowActions={(r) => {
              const removeNote = props.removeDisabled?.(r);
              return (
                <>
                  {props.rowActions?.(r)}
                  <IconButton label="Inspect" icon={Braces} size="sm" disabled={!ready} onClick={() => setInspect(r)} />
                  <IconButton
                    label="Remove"
                    icon={Trash2}
                    size="sm"
                    danger
                    disabled={removeNote !== undefined || !ready}
                    title={removeNote ?? 'Remove'}
                    aria-description={removeNote}
                    onClick={() => removal.ask([r])}
                  />
                </>
              );
            }}
          />
        </div>
        {inspect && (
          <InspectDrawer
            target={{
              key: kind.rowId(inspect),
              title: kind.rowLabel(inspect),
              kind: kind.noun,
              load: () => kind.inspect.load(inspect),
            }}
            summary={kind.inspect.summary(inspect)}
            onClose={() => setInspect(undefined)}
          />
        )}
      </div>
      <RemovalDialog
        controls={removal}
        text={kind.removalText}
        failureLabel={kind.stepLabel ?? ((s) => kind.rowLabel(kind.removal.rowOf(s)))}
        failureKey={(s) => kind.rowId(kind.removal.rowOf(s))}
      />
      {Prune && pruning && (
        <Suspense fallback={null}>
          <Prune onClose={() => setPruning(false)} onPruned={refresh} />
        </Suspense>
      )}
      {props.children}
    </section>
  );
}

/** The inspected row follows the live list (fresh "used by"); the drawer closes when the object is gone. */
function useInspected<T>(rows: readonly T[], rowId: (row: T) => string, wanted: string | undefined) {
  const [inspected, setInspect] = useState<T | undefined>();
  const opened = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!wanted || opened.current === wanted) return;
    const row = rows.find((r) => rowId(r) === wanted);
    if (!row) return;
    opened.current = wanted;
    setInspect(row);
  }, [wanted, rows, rowId]);
  const inspect = useMemo(
    () => (inspected ? rows.find((r) => rowId(r) === rowId(inspected)) : undefined),
    [rows, inspected, rowId],
  );
  useEffect(() => {
    if (inspected && !inspect) setInspect(undefined);
  }, [inspected, inspect]);
  return { inspect, setInspect };
}

function CreateButton({
  label,
  open,
  primary,
  disabled,
}: {
  label: string;
  open: () => void;
  primary?: boolean;
  disabled?: boolean;
}) {
  return (
    <button type="button" className={primary ? 'btn btn-primary' : 'btn'} disabled={disabled} onClick={open}>
      <Plus size={14} aria-hidden="true" />
      {label}
    </button>
  );
}

function PageEmpty<T, S>(props: ResourcePageProps<T, S>) {
  const { kind, list, rows, refresh, narrowedEmpty, create } = props;
  const emptyAction = props.emptyAction ?? (create && <CreateButton {...create} />);
  if (list.error && list.count === 0)
    return (
      <EmptyState
        icon={kind.icon}
        title={`Could not list ${kind.title.toLowerCase()}`}
        hint={list.error.message}
        action={
          <button type="button" className="btn" onClick={refresh}>
            Retry
          </button>
        }
      />
    );
  if (rows.length > 0 && narrowedEmpty) return <>{narrowedEmpty}</>;
  return <EmptyState icon={kind.icon} title={kind.empty.title} hint={kind.empty.hint} action={emptyAction} />;
}
