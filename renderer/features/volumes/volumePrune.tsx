import type { VolumePruneCandidate } from '../../../shared/contracts/volumes';
import { api } from '../../api';
import { formatBytes } from '../../presentation/format';
import { PruneDialog, type PruneSpec } from '../resources/PruneDialog';
import { createdPruneColumn } from '../resources/pruneColumns';

type Mode = 'anonymous' | 'all';

const labelsOf = (v: VolumePruneCandidate): string =>
  Object.entries(v.labels)
    .filter(([k]) => k !== 'com.docker.volume.anonymous')
    .map(([k, val]) => (val ? `${k}=${val}` : k))
    .join(', ');

/**
 * `docker volume prune [--all]` with a preview: volumes no container (in any state) mounts. Sizes only
 * when asked ("Show sizes": one `/system/df`), never with the list.
 */
export const volumePrune: PruneSpec<readonly VolumePruneCandidate[], VolumePruneCandidate, Mode> = {
  noun: 'volume',
  description: 'Deletes volumes no container mounts, and all data in them. Untick any you want to keep.',
  modes: {
    label: 'Volumes to prune',
    initial: 'anonymous',
    options: [
      {
        value: 'anonymous',
        label: 'Anonymous only',
        note: 'Unnamed volumes containers left behind (the engine’s default).',
      },
      { value: 'all', label: 'All unused', note: 'Every volume no container mounts, named ones too.' },
    ],
  },
  load: (mode) => api.invoke('volumes.prunePreview', { all: mode === 'all' }),
  items: (p) => p,
  id: (v) => v.name,
  label: (v) => v.name,
  faint: (v) => v.anonymous,
  note: (v) => labelsOf(v) || undefined,
  columns: [
    { id: 'kind', header: 'Kind', width: 90, cell: (v) => (v.anonymous ? 'anonymous' : 'named') },
    { id: 'driver', header: 'Driver', width: 80, cell: (v) => v.driver },
    createdPruneColumn((v) => v.created),
    {
      id: 'size',
      header: 'Size',
      align: 'num',
      cell: (v, { sizes }) => {
        if (!sizes) return <span className="rv-faint">—</span>;
        const size = sizes.get(v.name);
        return size === undefined ? <span className="rv-faint">unknown</span> : formatBytes(size);
      },
    },
  ],
  reclaim: (p, selected, sizes) =>
    sizes ? p.filter((v) => selected.has(v.name)).reduce((sum, v) => sum + (sizes.get(v.name) ?? 0), 0) : undefined,
  sizes: async (items) => {
    const sized = await api.invoke('volumes.sizes', { names: items.map((v) => v.name) });
    return new Map(sized.flatMap((s) => (s.size === undefined ? [] : [[s.name, s.size] as const])));
  },
  remove: async (names) => {
    const res = await api.invoke('volumes.prune', { names });
    return { failed: res.failed.map((f) => ({ id: f.name, code: f.code, message: f.message })) };
  },
  nothing: (mode) =>
    mode === 'anonymous' ? 'no anonymous volume is left unused.' : 'every volume is mounted by a container.',
};

export function VolumePruneDialog({ onClose, onPruned }: { onClose: () => void; onPruned: () => void }) {
  return <PruneDialog spec={volumePrune} onClose={onClose} onPruned={onPruned} />;
}
