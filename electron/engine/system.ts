import type Dockerode from 'dockerode';
import type {
  DiskUsage,
  PruneKind,
  SystemInfo,
  SystemPruneFrame,
  SystemPruneKinds,
  SystemPrunePreview,
  SystemPruneSelection,
} from '../../shared/contracts/system';
import { containerOf, networkOf, volumeOf } from './api-path';
import { isActiveContainer, mapDiskUsage, type RawDf } from './disk-usage';
import { toBerthError } from '../errors/engine-errors';
import { imagesForPlan, removeUnusedImages } from './image-prune';
import { planPrune } from './prune-plan';
import { mapSystemInfo, type RawInfo, type RawVersion } from './system-info';
import { imagesReclaimed, planSystemPrune, type PlanNetwork } from './system-prune-plan';

/** Engine calls behind the System page: info, disk use, and a system prune that removes only what was confirmed. */

/** How many images, volumes and networks there are: only the three lists, no container list. */
export async function engineCounts(docker: Dockerode): Promise<{ images: number; volumes: number; networks: number }> {
  const [images, volumes, networks] = await Promise.all([
    docker.listImages({ all: false }),
    docker.listVolumes(),
    docker.listNetworks(),
  ]);
  return { images: images.length, volumes: volumes.Volumes?.length ?? 0, networks: networks.length };
}

export async function systemInfo(docker: Dockerode): Promise<SystemInfo> {
  const [info, version] = await Promise.all([
    docker.info() as Promise<RawInfo>,
    docker.version() as Promise<RawVersion>,
  ]);
  return mapSystemInfo(info, version);
}

/** `/system/df`: the engine walks every layer and volume, so this is only ever asked for on demand. */
async function rawDf(docker: Dockerode): Promise<RawDf> {
  return (await docker.df()) as RawDf;
}

export async function diskUsage(docker: Dockerode): Promise<DiskUsage> {
  return mapDiskUsage(await rawDf(docker));
}

/**
 * Names and ids of the networks a container is connected to. A container that never ran has no
 * endpoint yet (NetworkID is empty on older engines), so its network is known by name only.
 */
function attachedNetworks(c: Dockerode.ContainerInfo): string[] {
  return Object.entries(c.NetworkSettings?.Networks ?? {}).flatMap(([name, n]) => [name, n.NetworkID].filter(Boolean));
}

async function networksForPlan(
  docker: Dockerode,
): Promise<{ networks: PlanNetwork[]; containerNetworks: Map<string, string[]> }> {
  const [networks, containers] = await Promise.all([
    docker.listNetworks(),
    docker.listContainers({ all: true, size: false }),
  ]);
  const containerNetworks = new Map(containers.map((c) => [c.Id, attachedNetworks(c)]));
  return {
    networks: networks.map((n) => ({ id: n.Id, name: n.Name, scope: n.Scope, ingress: n.Ingress })),
    containerNetworks,
  };
}

export async function systemPrunePreview(docker: Dockerode, kinds: SystemPruneKinds): Promise<SystemPrunePreview> {
  const needDf = kinds.containers || kinds.volumes !== 'none' || kinds.buildCache || kinds.images !== 'none';
  const [df, nets, imgs] = await Promise.all([
    needDf ? rawDf(docker) : Promise.resolve<RawDf>({}),
    kinds.networks ? networksForPlan(docker) : Promise.resolve(undefined),
    kinds.images !== 'none' ? imagesForPlan(docker) : Promise.resolve(undefined),
  ]);
  const plan = planSystemPrune(kinds, {
    containers: df.Containers ?? [],
    containerNetworks: nets?.containerNetworks ?? new Map(),
    networks: nets?.networks ?? [],
    images: imgs?.images ?? [],
    volumes: df.Volumes ?? [],
    buildCache: df.BuildCache ?? [],
  });
  return { kinds, items: plan.items, reclaim: plan.reclaim };
}

type Emit = (frame: SystemPruneFrame) => void;

/**
 * Removes exactly the selected objects, never with force, in `docker system prune`'s order
 * (containers, networks, images, volumes, build cache). Each object is checked again first and the
 * engine refuses the rest: a container running since the preview, a network a container joined, an
 * image a container or child image uses, a volume a container mounts, a build-cache record in use
 * all stay and are reported as skipped. Sizes are measured when the prune starts.
 */
export async function systemPrune(
  docker: Dockerode,
  selection: SystemPruneSelection,
  emit: Emit,
  signal: AbortSignal,
): Promise<void> {
  // Each object once, so every one gets exactly one frame and `index` reaches `total`.
  const sel = {
    containers: [...new Set(selection.containers)],
    networks: [...new Set(selection.networks)],
    images: [...new Set(selection.images)],
    volumes: [...new Set(selection.volumes)],
    buildCache: [...new Set(selection.buildCache)],
  };
  const total = Object.values(sel).reduce((n, ids) => n + ids.length, 0);
  const df =
    sel.containers.length + sel.volumes.length + sel.buildCache.length > 0 ? await rawDf(docker) : ({} as RawDf);
  const sizeRw = new Map((df.Containers ?? []).map((c) => [c.Id, Math.max(0, c.SizeRw ?? 0)]));
  const volumeSize = new Map((df.Volumes ?? []).map((v) => [v.Name, Math.max(0, v.UsageData?.Size ?? 0)]));
  const cacheSize = new Map((df.BuildCache ?? []).map((r) => [r.ID, r.Shared ? 0 : Math.max(0, r.Size ?? 0)]));

  let index = 0;
  let removed = 0;
  let skipped = 0;
  let reclaimed = 0;
  const ok = (kind: PruneKind, id: string, bytes: number): void => {
    removed++;
    reclaimed += bytes;
    emit({ type: 'removed', kind, id, reclaim: bytes, index: index++, total });
  };
  const skip = (kind: PruneKind, id: string, code: string, message: string): void => {
    skipped++;
    emit({ type: 'skipped', kind, id, code, message, index: index++, total });
  };
  const attempt = async (kind: PruneKind, id: string, bytes: number, fn: () => Promise<unknown>): Promise<void> => {
    try {
      await fn();
      ok(kind, id, bytes);
    } catch (e) {
      const err = toBerthError(e);
      skip(kind, id, err.code, err.message);
    }
  };

  for (const id of sel.containers) {
    if (signal.aborted) return;
    await attempt('container', id, sizeRw.get(id) ?? 0, async () => {
      const c = containerOf(docker, id);
      const state = (await c.inspect()).State;
      if (state.Running || state.Paused || state.Restarting || isActiveContainer(state.Status)) {
        throw Object.assign(new Error(`Container is ${state.Status} now; it stays`), { statusCode: 409 });
      }
      // No force: the engine itself refuses a container that started after the check above.
      await c.remove({ force: false, v: false });
    });
  }

  if (sel.networks.length > 0) {
    for (const id of sel.networks) {
      if (signal.aborted) return;
      await attempt('network', id, 0, async () => {
        const network = networkOf(docker, id);
        const { Id, Name } = (await network.inspect()) as { Id: string; Name: string };
        // Every container, by the network's id or name (a created container's endpoint has no id yet).
        const containers = await docker.listContainers({ all: true, size: false });
        const user = containers.find((c) => attachedNetworks(c).some((n) => n === Id || n === Name));
        if (user) {
          const name = (user.Names?.[0] ?? user.Id).replace(/^\//, '');
          throw Object.assign(new Error(`Now used by container ${name}; it stays`), { statusCode: 409 });
        }
        await network.remove();
      });
    }
  }

  if (sel.images.length > 0 && !signal.aborted) {
    // Figures from the planner as things stand now (containers above are gone).
    const { images, used } = await imagesForPlan(docker);
    const plan = planPrune(images, used, true);
    const outcomes = await removeUnusedImages(
      docker,
      sel.images,
      (r) => {
        if (r.ok) ok('image', r.id, plan.candidates.find((c) => c.id === r.id)?.reclaim ?? 0);
        else skip('image', r.id, r.code, r.message);
      },
      signal,
    );
    const gone = new Set(outcomes.filter((r) => r.ok).map((r) => r.id));
    reclaimed += imagesReclaimed(plan, gone).shared;
  }

  for (const name of sel.volumes) {
    if (signal.aborted) return;
    // No force: the engine refuses a volume any container (running or not) mounts.
    await attempt('volume', name, volumeSize.get(name) ?? 0, () => volumeOf(docker, name).remove({ force: false }));
  }

  for (const id of sel.buildCache) {
    if (signal.aborted) return;
    try {
      // The engine's `id` filter matches one record; `all` so any type of record may go. In-use ones stay.
      const res = (await docker.pruneBuilder({ all: true, filters: JSON.stringify({ id: [id] }) } as object)) as {
        CachesDeleted?: string[] | null;
        SpaceReclaimed?: number;
      };
      const deleted = (res.CachesDeleted ?? []).includes(id);
      if (deleted) ok('buildCache', id, cacheSize.get(id) ?? res.SpaceReclaimed ?? 0);
      else skip('buildCache', id, 'CONFLICT', 'The engine kept this build cache record (in use or already gone)');
    } catch (e) {
      const err = toBerthError(e);
      skip('buildCache', id, err.code, err.message);
    }
  }

  if (!signal.aborted) emit({ type: 'done', removed, skipped, reclaimed });
}
