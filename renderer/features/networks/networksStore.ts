import type { NetworkSummary } from '../../../shared/models';
import { api } from '../../api';
import { engineList } from '../resources/engineList';
import type { LiveListState } from '../resources/liveList';
import { useLiveList } from '../resources/useLiveList';

/**
 * Networks, re-listed on network events other than connect/disconnect. Without the attached
 * containers: the store of containers re-fetches a container on its connect/disconnect.
 */
export const networksList = engineList<NetworkSummary>('network', 'networks', () =>
  api.invoke('networks.list', { usage: false }),
);

/** Live list while the calling component is mounted. */
export const useNetworks = (): LiveListState<NetworkSummary> => useLiveList(networksList);
