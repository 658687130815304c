import type { ContainerSummary, MountSummary, UsedBy } from '../../shared/models';

/** Sharing both ways: who mounts a volume where, and which of a container's mounts came from `--volumes-from`. */

type MountingContainer = Pick<ContainerSummary, 'id' | 'name' | 'state' | 'mounts'>;

export interface VolumeMountUse extends UsedBy {
  destination: string;
  readOnly: boolean;
}

/** Every mount of the volume by every container (one row per mount), by container name then path. */
export function volumeMountUses(volume: string, containers: readonly MountingContainer[]): VolumeMountUse[] {
  return containers
    .flatMap((c) =>
      c.mounts
        .filter((m) => m.type === 'volume' && m.name === volume)
        .map((m) => ({ id: c.id, name: c.name, state: c.state, destination: m.destination, readOnly: m.readOnly })),
    )
    .sort((a, b) => (a.name === b.name ? cmp(a.destination, b.destination) : cmp(a.name, b.name)));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A container by the name or id `--volumes-from` named it with. */
export function findContainer<C extends Pick<ContainerSummary, 'id' | 'name'>>(
  ref: string,
  containers: readonly C[],
): C | undefined {
  return (
    containers.find((c) => c.name === ref) ??
    (ref.length >= 4 ? containers.find((c) => c.id.startsWith(ref)) : undefined)
  );
}

/** What identifies a mount's data: the volume's name, else the host path. */
const dataOf = (m: MountSummary): string => (m.type === 'volume' && m.name ? `v:${m.name}` : `p:${m.source}`);

/**
 * Destination → the `--volumes-from` source it came from: the source container mounts the same data
 * at the same path. The first source wins, as the engine applies them in order.
 */
export function mountOrigins(
  mounts: readonly MountSummary[],
  volumesFrom: ReadonlyArray<{ container: string }>,
  containers: readonly MountingContainer[],
): Map<string, string> {
  const out = new Map<string, string>();
  for (const { container } of volumesFrom) {
    const source = findContainer(container, containers);
    if (!source) continue;
    for (const m of mounts) {
      if (out.has(m.destination)) continue;
      if (source.mounts.some((s) => s.destination === m.destination && dataOf(s) === dataOf(m)))
        out.set(m.destination, container);
    }
  }
  return out;
}

/** How `--volumes-from`'s mode reads: `ro`, `rw`, or the source's own modes. */
export function volumesFromMode(mode: string): string {
  return mode === 'ro' ? 'read-only' : mode === 'rw' ? 'read-write' : 'as the source';
}
