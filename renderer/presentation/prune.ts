/** Pure helpers for the prune preview dialog. */

export interface ReclaimItem {
  id: string;
  reclaim: number;
  dependents: readonly string[];
}

export interface SharedItem {
  reclaim: number;
  requires: readonly string[];
}

/**
 * Space freed by deleting `selected`: an image's own layers go only when everything built on them goes
 * too, and a shared parent's layers (see SharedReclaim) once, when every image it requires goes.
 */
export function reclaimOf(
  candidates: readonly ReclaimItem[],
  selected: ReadonlySet<string>,
  shared: readonly SharedItem[] = [],
): number {
  let total = 0;
  for (const c of candidates) {
    if (selected.has(c.id) && c.dependents.every((d) => selected.has(d))) total += c.reclaim;
  }
  for (const s of shared) if (s.requires.every((id) => selected.has(id))) total += s.reclaim;
  return total;
}

/** An image's own share of the space: its layers, plus a parent that goes with it alone. */
export function ownReclaim(c: ReclaimItem, shared: readonly SharedItem[] = []): number {
  let total = c.reclaim;
  for (const s of shared) if (s.requires.length === 1 && s.requires[0] === c.id) total += s.reclaim;
  return total;
}

/** How a prune candidate is named in the list: its tags, or "<none>" and the short id. */
export function candidateLabel(c: { id: string; repoTags: readonly string[] }): string {
  const short = c.id.replace(/^sha256:/, '').slice(0, 12);
  return c.repoTags.length > 0 ? c.repoTags.join(', ') : `<none> ${short}`;
}

/** Bytes moved of an (optionally estimated) total as a 0..1 fraction; undefined when nothing is known. */
export function progressFraction(bytes: number, total: number | undefined, done: boolean): number | undefined {
  if (done) return 1;
  if (!total || total <= 0) return undefined;
  // An estimate can be exceeded: hold just short of full until the engine says it is done.
  return Math.min(bytes / total, 0.99);
}
