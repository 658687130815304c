import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { ImageSummary } from '../../../shared/models';
import type { LiveListState } from '../resources/liveList';
import { imagesList } from './imagesList';

export { imagesList };

/** Live image list while the calling component is mounted. */
export function useImages(): LiveListState<ImageSummary> {
  useEffect(() => imagesList.retain(), []);
  return useStore(imagesList.store);
}
