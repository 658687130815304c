import type { ContainerSummary, ImageSummary, UsedBy } from './models';

/**
 * "Used by" of images: which containers run (or ran) each one, from a container list. The engine
 * handler joins the container list it fetched; the Images view joins the live containers store it
 * already has (and keeps current by events), so its image list needs no container list at all.
 */
export function usedByOf(c: Pick<ContainerSummary, 'id' | 'name' | 'state'>): UsedBy {
  return { id: c.id, name: c.name, state: c.state };
}

/** The same images with `usedBy` computed from `containers` (matched by image id). */
export function withImageUsage(
  images: readonly ImageSummary[],
  containers: readonly Pick<ContainerSummary, 'id' | 'name' | 'state' | 'imageId'>[],
): ImageSummary[] {
  const byImage = new Map<string, UsedBy[]>();
  for (const c of containers) {
    const list = byImage.get(c.imageId);
    if (list) list.push(usedByOf(c));
    else byImage.set(c.imageId, [usedByOf(c)]);
  }
  return images.map((img) => ({ ...img, usedBy: byImage.get(img.id) ?? [] }));
}
