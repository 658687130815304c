import type {
  DiskUsage,
  DiskUsageRow,
  PruneItem,
  PruneKind,
  SystemInfo,
  SystemPruneFrame,
  SystemPruneKinds,
  SystemPrunePreview,
  SystemPruneSelection,
} from '../../shared/contracts/system';
import { formatBytes, formatCount, plural } from './format';

/**
 * Pure display logic of the System page: engine facts as labelled groups, `docker system df` rows,
 * and the system prune dialog's preview groups, selection, totals and progress.
 */

// ---------- engine info ----------

export interface InfoField {
  label: string;
  /** One value, or several (shown as chips); an empty list shows "none". */
  value: string | readonly string[];
  mono?: boolean;
}

export interface InfoGroup {
  title: string;
  fields: InfoField[];
}

const orDash = (s: string): string => s.trim() || '—';

/** "1.47 (min 1.24)", or just the version when the engine does not say its minimum. */
export function formatApiVersion(api: string, min: string): string {
  if (!api) return '—';
  return min ? `${api} (min ${min})` : api;
}

/** "active · manager", "inactive", "—" when the engine does not say. */
export function formatSwarm(swarm: SystemInfo['swarm']): string {
  if (!swarm.state) return '—';
  if (swarm.state !== 'active') return swarm.state;
  return `active · ${swarm.isManager ? 'manager' : 'worker'}`;
}

/** "12 · 3 running · 1 paused · 8 stopped" (parts that are zero left out, except the total). */
export function formatContainerCounts(c: SystemInfo['containers']): string {
  const parts = [formatCount(c.total)];
  if (c.running) parts.push(`${formatCount(c.running)} running`);
  if (c.paused) parts.push(`${formatCount(c.paused)} paused`);
  if (c.stopped) parts.push(`${formatCount(c.stopped)} stopped`);
  return parts.join(' · ');
}

/** The runtimes, the default one first and marked. */
export function formatRuntimes(runtimes: readonly string[], defaultRuntime: string): string[] {
  const rest = runtimes.filter((r) => r !== defaultRuntime).sort();
  return defaultRuntime ? [`${defaultRuntime} (default)`, ...rest] : rest;
}

/** The engine's facts in the groups the System page shows, in order. */
export function engineInfoGroups(info: SystemInfo): InfoGroup[] {
  const groups: InfoGroup[] = [
    {
      title: 'Engine',
      fields: [
        { label: 'Name', value: orDash(info.name) },
        { label: 'Version', value: orDash(info.version), mono: true },
        { label: 'API', value: formatApiVersion(info.apiVersion, info.minApiVersion), mono: true },
        { label: 'Storage driver', value: orDash(info.storageDriver), mono: true },
        { label: 'Root dir', value: orDash(info.rootDir), mono: true },
        { label: 'Runtimes', value: formatRuntimes(info.runtimes, info.defaultRuntime), mono: true },
      ],
    },
    {
      title: 'Host',
      fields: [
        { label: 'OS', value: orDash(info.os) },
        { label: 'OS type', value: orDash(info.osType) },
        { label: 'Kernel', value: orDash(info.kernelVersion), mono: true },
        { label: 'Architecture', value: orDash(info.architecture), mono: true },
        { label: 'CPUs', value: info.cpus > 0 ? String(info.cpus) : '—' },
        { label: 'Memory', value: info.memoryBytes > 0 ? formatBytes(info.memoryBytes) : '—' },
      ],
    },
    {
      title: 'Isolation',
      fields: [
        { label: 'Cgroup driver', value: orDash(info.cgroupDriver), mono: true },
        { label: 'Cgroup version', value: info.cgroupVersion ? `v${info.cgroupVersion}` : '—' },
        { label: 'Security options', value: info.securityOptions, mono: true },
      ],
    },
    {
      title: 'Objects',
      fields: [
        { label: 'Containers', value: formatContainerCounts(info.containers) },
        { label: 'Images', value: formatCount(info.images) },
        { label: 'Swarm', value: formatSwarm(info.swarm) },
        ...(info.swarm.nodeId ? [{ label: 'Node ID', value: info.swarm.nodeId, mono: true }] : []),
      ],
    },
    {
      title: 'Registries',
      fields: [
        { label: 'Insecure registries', value: info.insecureRegistries, mono: true },
        { label: 'Registry mirrors', value: info.registryMirrors, mono: true },
      ],
    },
  ];
  return groups;
}

// ---------- disk use ----------

export type DiskUseKey = keyof DiskUsage;

export interface DiskUseView {
  key: DiskUseKey;
  /** The CLI's row name. */
  label: string;
  total: number;
  active: number;
  size: number;
  reclaimable: number;
  /** Reclaimable share of the size, 0..1 (0 when the size is 0). */
  share: number;
  /** "1.2 GiB (45%)", the percentage truncated as `docker system df` does. */
  reclaimText: string;
}

const DISK_ROWS: ReadonlyArray<[DiskUseKey, string]> = [
  ['images', 'Images'],
  ['containers', 'Containers'],
  ['volumes', 'Local Volumes'],
  ['buildCache', 'Build Cache'],
];

/** Whole percent of `part` in `whole`, truncated like the CLI; undefined when `whole` is 0. */
export function reclaimPercent(row: Pick<DiskUsageRow, 'size' | 'reclaimable'>): number | undefined {
  if (row.size <= 0) return undefined;
  return Math.min(100, Math.trunc((row.reclaimable * 100) / row.size));
}

export function diskUseRows(du: DiskUsage): DiskUseView[] {
  return DISK_ROWS.map(([key, label]) => {
    const row = du[key];
    const pct = reclaimPercent(row);
    return {
      key,
      label,
      ...row,
      share: row.size > 0 ? Math.min(1, row.reclaimable / row.size) : 0,
      reclaimText: pct === undefined ? formatBytes(row.reclaimable) : `${formatBytes(row.reclaimable)} (${pct}%)`,
    };
  });
}

/** Sum of every row: what the engine's objects take and what a full prune could free. */
export function diskUseTotals(du: DiskUsage): { size: number; reclaimable: number } {
  let size = 0;
  let reclaimable = 0;
  for (const [key] of DISK_ROWS) {
    size += du[key].size;
    reclaimable += du[key].reclaimable;
  }
  return { size, reclaimable };
}

/** Exact byte count for a tooltip: "1,234,567 bytes". */
export function exactBytes(bytes: number): string {
  return `${formatCount(bytes)} bytes`;
}

// ---------- system prune ----------

/** The order objects are listed and removed in (the engine's, see system.prune). */
export const PRUNE_KINDS: readonly PruneKind[] = ['container', 'network', 'image', 'volume', 'buildCache'];

export const PRUNE_KIND_NAMES: Record<PruneKind, { title: string; one: string; many: string }> = {
  container: { title: 'Stopped containers', one: 'container', many: 'containers' },
  network: { title: 'Unused networks', one: 'network', many: 'networks' },
  image: { title: 'Images', one: 'image', many: 'images' },
  volume: { title: 'Volumes', one: 'volume', many: 'volumes' },
  buildCache: { title: 'Build cache', one: 'build cache record', many: 'build cache records' },
};

/** `docker system prune`'s defaults: everything but volumes, dangling images only. */
export const DEFAULT_PRUNE_KINDS: SystemPruneKinds = {
  containers: true,
  networks: true,
  images: 'dangling',
  buildCache: true,
  volumes: 'none',
};

export const anyKindChosen = (k: SystemPruneKinds): boolean =>
  k.containers || k.networks || k.buildCache || k.images !== 'none' || k.volumes !== 'none';

/** A preview item's key: ids are unique only within a kind (a volume may be named like anything). */
export const pruneKey = (item: { kind: PruneKind; id: string }): string => `${item.kind}:${item.id}`;

export interface PruneGroup {
  kind: PruneKind;
  title: string;
  items: PruneItem[];
  selected: number;
  /** Bytes the ticked items of this kind free (sizes unknown count as 0). */
  reclaim: number;
  /** Ticked items whose size the engine does not know. */
  unknown: number;
}

/** The preview's items by kind, in removal order, with what is ticked in each; empty kinds left out. */
export function groupPreview(items: readonly PruneItem[], selected: ReadonlySet<string>): PruneGroup[] {
  return PRUNE_KINDS.flatMap((kind) => {
    const of = items.filter((i) => i.kind === kind);
    if (of.length === 0) return [];
    let count = 0;
    let reclaim = 0;
    let unknown = 0;
    for (const i of of) {
      if (!selected.has(pruneKey(i))) continue;
      count++;
      reclaim += i.reclaim;
      if (i.sizeUnknown) unknown++;
    }
    return [{ kind, title: PRUNE_KIND_NAMES[kind].title, items: of, selected: count, reclaim, unknown }];
  });
}

export interface PruneTotals {
  count: number;
  reclaim: number;
  unknown: number;
}

/**
 * What the ticked items free. Untagged parent layers that go only with several listed images (the
 * preview's total minus its items' sum) count when every listed image is ticked.
 */
export function selectedTotals(preview: SystemPrunePreview, selected: ReadonlySet<string>): PruneTotals {
  let count = 0;
  let reclaim = 0;
  let unknown = 0;
  let itemsSum = 0;
  let allImages = true;
  for (const i of preview.items) {
    itemsSum += i.reclaim;
    const on = selected.has(pruneKey(i));
    if (i.kind === 'image' && !on) allImages = false;
    if (!on) continue;
    count++;
    reclaim += i.reclaim;
    if (i.sizeUnknown) unknown++;
  }
  const shared = Math.max(0, preview.reclaim - itemsSum);
  return { count, reclaim: reclaim + (allImages ? shared : 0), unknown };
}

/** "3 objects (12 MiB)", "+ size unknown" when some sizes are not known. */
export function formatPruneTotals(t: PruneTotals): string {
  const size =
    t.unknown > 0 ? `${formatBytes(t.reclaim)} + ${plural(t.unknown, 'size')} unknown` : formatBytes(t.reclaim);
  return `${plural(t.count, 'object')} (${size})`;
}

/** What a preview item frees, as shown in its row. */
export function formatReclaim(item: Pick<PruneItem, 'reclaim' | 'sizeUnknown'>): string {
  return item.sizeUnknown ? 'size unknown' : formatBytes(item.reclaim);
}

/** The ids to send to system.prune: the ticked items only, by kind. */
export function pruneSelection(items: readonly PruneItem[], selected: ReadonlySet<string>): SystemPruneSelection {
  const s: SystemPruneSelection = { containers: [], networks: [], images: [], buildCache: [], volumes: [] };
  const field: Record<PruneKind, keyof SystemPruneSelection> = {
    container: 'containers',
    network: 'networks',
    image: 'images',
    buildCache: 'buildCache',
    volume: 'volumes',
  };
  for (const i of items) if (selected.has(pruneKey(i))) s[field[i.kind]].push(i.id);
  return s;
}

export interface SkippedObject {
  kind: PruneKind;
  id: string;
  label: string;
  code: string;
  message: string;
}

export interface PruneRun {
  /** Objects handled so far, and how many there are. */
  index: number;
  total: number;
  removed: number;
  reclaimed: number;
  skipped: SkippedObject[];
  /** The last object handled: "Removed web-1". */
  current: string | undefined;
  finished: boolean;
}

export const startRun = (total: number): PruneRun => ({
  index: 0,
  total,
  removed: 0,
  reclaimed: 0,
  skipped: [],
  current: undefined,
  finished: false,
});

/** Folds one system.prune frame into the run; `labelOf` names an object from the preview. */
export function applyPruneFrame(
  run: PruneRun,
  frame: SystemPruneFrame,
  labelOf: (kind: PruneKind, id: string) => string,
): PruneRun {
  switch (frame.type) {
    case 'removed':
      return {
        ...run,
        index: frame.index + 1,
        total: frame.total,
        removed: run.removed + 1,
        reclaimed: run.reclaimed + frame.reclaim,
        current: `Removed ${PRUNE_KIND_NAMES[frame.kind].one} ${labelOf(frame.kind, frame.id)}`,
      };
    case 'skipped': {
      const label = labelOf(frame.kind, frame.id);
      return {
        ...run,
        index: frame.index + 1,
        total: frame.total,
        skipped: [...run.skipped, { kind: frame.kind, id: frame.id, label, code: frame.code, message: frame.message }],
        current: `Kept ${PRUNE_KIND_NAMES[frame.kind].one} ${label}`,
      };
    }
    case 'done':
      return {
        ...run,
        index: run.total,
        removed: frame.removed,
        reclaimed: frame.reclaimed,
        finished: true,
      };
  }
}

/** Why an object was kept, in words, from the engine's code (its message is shown beside it). */
export function skipReason(code: string): string {
  switch (code) {
    case 'CONFLICT':
      return 'In use since the preview, kept';
    case 'NOT_FOUND':
      return 'Already gone';
    default:
      return `Not removed (${code})`;
  }
}
