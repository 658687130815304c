import type { NetworkPruneCandidate } from '../../../shared/contracts/networks';
import { api } from '../../api';
import { formatRelativeTime, parseEngineTime, plural } from '../../presentation/format';
import { PruneDialog, type PruneSpec } from '../resources/PruneDialog';

/**
 * `docker network prune` with a preview: user-defined networks no container is attached to. A network
 * only stopped containers are configured with goes too (as the engine's own prune does); the row says
 * which containers then cannot start.
 */
export const networkPrune: PruneSpec<readonly NetworkPruneCandidate[], NetworkPruneCandidate, never> = {
  noun: 'network',
  description: 'Deletes user-defined networks no container is attached to. Untick any you want to keep.',
  load: () => api.invoke('networks.prunePreview', { labels: [] }),
  items: (p) => p,
  id: (n) => n.id,
  label: (n) => n.name,
  columns: [
    { id: 'id', header: 'ID', align: 'id', cell: (n) => n.id.slice(0, 12) },
    { id: 'driver', header: 'Driver', width: 90, cell: (n) => n.driver },
    {
      id: 'created',
      header: 'Created',
      align: 'num',
      cell: (n, { now }) => {
        const t = parseEngineTime(n.created);
        return t === undefined ? '—' : formatRelativeTime(t, now);
      },
    },
  ],
  note: (n) =>
    n.configuredBy.length === 0
      ? undefined
      : `${plural(n.configuredBy.length, 'stopped container')} configured with it (${n.configuredBy.join(', ')}) will not start without it`,
  remove: (ids) => api.invoke('networks.prune', { ids }),
  nothing: () => 'every user-defined network has a container attached.',
};

export function NetworkPruneDialog({ onClose, onPruned }: { onClose: () => void; onPruned: () => void }) {
  return <PruneDialog spec={networkPrune} onClose={onClose} onPruned={onPruned} />;
}
