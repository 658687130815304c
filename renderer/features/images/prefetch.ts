import type { ImageSummary } from '../../../shared/models';
import { api } from '../../api';
import { onEngineEvent } from '../../stores/engineEvents';

/**
 * When the app opens on #/images, main.tsx requests the image list right away, before the view's code
 * has loaded, and the Images store takes that reply for its first load. It is dropped (the store lists
 * again) when an image or container event, or a reconnect, came in meanwhile, or when it is not taken soon.
 */
let pending: { promise: Promise<ImageSummary[]>; at: number; stale: boolean; off: () => void } | undefined;

const MAX_AGE_MS = 5000;

export function prefetchImagesList(): void {
  if (pending) return;
  const entry = {
    promise: api.invoke('images.list', {}),
    at: Date.now(),
    stale: false,
    off: () => undefined as void,
  };
  entry.promise.catch(() => undefined); // the store's own load reports errors
  // The events subscription was opened before this request: a "subscribed" resync does not make it stale.
  entry.off = onEngineEvent((ev) => {
    if (
      ev.type === 'image' ||
      ev.type === 'container' ||
      (ev.type === 'berth' && ev.attributes.reason !== 'subscribed')
    ) {
      entry.stale = true;
    }
  });
  pending = entry;
}

/** The prefetched list, once, while still current; otherwise undefined (list again). */
export function takePrefetchedImages(): Promise<ImageSummary[]> | undefined {
  const p = pending;
  pending = undefined;
  if (!p) return undefined;
  p.off();
  return p.stale || Date.now() - p.at > MAX_AGE_MS ? undefined : p.promise;
}
