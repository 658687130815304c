import type { VolumeSummary } from '../../../shared/models';
import { api } from '../../api';
import { onEngineEvent } from '../../stores/engineEvents';
import { reportCount } from '../../stores/resourceCounts';
import { createLiveList, type LiveListState } from '../resources/liveList';
import { useLiveList } from '../resources/useLiveList';

/**
 * Volumes, re-listed on volume events (not mount/unmount). Without "used by": the Volumes view joins
 * the live containers store for that (shared/usage.ts), so container events re-list nothing.
 */
export const volumesList = createLiveList<VolumeSummary>({
  kind: 'volume',
  load: async () => {
    const volumes = await api.invoke('volumes.list', { usage: false });
    reportCount('volumes', volumes.length);
    return volumes;
  },
  subscribeEvents: onEngineEvent,
});

/** Live list while the calling component is mounted. */
export const useVolumes = (): LiveListState<VolumeSummary> => useLiveList(volumesList);
