import type { VolumeSummary } from '../../../shared/models';
import { api } from '../../api';
import { engineList } from '../resources/engineList';
import type { LiveListState } from '../resources/liveList';
import { useLiveList } from '../resources/useLiveList';

/** Volumes, re-listed on volume events (not mount/unmount). */
export const volumesList = engineList<VolumeSummary>('volume', 'volumes', () =>
  api.invoke('volumes.list', { usage: false }),
);

/** Live list while the calling component is mounted. */
export const useVolumes = (): LiveListState<VolumeSummary> => useLiveList(volumesList);
