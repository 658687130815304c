import type Dockerode from 'dockerode';
import { toBerthError } from '../errors/engine-errors';
import { imageOf } from './api-path';
import { realTags, type PlanImage } from './prune-plan';

/** Runs `fn` over `items` with at most `limit` in flight. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}

/** The engine's images (with their layers from inspect) and the image ids containers use: prune-plan.ts's input. */
export async function imagesForPlan(docker: Dockerode): Promise<{ images: PlanImage[]; used: Set<string> }> {
  const [list, containers] = await Promise.all([
    docker.listImages({ all: true }),
    docker.listContainers({ all: true, size: false }),
  ]);
  const used = new Set(containers.map((c) => c.ImageID));
  const images = await mapLimit(list, 8, async (i): Promise<PlanImage | undefined> => {
    try {
      const info = await imageOf(docker, i.Id).inspect();
      return {
        id: i.Id,
        parentId: i.ParentId ?? '',
        repoTags: realTags(i.RepoTags),
        created: i.Created,
        size: i.Size,
        layers: info.RootFS?.Layers ?? [],
      };
    } catch (e) {
      if (toBerthError(e).code === 'NOT_FOUND') return undefined; // deleted while we looked
      throw e;
    }
  });
  return { images: images.filter((i): i is PlanImage => i !== undefined), used };
}

export type ImageRemoval =
  | { id: string; ok: true; deleted: string[]; untagged: string[] }
  | { id: string; ok: false; code: string; message: string };

/**
 * Deletes exactly these images (no force), each after a fresh check against the engine: one a
 * container or a child image started using since the preview is kept (its tags too), not
 * half-removed. Each tag is removed, then the image; untagged parents go with their last child.
 * `onEach` hears every image's outcome as it happens.
 */
export async function removeUnusedImages(
  docker: Dockerode,
  ids: readonly string[],
  onEach: (r: ImageRemoval) => void = () => undefined,
  signal?: AbortSignal,
): Promise<ImageRemoval[]> {
  const [list, containers] = await Promise.all([
    docker.listImages({ all: true }),
    docker.listContainers({ all: true, size: false }),
  ]);
  const byId = new Map(list.map((i) => [i.Id, i]));
  const usedBy = new Map<string, string>();
  for (const c of containers) usedBy.set(c.ImageID, (c.Names?.[0] ?? c.Id).replace(/^\//, ''));
  const parents = new Set(list.map((i) => i.ParentId).filter(Boolean));
  const out: ImageRemoval[] = [];
  const report = (r: ImageRemoval): void => {
    out.push(r);
    onEach(r);
  };
  for (const id of [...new Set(ids)]) {
    if (signal?.aborted) break;
    const img = byId.get(id) ?? [...byId.values()].find((i) => i.Id.replace(/^sha256:/, '').startsWith(id));
    if (!img) {
      report({ id, ok: false, code: 'NOT_FOUND', message: 'The image is already gone' });
      continue;
    }
    const user = usedBy.get(img.Id);
    if (user) {
      report({ id, ok: false, code: 'CONFLICT', message: `Now in use by container ${user}` });
      continue;
    }
    if (parents.has(img.Id)) {
      report({ id, ok: false, code: 'CONFLICT', message: 'Another image is now built on it' });
      continue;
    }
    const deleted: string[] = [];
    const untagged: string[] = [];
    try {
      const refs = realTags(img.RepoTags);
      for (const target of refs.length > 0 ? refs : [img.Id]) {
        const res = (await imageOf(docker, target).remove({ force: false })) as Array<{
          Untagged?: string;
          Deleted?: string;
        }>;
        for (const r of res) {
          if (r.Untagged) untagged.push(r.Untagged);
          if (r.Deleted) deleted.push(r.Deleted);
        }
      }
      report({ id, ok: true, deleted, untagged });
    } catch (e) {
      const err = toBerthError(e);
      report({ id, ok: false, code: err.code, message: err.message });
    }
  }
  return out;
}
