import type { ContainerSummary, ImageSummary, NetworkSummary, UsedBy, VolumeSummary } from './models';

/**
 * "Used by" of images, volumes and networks: which containers use each one, from a container list.
 * The engine handlers join the container list they fetched; the Images, Volumes and Networks views
 * join the live containers store they already have (and that events keep current), so their lists
 * need no container list at all and container events re-list none of them.
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

/** The same volumes with `usedBy` computed from the containers' volume mounts (by volume name). */
export function withVolumeUsage(
  volumes: readonly VolumeSummary[],
  containers: readonly Pick<ContainerSummary, 'id' | 'name' | 'state' | 'mounts'>[],
): VolumeSummary[] {
  const byVolume = new Map<string, UsedBy[]>();
  for (const c of containers) {
    for (const m of c.mounts) {
      if (m.type !== 'volume' || !m.name) continue;
      const list = byVolume.get(m.name);
      if (list) list.push(usedByOf(c));
      else byVolume.set(m.name, [usedByOf(c)]);
    }
  }
  return volumes.map((v) => ({ ...v, usedBy: byVolume.get(v.name) ?? [] }));
}

/**
 * The same networks with the attached containers and their IPv4 addresses. A container that never
 * started has no network id yet: it is attached by network name.
 */
export function withNetworkUsage(
  networks: readonly NetworkSummary[],
  containers: readonly Pick<ContainerSummary, 'id' | 'name' | 'state' | 'networks'>[],
): NetworkSummary[] {
  const byNetwork = new Map<string, NetworkSummary['containers']>();
  for (const c of containers) {
    for (const n of c.networks) {
      const key = n.networkId || `name:${n.name}`;
      const entry = { ...usedByOf(c), ipv4: n.ipAddress };
      const list = byNetwork.get(key);
      if (list) list.push(entry);
      else byNetwork.set(key, [entry]);
    }
  }
  return networks.map((n) => ({
    ...n,
    containers: [...(byNetwork.get(n.id) ?? []), ...(byNetwork.get(`name:${n.name}`) ?? [])],
  }));
}
