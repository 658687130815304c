import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { NetworkSummary } from '../../../shared/models';
import { api } from '../../api';
import { onEngineEvent } from '../../stores/engineEvents';
import { reportCount } from '../../stores/resourceCounts';
import { createLiveList, type LiveListState } from '../images/liveList';

/** Networks, re-listed on network events (connect/disconnect too) and container lifecycle events. */
export const networksList = createLiveList<NetworkSummary>({
  kind: 'network',
  load: async () => {
    const networks = await api.invoke('networks.list', {});
    reportCount('networks', networks.length);
    return networks;
  },
  subscribeEvents: onEngineEvent,
});

/** Live network list while the calling component is mounted. */
export function useNetworks(): LiveListState<NetworkSummary> {
  useEffect(() => networksList.retain(), []);
  return useStore(networksList.store);
}
