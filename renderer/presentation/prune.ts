/** Pure helpers for the prune preview dialog. */

export interface ReclaimItem {
  id: string;
  reclaim: number;
  dependents: readonly string[];
}

/** Space freed by deleting `selected`: an image's own layers go only when everything built on them goes too. */
export function reclaimOf(candidates: readonly ReclaimItem[], selected: ReadonlySet<string>): number {
  let total = 0;
  for (const c of candidates) {
    if (selected.has(c.id) && c.dependents.every((d) => selected.has(d))) total += c.reclaim;
  }
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
