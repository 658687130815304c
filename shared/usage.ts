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
  const byImage = group(containers.map((c) => [c.imageId, usedByOf(c)] as const));
  return images.map((img) => ({ ...img, usedBy: byImage.get(img.id) ?? [] }));
}

/** The same volumes with `usedBy` computed from the containers' volume mounts (by volume name). */
export function withVolumeUsage(
  volumes: readonly VolumeSummary[],
  containers: readonly Pick<ContainerSummary, 'id' | 'name' | 'state' | 'mounts'>[],
): VolumeSummary[] {
  const byVolume = group(
    containers.flatMap((c) =>
      c.mounts.flatMap((m) => (m.type === 'volume' && m.name ? [[m.name, usedByOf(c)] as const] : [])),
    ),
  );
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
  const byNetwork = group(
    containers.flatMap((c) =>
      c.networks.map((n) => [n.networkId || `name:${n.name}`, { ...usedByOf(c), ipv4: n.ipAddress }] as const),
    ),
  );
  return networks.map((n) => ({
    ...n,
    containers: [...(byNetwork.get(n.id) ?? []), ...(byNetwork.get(`name:${n.name}`) ?? [])],
  }));
}

/** Values grouped by key, in order. */
function group<V>(pairs: Iterable<readonly [string, V]>): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const [key, value] of pairs) {
    const list = out.get(key);
    if (list) list.push(value);
    else out.set(key, [value]);
  }
  return out;
}
