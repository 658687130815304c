import { Layers } from 'lucide-react';
import { Badge } from '../../components/Badge';
import { lazyComponent } from '../../components/lazyComponent';
import type { Column } from '../../components/DataTable';
import { api } from '../../api';
import { formatBytes, formatDateTime, plural } from '../../presentation/format';
import {
  describeUsedBy,
  imageRowMatches,
  NONE,
  planImageRemoval,
  type ImageRemovalStep,
  type ImageRow,
} from '../../presentation/resources';
import { createdColumn, textColumn, usedByColumn } from '../resources/columns';
import { Facts } from '../resources/InspectDrawer';
import type { ResourceKindSpec } from '../resources/ResourcePage';
import type { Removal } from '../resources/useRemoval';
import { imagesList } from './imagesStore';

/** Images as a resource page describes them: one row per tag, removal as untag/delete steps. */

export function imageRowLabel(r: ImageRow): string {
  return r.ref ?? `${r.repository === NONE ? NONE : r.repository} ${r.shortId}`;
}

/** What each removal step did, for the toast (the engine says whether an untag also deleted). */
const results = new WeakMap<ImageRemovalStep, { deleted: string[] }>();

function successText(ok: ImageRemovalStep[], gone: ImageRemovalStep[], total: number): string {
  if (ok.length !== 1 || total !== 1) return `Removed ${ok.length} of ${plural(total, 'image')}`;
  const s = ok[0]!;
  if (gone.length > 0) return `${imageRowLabel(s.row)} was already gone`;
  if (!s.row.ref) return `Deleted image ${s.row.shortId}`;
  return (results.get(s)?.deleted.length ?? 0) > 0
    ? `Untagged ${s.row.ref} and deleted image ${s.row.shortId}`
    : `Untagged ${s.row.ref}`;
}

function removalText(removal: Removal<ImageRow, ImageRemovalStep>) {
  const plan = removal.steps;
  const first = plan.length === 1 ? plan[0] : undefined;
  const inUse = plan.filter((s) => s.effect !== 'untag' && s.row.usedBy.length > 0);
  const hasConflict = removal.failures.some((f) => f.error.code === 'CONFLICT');
  // After a CONFLICT the useful next step is forcing; retrying the same request would fail the same way.
  const offerForce = hasConflict && !removal.forced;
  const failed = removal.failures.length > 0;
  const verb = first
    ? ({ untag: 'Untag', delete: 'Delete', 'untag-and-delete': 'Remove' } as const)[first.effect]
    : undefined;
  return {
    title: first
      ? first.effect === 'untag'
        ? `Untag ${first.row.ref}?`
        : first.effect === 'delete'
          ? `Delete image ${first.row.shortId}?`
          : `Remove image ${first.row.ref}?`
      : `Remove ${plural(plan.length, 'image')}?`,
    message: first ? (
      <>
        {first.text}
        {inUse.length > 0 && <span className="rv-note"> In use by {describeUsedBy(first.row.usedBy)}.</span>}
      </>
    ) : (
      <>
        These changes will be made:
        {inUse.length > 0 && (
          <span className="rv-note"> {plural(inUse.length, 'of them is', 'of them are')} in use by containers.</span>
        )}
      </>
    ),
    items: first ? undefined : plan.map((s) => s.text),
    itemsLabel: 'Image changes',
    confirmLabel: offerForce ? 'Force remove' : failed ? 'Try again' : (verb ?? `Remove ${plan.length}`),
    forceNext: offerForce || removal.forced,
    failureHint: offerForce
      ? 'Force removes it anyway: the image of a stopped container is deleted; the image of a running container is only untagged.'
      : undefined,
  };
}

function imageColumns(now: number): Column<ImageRow>[] {
  return [
    textColumn('repository', 'Repository', (r) => ({
      text: r.repository,
      className: r.repository === NONE ? 'rv-faint' : '',
      badge: r.dangling && <Badge tone="warning">dangling</Badge>,
    })),
    textColumn('tag', 'Tag', (r) => ({ text: r.tag, className: r.tag === NONE ? 'rv-faint' : '' }), { width: 130 }),
    textColumn('id', 'Image ID', (r) => ({ text: r.shortId, title: r.imageId, className: 'mono rv-muted' }), {
      width: 120,
    }),
    {
      id: 'size',
      header: 'Size',
      width: 90,
      align: 'end',
      sortValue: (r) => r.size,
      cell: (r) => <span className="tabular">{formatBytes(r.size)}</span>,
    },
    createdColumn((r) => r.created, now),
    usedByColumn('usedBy', 'In use by', (r) => r.usedBy),
  ];
}

export const imageKind: ResourceKindSpec<ImageRow, ImageRemovalStep> = {
  title: 'Images',
  noun: 'Image',
  icon: Layers,
  rowId: (r) => r.key,
  rowLabel: imageRowLabel,
  filter: (r, q) => imageRowMatches(r, q.trim().toLowerCase()),
  columns: imageColumns,
  compactColumns: new Set(['repository', 'tag', 'size']),
  defaultSorting: { id: 'repository', desc: false },
  inspect: {
    load: (r) => api.invoke('images.inspect', { id: r.imageId }),
    summary: (r) => (
      <Facts
        items={[
          ['ID', <span className="mono">{r.imageId.replace(/^sha256:/, '').slice(0, 24)}…</span>],
          ['Tags', r.allTags.length ? r.allTags.join(', ') : <span className="rv-faint">none</span>],
          ['Size', formatBytes(r.size)],
          ['Created', formatDateTime(r.created)],
          ['In use by', r.usedBy.length ? describeUsedBy(r.usedBy) : <span className="rv-faint">no containers</span>],
        ]}
      />
    ),
  },
  removal: {
    plan: (rows) => planImageRemoval(rows, formatBytes),
    rowOf: (s) => s.row,
    rowKey: (r) => r.key,
    run: async (step, force) => {
      results.set(step, await api.invoke('images.remove', { id: step.target, force }));
    },
    successText,
    refresh: () => imagesList.refresh(),
  },
  removalText,
  empty: {
    title: 'No images',
    hint: 'Pull, build or load an image; it shows up here right away.',
  },
  prune: lazyComponent(() => import('./imagePrune').then((m) => m.ImagePruneDialog)),
};
