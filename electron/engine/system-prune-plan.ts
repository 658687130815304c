import type { PruneItem, SystemPruneKinds } from '../../shared/contracts/system';
import { isActiveContainer, type RawDfBuildCache, type RawDfContainer, type RawDfVolume } from './disk-usage';
import { isAnonymousVolume } from './mappers';
import { isBuiltInNetwork } from './networks';
import { planPrune, type PlanImage } from './prune-plan';

/**
 * What a system prune of the chosen kinds removes, with what each object frees. Pure: fed with the
 * engine's `/system/df` (containers with SizeRw, volumes with UsageData, build cache), its networks,
 * the containers' network attachments and the image plan input (see prune-plan.ts).
 *
 * Like `docker system prune`: containers go first, so an image only stopped containers in this prune
 * use, or a network only they are connected to, is listed too.
 */

export interface PlanNetwork {
  id: string;
  name: string;
  scope?: string;
  /** Swarm's routing-mesh network; never pruned. */
  ingress?: boolean;
}

export interface SystemPlanInput {
  containers: readonly RawDfContainer[];
  /** Ids and names of the networks each container is attached to (any state). */
  containerNetworks: ReadonlyMap<string, readonly string[]>;
  networks: readonly PlanNetwork[];
  images: readonly PlanImage[];
  volumes: readonly RawDfVolume[];
  buildCache: readonly RawDfBuildCache[];
}

export interface SystemPlan {
  items: PruneItem[];
  reclaim: number;
}

const nameOf = (c: RawDfContainer): string => (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

export function planSystemPrune(kinds: SystemPruneKinds, input: SystemPlanInput): SystemPlan {
  const items: PruneItem[] = [];
  let reclaim = 0;
  const add = (item: PruneItem): void => {
    items.push(item);
    reclaim += item.reclaim;
  };

  const goingContainers = new Set<string>();
  if (kinds.containers) {
    for (const c of input.containers) {
      if (isActiveContainer(c.State)) continue;
      goingContainers.add(c.Id);
      add({ kind: 'container', id: c.Id, label: nameOf(c), reclaim: Math.max(0, c.SizeRw ?? 0), sizeUnknown: false });
    }
  }
  const staying = input.containers.filter((c) => !goingContainers.has(c.Id));

  if (kinds.networks) {
    const attached = new Set(staying.flatMap((c) => input.containerNetworks.get(c.Id) ?? []));
    for (const n of input.networks) {
      if (isBuiltInNetwork({ Name: n.name, Ingress: n.ingress === true }) || (n.scope && n.scope !== 'local')) continue;
      if (attached.has(n.id) || attached.has(n.name)) continue;
      add({ kind: 'network', id: n.id, label: n.name, reclaim: 0, sizeUnknown: false });
    }
  }

  if (kinds.images !== 'none') {
    const used = new Set(staying.map((c) => c.ImageID ?? '').filter(Boolean));
    const plan = planPrune(input.images, used, kinds.images === 'all');
    for (const c of plan.candidates) {
      add({
        kind: 'image',
        id: c.id,
        label: c.repoTags.length > 0 ? c.repoTags.join(', ') : shortId(c.id),
        reclaim: c.reclaim,
        sizeUnknown: false,
      });
    }
    // Untagged parents go with the last listed image built on them; every candidate is listed.
    for (const s of plan.shared) reclaim += s.reclaim;
  }

  if (kinds.volumes !== 'none') {
    for (const v of input.volumes) {
      if ((v.UsageData?.RefCount ?? 0) > 0) continue;
      if (kinds.volumes === 'anonymous' && !isAnonymousVolume(v)) continue;
      const size = v.UsageData?.Size;
      const unknown = size === undefined || size < 0;
      add({ kind: 'volume', id: v.Name, label: v.Name, reclaim: unknown ? 0 : size, sizeUnknown: unknown });
    }
  }

  if (kinds.buildCache) {
    for (const r of input.buildCache) {
      if (r.InUse) continue;
      add({
        kind: 'buildCache',
        id: r.ID,
        label: [r.Type, r.Description].filter(Boolean).join(': ') || r.ID,
        reclaim: r.Shared ? 0 : Math.max(0, r.Size ?? 0),
        sizeUnknown: false,
      });
    }
  }
  return { items, reclaim };
}

/** Bytes freed by removing `removed` images of a plan: their own reclaim plus untagged parents whose dependents all went. */
export function imagesReclaimed(
  plan: ReturnType<typeof planPrune>,
  removed: ReadonlySet<string>,
): { perImage: Map<string, number>; shared: number } {
  const perImage = new Map(plan.candidates.map((c) => [c.id, c.reclaim]));
  let shared = 0;
  for (const s of plan.shared) if (s.requires.every((id) => removed.has(id))) shared += s.reclaim;
  return { perImage, shared };
}
