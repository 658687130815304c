import {
  Braces,
  Download,
  Hammer,
  HardDriveDownload,
  History,
  KeyRound,
  Layers,
  Play,
  Tag,
  Trash2,
  Upload,
} from 'lucide-react';
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { lazyComponent } from '../../components/lazyComponent';
import type { BerthError } from '../../../shared/errors';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { IconButton } from '../../components/IconButton';
import { PageHeader } from '../../components/PageHeader';
import { SegmentedControl } from '../../components/SegmentedControl';
import { toast } from '../../components/Toasts';
import { api } from '../../api';
import { formatBytes, formatDateTime, formatRelativeTime, plural } from '../../presentation/format';
import {
  describeUsedBy,
  filterImageRows,
  imageRowMatches,
  NONE,
  planImageRemoval,
  toImageRows,
  type DanglingFilter,
  type ImageRemovalStep,
  type ImageRow,
} from '../../presentation/resources';
import { ImageArchiveButtons, ImageArchiveDialogs, type ImageArchiveDialog } from '../archive/ImageArchiveDialogs';
import { RegistryDialogs } from '../registry/RegistryDialogs';
import { registryDialogs } from '../registry/store';
import { imagesList, useImages } from './imagesStore';
import { useContainersStore } from '../containers/store';
import { withImageUsage } from '../../../shared/usage';
import { Facts, InspectDrawer } from '../resources/InspectDrawer';
import { runRemovals } from '../resources/runRemovals';
import { UsedByCell } from '../resources/UsedByCell';
import { openRunDialog } from '../run/runDialogStore';
import '../resources/resources.css';

const BuildDialog = lazyComponent(() => import('../build/BuildDialog').then((m) => m.BuildDialog));

/** Columns kept while the inspect panel takes the right side of the view. */
const COMPACT_COLUMNS = new Set(['repository', 'tag', 'size']);

const DANGLING_OPTIONS: ReadonlyArray<{ value: DanglingFilter; label: string }> = [
  { value: 'show', label: 'Show dangling' },
  { value: 'hide', label: 'Hide dangling' },
  { value: 'only', label: 'Dangling only' },
];

function rowLabel(r: ImageRow): string {
  return r.ref ?? `${r.repository === NONE ? NONE : r.repository} ${r.shortId}`;
}

/** What "Save" archives for a row: its tag (so the tar carries it), or the image id for an untagged one. */
function saveTarget(r: ImageRow): { ref: string; label: string } {
  return { ref: r.ref ?? r.imageId, label: rowLabel(r) };
}

interface Removal {
  rows: ImageRow[];
  busy: boolean;
  forced: boolean;
  failures: Array<{ step: ImageRemovalStep; error: BerthError }>;
}

export function ImagesView() {
  const { items, loaded, loading, error } = useImages();
  const [query, setQuery] = useState('');
  const [dangling, setDangling] = useState<DanglingFilter>('show');
  const [selection, setSelection] = useState<Set<string>>(new Set());
  const [inspected, setInspect] = useState<ImageRow | undefined>();
  const [removal, setRemoval] = useState<Removal | undefined>();
  const [archive, setArchive] = useState<ImageArchiveDialog | undefined>();
  const [building, setBuilding] = useState(false);

  // "Used by" from the live containers store (the list itself is fetched without it, see imagesList).
  const containers = useContainersStore((s) => s.list);
  const rows = useMemo(() => toImageRows(withImageUsage(items, containers)), [items, containers]);
  // The open panel follows the live row (fresh "used by"), and closes when the object is gone.
  const inspect = useMemo(() => (inspected ? rows.find((r) => r.key === inspected.key) : undefined), [rows, inspected]);
  useEffect(() => {
    if (inspected && !inspect) setInspect(undefined);
  }, [inspected, inspect]);
  const byDangling = useMemo(() => filterImageRows(rows, dangling), [rows, dangling]);
  const visible = useMemo(() => filterImageRows(byDangling, 'show', query), [byDangling, query]);
  const danglingCount = useMemo(() => rows.filter((r) => r.dangling).length, [rows]);

  const askRemove = useCallback((targets: ImageRow[]) => {
    if (targets.length > 0) setRemoval({ rows: targets, busy: false, forced: false, failures: [] });
  }, []);

  const plan = useMemo(() => (removal ? planImageRemoval(removal.rows, formatBytes) : []), [removal]);

  const runRemoval = async (force: boolean): Promise<void> => {
    if (!removal) return;
    const steps = planImageRemoval(removal.rows, formatBytes);
    setRemoval({ ...removal, busy: true });
    const results = new Map<ImageRemovalStep, { untagged: string[]; deleted: string[] }>();
    const outcome = await runRemovals(steps, async (step) => {
      results.set(step, await api.invoke('images.remove', { id: step.target, force }));
    });
    imagesList.refresh();
    const okSteps = [...outcome.done, ...outcome.gone];
    if (okSteps.length > 0) {
      setSelection((sel) => {
        const next = new Set(sel);
        okSteps.forEach((s) => next.delete(s.row.key));
        return next;
      });
      if (okSteps.length === 1 && steps.length === 1) {
        const s = okSteps[0]!;
        const res = results.get(s);
        const deleted = (res?.deleted.length ?? 0) > 0;
        toast.success(
          outcome.gone.length > 0
            ? `${rowLabel(s.row)} was already gone`
            : s.row.ref
              ? deleted
                ? `Untagged ${s.row.ref} and deleted image ${s.row.shortId}`
                : `Untagged ${s.row.ref}`
              : `Deleted image ${s.row.shortId}`,
        );
      } else {
        toast.success(`Removed ${okSteps.length} of ${steps.length} ${steps.length === 1 ? 'image' : 'images'}`);
      }
    }
    if (outcome.failed.length === 0) {
      setRemoval(undefined);
      return;
    }
    setRemoval({
      rows: outcome.failed.map((f) => f.step.row),
      busy: false,
      forced: force,
      failures: outcome.failed,
    });
  };

  const columns = useMemo<Column<ImageRow>[]>(() => {
    const now = Date.now();
    return [
      {
        id: 'repository',
        header: 'Repository',
        sortValue: (r) => r.repository,
        cell: (r) => (
          <span className="rv-name">
            <span className={`rv-ellipsis ${r.repository === NONE ? 'rv-faint' : ''}`} title={r.repository}>
              {r.repository}
            </span>
            {r.dangling && <Badge tone="warning">dangling</Badge>}
          </span>
        ),
      },
      {
        id: 'tag',
        header: 'Tag',
        width: 130,
        sortValue: (r) => r.tag,
        cell: (r) => (
          <span className={`rv-ellipsis ${r.tag === NONE ? 'rv-faint' : ''}`} title={r.tag}>
            {r.tag}
          </span>
        ),
      },
      {
        id: 'id',
        header: 'Image ID',
        width: 120,
        sortValue: (r) => r.shortId,
        cell: (r) => (
          <span className="mono rv-muted" title={r.imageId}>
            {r.shortId}
          </span>
        ),
      },
      {
        id: 'size',
        header: 'Size',
        width: 90,
        align: 'end',
        sortValue: (r) => r.size,
        cell: (r) => <span className="tabular">{formatBytes(r.size)}</span>,
      },
      {
        id: 'created',
        header: 'Created',
        width: 130,
        sortValue: (r) => r.created,
        cell: (r) => (
          <span className="rv-muted" title={formatDateTime(r.created)}>
            {formatRelativeTime(r.created, now)}
          </span>
        ),
      },
      {
        id: 'usedBy',
        header: 'In use by',
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

  const first = removal?.rows.length === 1 ? plan[0] : undefined;
  const title = first
    ? first.effect === 'untag'
      ? `Untag ${first.row.ref}?`
      : first.effect === 'delete'
        ? `Delete image ${first.row.shortId}?`
        : `Remove image ${first.row.ref}?`
    : `Remove ${plural(removal?.rows.length ?? 0, 'image')}?`;
  const inUse = plan.filter((s) => s.effect !== 'untag' && s.row.usedBy.length > 0);
  const hasConflict = removal?.failures.some((f) => f.error.code === 'CONFLICT') ?? false;
  // After a CONFLICT the useful next step is forcing; retrying the same request would fail the same way.
  const offerForce = hasConflict && removal !== undefined && !removal.forced;

  const emptyState = !loaded ? undefined : error && items.length === 0 ? (
    <EmptyState
      icon={Layers}
      title="Could not list images"
      hint={error.message}
      action={
        <button type="button" className="btn" onClick={() => imagesList.refresh()}>
          Retry
        </button>
      }
    />
  ) : rows.length === 0 ? (
    <EmptyState
      icon={Layers}
      title="No images"
      hint="Pull, build or load an image with the docker CLI; it shows up here right away."
    />
  ) : dangling === 'only' ? (
    <EmptyState icon={Layers} title="No dangling images" hint="Every image has at least one tag." />
  ) : (
    <EmptyState icon={Layers} title="Only dangling images" hint="Choose “Show dangling” to see them." />
  );

  const selectedRows = visible.filter((r) => selection.has(r.key));
  const count = visible.length === rows.length ? rows.length : `${visible.length} of ${rows.length}`;

  return (
    <section className="rv-view" aria-label="Images">
      <PageHeader
        title="Images"
        count={loaded ? count : undefined}
        filter={{ value: query, onChange: setQuery }}
        controls={
          <SegmentedControl
            label="Dangling images"
            value={dangling}
            onChange={setDangling}
            options={DANGLING_OPTIONS.map((o) => (o.value === 'only' ? { ...o, count: danglingCount } : o))}
          />
        }
        actions={
          <>
            {selectedRows.length > 0 && (
              <button type="button" className="btn" onClick={() => askRemove(selectedRows)}>
                <Trash2 size={14} aria-hidden="true" />
                Remove selected ({selectedRows.length})
              </button>
            )}
            <ImageArchiveButtons selected={selectedRows.map(saveTarget)} onOpen={setArchive} />
            <button type="button" className="btn" onClick={() => setBuilding(true)}>
              <Hammer size={14} aria-hidden="true" />
              Build image
            </button>
            <button type="button" className="btn" onClick={() => registryDialogs.show({ kind: 'registries' })}>
              <KeyRound size={14} aria-hidden="true" />
              Registries
            </button>
            <button type="button" className="btn btn-primary" onClick={() => registryDialogs.show({ kind: 'pull' })}>
              <Download size={14} aria-hidden="true" />
              Pull
            </button>
          </>
        }
      />
      {error && items.length > 0 && (
        <div className="inline-error rv-banner" role="alert">
          Could not refresh images: {error.message}
          <button type="button" className="btn btn-sm" onClick={() => imagesList.refresh()}>
            Retry
          </button>
        </div>
      )}
      <div className="rv-body">
        <div className="rv-table">
          <DataTable
            label="Images"
            data={byDangling}
            columns={shownColumns}
            getRowId={(r) => r.key}
            getRowLabel={rowLabel}
            globalFilter={query}
            filterFn={imageRowMatches}
            selection={selection}
            onSelectionChange={setSelection}
            defaultSorting={{ id: 'repository', desc: false }}
            onOpen={setInspect}
            onDeleteKey={askRemove}
            loading={loading && !loaded}
            emptyState={emptyState}
            rowClassName={(r) => (inspect?.key === r.key ? 'rv-row-open' : undefined)}
            rowActionsWidth={196}
            rowActions={(r) => (
              <>
                <IconButton
                  label={`Run ${rowLabel(r)}`}
                  title="Run a container from this image"
                  icon={Play}
                  size="sm"
                  onClick={() => openRunDialog({ image: r.ref ?? r.imageId })}
                />
                <IconButton label="Inspect" icon={Braces} size="sm" onClick={() => setInspect(r)} />
                <IconButton
                  label="Save"
                  title={`Save ${rowLabel(r)} to a tar file`}
                  icon={HardDriveDownload}
                  size="sm"
                  onClick={() => setArchive({ kind: 'save', images: [saveTarget(r)] })}
                />
                <IconButton
                  label="History"
                  icon={History}
                  size="sm"
                  onClick={() => registryDialogs.show({ kind: 'history', id: r.imageId, label: rowLabel(r) })}
                />
                <IconButton
                  label="Tag"
                  icon={Tag}
                  size="sm"
                  onClick={() => registryDialogs.show({ kind: 'tag', source: r.imageId, label: rowLabel(r) })}
                />
                <IconButton
                  label="Push"
                  icon={Upload}
                  size="sm"
                  disabled={!r.ref}
                  title={r.ref ? 'Push' : 'Tag the image before pushing it'}
                  onClick={() => r.ref && registryDialogs.show({ kind: 'push', ref: r.ref })}
                />
                <IconButton label="Remove" icon={Trash2} size="sm" danger onClick={() => askRemove([r])} />
              </>
            )}
          />
        </div>
        {inspect && (
          <InspectDrawer
            target={{
              key: inspect.key,
              title: rowLabel(inspect),
              kind: 'Image',
              load: () => api.invoke('images.inspect', { id: inspect.imageId }),
            }}
            summary={
              <Facts
                items={[
                  ['ID', <span className="mono">{inspect.imageId.replace(/^sha256:/, '').slice(0, 24)}…</span>],
                  [
                    'Tags',
                    inspect.allTags.length ? inspect.allTags.join(', ') : <span className="rv-faint">none</span>,
                  ],
                  ['Size', formatBytes(inspect.size)],
                  ['Created', formatDateTime(inspect.created)],
                  [
                    'In use by',
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
      <RegistryDialogs />
      {building && (
        <Suspense fallback={null}>
          <BuildDialog open onClose={() => setBuilding(false)} onShowImage={setQuery} />
        </Suspense>
      )}
      <ConfirmDialog
        open={removal !== undefined}
        title={title}
        message={
          first ? (
            <>
              {first.text}
              {inUse.length > 0 && <span className="rv-note"> In use by {describeUsedBy(first.row.usedBy)}.</span>}
            </>
          ) : (
            <>
              These changes will be made:
              {inUse.length > 0 && (
                <span className="rv-note">
                  {' '}
                  {plural(inUse.length, 'of them is', 'of them are')} in use by containers.
                </span>
              )}
            </>
          )
        }
        items={first ? undefined : plan.map((s) => s.text)}
        itemsLabel="Image changes"
        confirmLabel={
          offerForce
            ? 'Force remove'
            : removal?.failures.length
              ? 'Try again'
              : first
                ? first.effect === 'untag'
                  ? 'Untag'
                  : first.effect === 'delete'
                    ? 'Delete'
                    : 'Remove'
                : `Remove ${removal?.rows.length ?? 0}`
        }
        busy={removal?.busy}
        error={
          removal && removal.failures.length > 0 ? (
            <>
              <div>The engine refused:</div>
              <ul className="rv-errors">
                {removal.failures.map((f) => (
                  <li key={f.step.row.key}>
                    <span className="mono">{rowLabel(f.step.row)}</span>: {f.error.message}
                  </li>
                ))}
              </ul>
              {offerForce && (
                <div className="rv-hint">
                  Force removes it anyway: the image of a stopped container is deleted; the image of a running container
                  is only untagged.
                </div>
              )}
            </>
          ) : undefined
        }
        onConfirm={() => void runRemoval(offerForce || (removal?.forced ?? false))}
        onCancel={() => setRemoval(undefined)}
      />
      <ImageArchiveDialogs
        dialog={archive}
        onClose={() => setArchive(undefined)}
        onChanged={() => imagesList.refresh()}
      />
    </section>
  );
}
