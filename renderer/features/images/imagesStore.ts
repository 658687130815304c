import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { ImageSummary } from '../../../shared/models';
import { api } from '../../api';
import { onEngineEvent } from '../../stores/engineEvents';
import { reportCount } from '../../stores/resourceCounts';
import { createLiveList, type LiveListState } from './liveList';
import { takePrefetchedImages } from './prefetch';

/** Images, re-listed on image events and container lifecycle events (the "in use by" column). */
export const imagesList = createLiveList<ImageSummary>({
  kind: 'image',
  load: async () => {
    const images = await (takePrefetchedImages() ?? api.invoke('images.list', {}));
    reportCount('images', images.length);
    return images;
  },
  subscribeEvents: onEngineEvent,
});

/** Live image list while the calling component is mounted. */
export function useImages(): LiveListState<ImageSummary> {
  useEffect(() => imagesList.retain(), []);
  return useStore(imagesList.store);
}
