import type { NetworkSummary } from '../../../shared/models';
import { api } from '../../api';
import { onEngineEvent } from '../../stores/engineEvents';
import { reportCount } from '../../stores/resourceCounts';
import { createLiveList, type LiveListState } from '../resources/liveList';
import { useLiveList } from '../resources/useLiveList';

/**
 * Networks, re-listed on network events other than connect/disconnect. Without the attached
 * containers: the Networks view joins the live containers store for those (shared/usage.ts; the store
 * re-fetches a container on its connect/disconnect), so container events re-list nothing.
 */
export const networksList = createLiveList<NetworkSummary>({
  kind: 'network',
  load: async () => {
    const networks = await api.invoke('networks.list', { usage: false });
    reportCount('networks', networks.length);
    return networks;
  },
  subscribeEvents: onEngineEvent,
});

/** Live list while the calling component is mounted. */
export const useNetworks = (): LiveListState<NetworkSummary> => useLiveList(networksList);
