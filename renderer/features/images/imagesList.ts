import type { ImageSummary } from '../../../shared/models';
import { api } from '../../api';
import { addRouteGate, parseRoute } from '../../lib/router';
import { engineList } from '../resources/engineList';

/**
 * The image list, re-listed on image events (and `docker commit`, which creates an image with only a
 * container event). Without "used by": the Images view joins the live containers store for that
 * (shared/usage.ts), so container events need no image re-list and the engine no container list.
 * No React here: main.tsx preloads it when the app opens on #/images.
 */
export const imagesList = engineList<ImageSummary>('image', 'images', () =>
  api.invoke('images.list', { usage: false }),
);

/**
 * A navigation to #/images loads the list at once, and holds the switch until it is in (router.ts):
 * the view then renders once, with current rows, instead of last visit's rows and then the new ones.
 */
export function startImagesPreload(): void {
  addRouteGate((hash) => (parseRoute(hash).name === 'images' ? imagesList.preload() : undefined));
  if (parseRoute(window.location.hash).name === 'images') void imagesList.preload();
}
