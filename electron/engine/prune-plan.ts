/**
 * Which images a prune deletes and how much space each frees. Pure: fed with the engine's image
 * list (ids, parents, tags, sizes, layer diff ids from inspect) and the ids containers use.
 *
 * Like the engine's own prune: an image is a candidate when no container uses it and no other image
 * has it as parent; `dangling` mode also requires it to be untagged. Space: the engine's list gives
 * each image's full size (shared layers counted in every image), so an image frees its size minus the
 * size of the image it is built on (the longest layer prefix it shares with another image), and
 * nothing when an image that stays builds on all of its layers.
 *
 * An untagged parent of other images ("intermediate") is deleted by the engine with the last of its
 * children; its own layers are one `shared` amount, freed only when every image built on it goes (it
 * is never a candidate itself, and is counted once however many candidates build on it).
 */

export interface PlanImage {
  id: string;
  parentId: string;
  repoTags: string[];
  created: number;
  size: number;
  /** RootFS.Layers (diff ids), bottom first. */
  layers: string[];
}

export interface SharedReclaim {
  /** The intermediate image whose own layers these are. */
  id: string;
  reclaim: number;
  /** Candidates that all have to go for these bytes to be freed. */
  requires: string[];
}

export interface PrunePlan {
  candidates: PlannedCandidate[];
  shared: SharedReclaim[];
}

export interface PlannedCandidate {
  id: string;
  repoTags: string[];
  created: number;
  size: number;
  reclaim: number;
  dependents: string[];
}

/** Tags without the engine's "<none>:<none>" placeholder. */
export function realTags(tags: readonly string[] | null | undefined): string[] {
  return (tags ?? []).filter((t) => t !== '<none>:<none>' && t !== '<none>@<none>');
}

export function planPrune(images: readonly PlanImage[], usedIds: ReadonlySet<string>, all: boolean): PrunePlan {
  const hasChildren = new Set(images.map((i) => i.parentId).filter(Boolean));
  // Untagged parents of other images: the engine deletes them with their last child, so they never
  // count as an image that stays.
  const intermediate = (i: PlanImage): boolean => realTags(i.repoTags).length === 0 && hasChildren.has(i.id);
  const isCandidate = (i: PlanImage): boolean =>
    !usedIds.has(i.id) && !hasChildren.has(i.id) && (all || realTags(i.repoTags).length === 0);

  // Layer chains as interned keys: prefix k of an image is the key of its first k+1 layers.
  const intern = new Map<string, number>();
  const prefixKeys = new Map<string, string[]>();
  for (const img of images) {
    const keys: string[] = [];
    let key = '';
    for (const layer of img.layers) {
      let n = intern.get(layer);
      if (n === undefined) {
        n = intern.size;
        intern.set(layer, n);
      }
      key = key ? `${key},${n}` : String(n);
      keys.push(key);
    }
    prefixKeys.set(img.id, keys);
  }
  const byFullChain = new Map<string, PlanImage[]>();
  const byPrefix = new Map<string, PlanImage[]>();
  for (const img of images) {
    const keys = prefixKeys.get(img.id) ?? [];
    const full = keys[keys.length - 1];
    if (full !== undefined) push(byFullChain, full, img);
    for (const k of keys) push(byPrefix, k, img);
  }

  const candidates = images.filter(isCandidate);
  const candidateIds = new Set(candidates.map((c) => c.id));
  // Of two images with the same layers, which one counts as built on the other (deterministic).
  const isBaseOfEqual = (b: PlanImage, c: PlanImage): boolean => !candidateIds.has(b.id) || b.id < c.id;

  /** The image `img` is built on: the biggest one holding the longest proper prefix of its layers. */
  const baseOf = (img: PlanImage): PlanImage | undefined => {
    const keys = prefixKeys.get(img.id) ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const same = (byFullChain.get(keys[k]!) ?? []).filter(
        (b) => b.id !== img.id && (k < keys.length - 1 || isBaseOfEqual(b, img)),
      );
      const base = same.sort((a, b) => b.size - a.size)[0];
      if (base) return base;
    }
    return undefined;
  };
  /** Images other than `img` and intermediates whose layers extend all of `img`'s. */
  const builtOn = (img: PlanImage): PlanImage[] => {
    const keys = prefixKeys.get(img.id) ?? [];
    const full = keys[keys.length - 1];
    if (full === undefined) return [];
    return (byPrefix.get(full) ?? []).filter((x) => {
      if (x.id === img.id || intermediate(x)) return false;
      const xKeys = prefixKeys.get(x.id) ?? [];
      return !(xKeys.length === keys.length && isBaseOfEqual(x, img)); // x is img's base, not built on it
    });
  };

  const planned = candidates.map((c): PlannedCandidate => {
    let reclaim = Math.max(0, c.size - (baseOf(c)?.size ?? 0));
    const dependents: string[] = [];
    for (const x of builtOn(c)) {
      if (candidateIds.has(x.id)) dependents.push(x.id);
      else reclaim = 0; // an image that stays keeps every layer of this one
    }
    return { id: c.id, repoTags: realTags(c.repoTags), created: c.created, size: c.size, reclaim, dependents };
  });

  // Intermediates go when everything built on them goes; one that a kept image builds on stays.
  const shared: SharedReclaim[] = [];
  for (const p of images) {
    if (!intermediate(p) || usedIds.has(p.id)) continue;
    const above = builtOn(p);
    if (above.length === 0 || above.some((x) => !candidateIds.has(x.id))) continue;
    const reclaim = Math.max(0, p.size - (baseOf(p)?.size ?? 0));
    if (reclaim > 0) shared.push({ id: p.id, reclaim, requires: above.map((x) => x.id) });
  }
  return { candidates: planned, shared };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
