import type { ImageSummary } from '../../../shared/models';
import type { LiveListState } from '../resources/liveList';
import { useLiveList } from '../resources/useLiveList';
import { imagesList } from './imagesList';

export { imagesList };

/** Live list while the calling component is mounted. */
export const useImages = (): LiveListState<ImageSummary> => useLiveList(imagesList);
