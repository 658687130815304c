import type { PruneCandidate, PrunePreview } from '../../../shared/contracts/archive';
import { api } from '../../api';
import { formatBytes, formatRelativeTime } from '../../presentation/format';
import { candidateLabel, ownReclaim, reclaimOf } from '../../presentation/prune';
import { PruneDialog, type PruneSpec } from '../resources/PruneDialog';

type Mode = 'dangling' | 'all';
/** A candidate with its own share of the space (its layers, plus a parent that goes with it alone). */
type Candidate = PruneCandidate & { frees: number };

/** `docker image prune [-a]` with a preview: what each image frees, shared layers counted once. */
export const imagePrune: PruneSpec<PrunePreview, Candidate, Mode> = {
  noun: 'image',
  description: 'Deletes images no container uses. Untick any you want to keep.',
  modes: {
    label: 'Images to prune',
    initial: 'dangling',
    options: [
      { value: 'dangling', label: 'Dangling', note: 'Untagged images nothing uses.' },
      { value: 'all', label: 'All unused', note: 'Every image no container uses, tagged or not.' },
    ],
  },
  load: (mode) => api.invoke('images.prunePreview', { all: mode === 'all' }),
  items: (p) => p.images.map((i) => ({ ...i, frees: ownReclaim(i, p.shared) })),
  id: (i) => i.id,
  label: candidateLabel,
  faint: (i) => i.repoTags.length === 0,
  columns: [
    { id: 'id', header: 'ID', align: 'id', cell: (i) => i.id.replace(/^sha256:/, '').slice(0, 12) },
    { id: 'created', header: 'Created', align: 'num', cell: (i, { now }) => formatRelativeTime(i.created, now) },
    { id: 'size', header: 'Size', align: 'num', cell: (i) => formatBytes(i.size) },
    { id: 'frees', header: 'Frees', align: 'num', cell: (i) => formatBytes(i.frees) },
  ],
  reclaim: (p, selected) => reclaimOf(p.images, selected, p.shared),
  remove: (ids) => api.invoke('images.prune', { ids }),
  nothing: (mode) => (mode === 'dangling' ? 'there are no dangling images.' : 'every image is in use.'),
};

export function ImagePruneDialog({ onClose, onPruned }: { onClose: () => void; onPruned: () => void }) {
  return <PruneDialog spec={imagePrune} onClose={onClose} onPruned={onPruned} />;
}
