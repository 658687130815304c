import type { ContainerState, ImageSummary, NetworkSummary, UsedBy, VolumeSummary } from '../../shared/models';
import { parseEngineTime, shortId as formatShortId } from './format';

/**
 * Pure display logic for the Images, Volumes and Networks views: list rows, removal plans and the
 * rule for which engine events make a list stale. No React, no I/O — unit tested.
 */

// ---------------------------------------------------------------------------------------------
// Shared bits

/** Containers, running ones first, then by name: the order people scan a "used by" cell in. */
export function sortUsedBy<T extends UsedBy>(list: readonly T[]): T[] {
  const rank = (s: ContainerState): number => (s === 'running' ? 0 : s === 'paused' || s === 'restarting' ? 1 : 2);
  // Code-point order for names: localeCompare over thousands of users of one image is slow (and
  // initializes ICU on a page's first call), for no gain on container names.
  return [...list].sort((a, b) => rank(a.state) - rank(b.state) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * "web-1 (running), db (exited)" — for titles and dialogs. Past `max` entries the rest is counted
 * ("… and 998 more"): a busy image can be used by thousands of containers.
 */
export function describeUsedBy<T extends UsedBy>(
  list: readonly T[],
  max = 5,
  detail?: (c: T) => string | undefined,
): string {
  const sorted = sortUsedBy(list);
  const shown = sorted
    .slice(0, max)
    .map((c) => {
      const d = detail?.(c);
      return `${c.name}${d ? ` ${d}` : ''} (${c.state})`;
    })
    .join(', ');
  const more = sorted.length - Math.min(max, sorted.length);
  return more > 0 ? `${shown} and ${more} more` : shown;
}

// ---------------------------------------------------------------------------------------------
// Images

export const NONE = '<none>';

/** Splits `registry:5000/team/app:1.2` at the tag colon (the last colon after the last slash). */
export function splitRepoTag(ref: string): { repository: string; tag: string } {
  const at = ref.indexOf('@');
  if (at >= 0) return { repository: ref.slice(0, at), tag: NONE };
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { repository: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repository: ref, tag: 'latest' };
}

export interface ImageRow {
  /** Unique and stable per row: the reference for tag rows, the image id for dangling rows. */
  key: string;
  imageId: string;
  shortId: string;
  repository: string;
  tag: string;
  /** `repo:tag` for tag rows; undefined for a dangling image. */
  ref: string | undefined;
  dangling: boolean;
  /** Every tag of the image (this row's one included). */
  allTags: string[];
  size: number;
  /** Unix seconds, as the list API gives it. */
  created: number;
  usedBy: UsedBy[];
  /** Lower-cased text of this row the filter box matches against (see imageRowMatches). */
  search: string;
  /** Lower-cased names of the containers using the image: one string shared by all its rows. */
  usedSearch: string;
}

/** Whether a row matches a lower-cased filter text (its own text or a container using the image). */
export function imageRowMatches(row: ImageRow, needle: string): boolean {
  return row.search.includes(needle) || row.usedSearch.includes(needle);
}

/** One row per repo:tag; an untagged (dangling) image is one row shown as `<none>`. */
export function toImageRows(images: readonly ImageSummary[]): ImageRow[] {
  const rows: ImageRow[] = [];
  for (const img of images) {
    const shortId = formatShortId(img.id);
    const usedBy = sortUsedBy(img.usedBy);
    // Once per image, not per tag: an image with 2,000 tags used by 1,000 containers would otherwise
    // build (and lower-case) 2,000 copies of the 1,000 names.
    const usedSearch = usedBy
      .map((c) => c.name)
      .join(' ')
      .toLowerCase();
    const tags = img.repoTags;
    if (tags.length === 0) {
      // An image with only digests (pulled by digest) is not dangling, but still has no tag to show.
      const repository = img.repoDigests[0] ? splitRepoTag(img.repoDigests[0]).repository : NONE;
      rows.push({
        key: img.id,
        imageId: img.id,
        shortId,
        repository,
        tag: NONE,
        ref: undefined,
        dangling: img.dangling,
        allTags: [],
        size: img.size,
        created: img.created,
        usedBy,
        search: `${repository} ${NONE} ${shortId} ${img.dangling ? 'dangling' : ''}`.toLowerCase(),
        usedSearch,
      });
      continue;
    }
    for (const ref of tags) {
      const { repository, tag } = splitRepoTag(ref);
      rows.push({
        key: ref,
        imageId: img.id,
        shortId,
        repository,
        tag,
        ref,
        dangling: false,
        // Shared by every row of the image (read-only): a copy per row is O(tags²) for an image with many tags.
        allTags: tags,
        size: img.size,
        created: img.created,
        usedBy,
        search: `${ref} ${shortId}`.toLowerCase(),
        usedSearch,
      });
    }
  }
  return rows;
}

export type DanglingFilter = 'show' | 'hide' | 'only';

export function filterImageRows(rows: readonly ImageRow[], dangling: DanglingFilter, text = ''): ImageRow[] {
  const needle = text.trim().toLowerCase();
  return rows.filter((r) => {
    if (dangling === 'hide' && r.dangling) return false;
    if (dangling === 'only' && !r.dangling) return false;
    return needle === '' || imageRowMatches(r, needle);
  });
}

/** What removing one row does. */
export type ImageRemovalEffect =
  /** The image keeps other tags: only this reference goes. */
  | 'untag'
  /** The last tag goes, and with it the image. */
  | 'untag-and-delete'
  /** Delete by id (dangling / digest-only row). */
  | 'delete';

export interface ImageRemovalStep {
  row: ImageRow;
  /** What to pass to images.remove as `id`: the reference for tag rows, the image id otherwise. */
  target: string;
  effect: ImageRemovalEffect;
  /** One sentence naming exactly what goes. */
  text: string;
}

/**
 * Plans the removal of the chosen rows, in order. A tag row untags; when every tag of an image is
 * chosen, the last untag also deletes the image (the engine does that), and the sentence says so.
 */
export function planImageRemoval(
  rows: readonly ImageRow[],
  formatSize: (bytes: number) => string = (b) => `${b} B`,
): ImageRemovalStep[] {
  const chosenTags = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!r.ref) continue;
    const set = chosenTags.get(r.imageId) ?? new Set<string>();
    set.add(r.ref);
    chosenTags.set(r.imageId, set);
  }
  const removedSoFar = new Map<string, number>();
  const steps: ImageRemovalStep[] = [];
  const seenIds = new Set<string>();
  for (const r of rows) {
    const size = formatSize(r.size);
    if (!r.ref) {
      if (seenIds.has(r.imageId)) continue;
      seenIds.add(r.imageId);
      steps.push({
        row: r,
        target: r.imageId,
        effect: 'delete',
        text: `Delete image ${r.shortId} (${size})${r.dangling ? ', untagged' : ''}.`,
      });
      continue;
    }
    const done = (removedSoFar.get(r.imageId) ?? 0) + 1;
    removedSoFar.set(r.imageId, done);
    const remaining = r.allTags.length - done;
    if (remaining > 0) {
      const others = r.allTags.filter((t) => !chosenTags.get(r.imageId)?.has(t));
      // When the rest of the image's tags are in this batch too, a later step says the image goes.
      const text =
        others.length > 0
          ? `Untag ${r.ref}; the image ${r.shortId} stays while other tags remain (${others.join(', ')}).`
          : `Untag ${r.ref}.`;
      steps.push({ row: r, target: r.ref, effect: 'untag', text });
    } else {
      steps.push({
        row: r,
        target: r.ref,
        effect: 'untag-and-delete',
        text:
          r.allTags.length > 1
            ? `Untag ${r.ref} and delete image ${r.shortId} (${size}): no tags remain.`
            : `Untag ${r.ref} and delete image ${r.shortId} (${size}): it is the image's only tag.`,
      });
    }
  }
  return steps;
}

// ---------------------------------------------------------------------------------------------
// Volumes

export interface VolumeRow {
  name: string;
  /** Anonymous volumes have 64-hex names: shown shortened, full name in the title. */
  displayName: string;
  anonymous: boolean;
  driver: string;
  mountpoint: string;
  scope: string;
  /** Epoch seconds, when the engine says. */
  created: number | undefined;
  usedBy: UsedBy[];
  labels: Record<string, string>;
  search: string;
}

export function shortVolumeName(name: string, anonymous: boolean): string {
  return anonymous && name.length > 16 ? `${name.slice(0, 12)}…` : name;
}

export function toVolumeRows(volumes: readonly VolumeSummary[]): VolumeRow[] {
  return volumes.map((v) => {
    const usedBy = sortUsedBy(v.usedBy);
    return {
      name: v.name,
      displayName: shortVolumeName(v.name, v.anonymous),
      anonymous: v.anonymous,
      driver: v.driver,
      mountpoint: v.mountpoint,
      scope: v.scope,
      created: parseEngineTime(v.created),
      usedBy,
      labels: v.labels,
      search: `${v.name} ${v.driver} ${v.mountpoint} ${v.anonymous ? 'anonymous' : ''} ${usedBy
        .map((c) => c.name)
        .join(' ')}`.toLowerCase(),
    };
  });
}

export function volumeRemovalText(row: VolumeRow): string {
  const what = row.anonymous ? `anonymous volume ${row.name}` : `volume ${row.name}`;
  return `Delete ${what} and all data in it (${row.mountpoint || 'no mountpoint'}).`;
}

// ---------------------------------------------------------------------------------------------
// Networks

export interface NetworkRow {
  id: string;
  shortId: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  builtIn: boolean;
  /** "10.213.0.0/24" entries; gateway separately. */
  subnets: string[];
  gateways: string[];
  containers: Array<UsedBy & { ipv4: string }>;
  /** Epoch seconds. */
  created: number | undefined;
  search: string;
}

/** The engine refuses to remove its predefined networks; the UI says so instead of trying. */
export const BUILT_IN_NETWORK_NOTE = 'Built-in network: the engine does not allow removing bridge, host or none.';

/** Container IPv4 as the engine reports it; it may carry a prefix length (`10.0.0.2/24`). */
export function stripPrefix(ip: string): string {
  const i = ip.indexOf('/');
  return i < 0 ? ip : ip.slice(0, i);
}

export function toNetworkRows(networks: readonly NetworkSummary[]): NetworkRow[] {
  return networks.map((n) => {
    const containers = sortUsedBy(n.containers).map((c) => ({ ...c, ipv4: stripPrefix(c.ipv4) }));
    const subnets = n.subnets.map((s) => s.subnet).filter(Boolean);
    const gateways = n.subnets.flatMap((s) => (s.gateway ? [s.gateway] : []));
    return {
      id: n.id,
      shortId: n.id.slice(0, 12),
      name: n.name,
      driver: n.driver,
      scope: n.scope,
      internal: n.internal,
      builtIn: n.builtIn,
      subnets,
      gateways,
      containers,
      created: parseEngineTime(n.created),
      search: [
        n.name,
        n.id.slice(0, 12),
        n.driver,
        n.scope,
        ...subnets,
        ...gateways,
        ...containers.flatMap((c) => [c.name, c.ipv4]),
        n.builtIn ? 'built-in' : '',
        n.internal ? 'internal' : '',
      ]
        .join(' ')
        .toLowerCase(),
    };
  });
}

export function networkRemovalText(row: NetworkRow): string {
  return `Remove network ${row.name} (${row.shortId}, ${row.driver}${row.subnets.length ? `, ${row.subnets.join(', ')}` : ''}).`;
}

// ---------------------------------------------------------------------------------------------
// Filtering and live updates

export function matchesText(search: string, text: string): boolean {
  const needle = text.trim().toLowerCase();
  return needle === '' || search.includes(needle);
}

export type ResourceKind = 'image' | 'volume' | 'network';

/** Own-type events that only change which containers use the object: the usage join covers them. */
const USAGE_ONLY: Record<ResourceKind, ReadonlySet<string>> = {
  image: new Set(),
  volume: new Set(['mount', 'unmount']),
  network: new Set(['connect', 'disconnect']),
};

/**
 * Whether an engine event makes a list stale. The lists carry no usage: the views join "used by" from
 * the live containers store (shared/usage.ts), so container events re-list nothing, and neither do
 * own-type events that only change usage (volume mount/unmount, network connect/disconnect). A `berth`
 * resync (after any reconnect) re-lists everything.
 */
export function shouldRelist(kind: ResourceKind, ev: { type: string; action: string }): boolean {
  if (ev.type === 'berth') return ev.action === 'resync';
  if (ev.type === kind) return !USAGE_ONLY[kind].has(ev.action);
  // `docker commit` without a tag creates an image and sends only this container event.
  return ev.type === 'container' && ev.action === 'commit' && kind === 'image';
}

/**
 * How many "used by" entries fit a cell of `budgetChars` characters (names plus an optional detail
 * such as an IP); at least one, and room is kept for a "+N" chip when some are left out.
 */
export function fitCount(lengths: readonly number[], budgetChars: number): number {
  let used = 0;
  for (let i = 0; i < lengths.length; i++) {
    const cost = (lengths[i] ?? 0) + 3; // dot + gap
    const reserve = i < lengths.length - 1 ? 5 : 0; // "+N" chip
    if (i > 0 && used + cost + reserve > budgetChars) return i;
    used += cost;
  }
  return Math.max(1, lengths.length);
}
