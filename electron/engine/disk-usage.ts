import type { DiskUsage, DiskUsageRow } from '../../shared/contracts/system';

/**
 * `docker system df` figures from the engine's `/system/df`, computed the way the docker CLI does
 * (cli/command/formatter/disk_usage.go and system/df.go):
 * - images: size = LayersSize (each layer once); active = images with containers; reclaimable = size
 *   minus the unique bytes (Size − SharedSize) of every image a container uses. Podman (4.x) always
 *   reports LayersSize 0: then the size is Σ Size (layers shared by several images counted each time);
 *   the docker CLI would show 0 B for gigabytes of images;
 * - containers: size = Σ SizeRw; active = running, paused or restarting; reclaimable = SizeRw of the rest;
 * - volumes: size = Σ UsageData.Size (−1 = unknown, skipped); active = RefCount > 0; reclaimable = size
 *   of those with RefCount 0;
 * - build cache: size = Σ Size of records not shared; active = in use; reclaimable = size minus the
 *   in-use, not-shared records.
 */

export interface RawDfImage {
  Id: string;
  RepoTags?: string[] | null;
  Size?: number;
  SharedSize?: number;
  Containers?: number;
}
export interface RawDfContainer {
  Id: string;
  Names?: string[] | null;
  Image?: string;
  ImageID?: string;
  State?: string;
  SizeRw?: number;
}
export interface RawDfVolume {
  Name: string;
  Driver?: string;
  Labels?: Record<string, string> | null;
  UsageData?: { Size?: number; RefCount?: number } | null;
}
export interface RawDfBuildCache {
  ID: string;
  Type?: string;
  Description?: string;
  InUse?: boolean;
  Shared?: boolean;
  Size?: number;
}
export interface RawDf {
  LayersSize?: number;
  Images?: RawDfImage[] | null;
  Containers?: RawDfContainer[] | null;
  Volumes?: RawDfVolume[] | null;
  BuildCache?: RawDfBuildCache[] | null;
}

const num = (n: number | undefined): number => (typeof n === 'number' && Number.isFinite(n) ? n : 0);

/** The CLI's test: the state names one of these. */
export function isActiveContainer(state: string | undefined): boolean {
  const s = state ?? '';
  return s.includes('running') || s.includes('paused') || s.includes('restarting');
}

export function imagesUsage(layersSize: number | undefined, images: readonly RawDfImage[]): DiskUsageRow {
  // Docker never reports 0 for images that have bytes; Podman always does.
  const size = num(layersSize) > 0 ? num(layersSize) : images.reduce((s, i) => s + Math.max(0, num(i.Size)), 0);
  let used = 0;
  let active = 0;
  for (const i of images) {
    if (num(i.Containers) > 0) active++;
    if (num(i.Containers) !== 0 && i.Size !== -1 && i.SharedSize !== -1) used += num(i.Size) - num(i.SharedSize);
  }
  return { total: images.length, active, size, reclaimable: Math.max(0, size - used) };
}

export function containersUsage(containers: readonly RawDfContainer[]): DiskUsageRow {
  let size = 0;
  let reclaimable = 0;
  let active = 0;
  for (const c of containers) {
    const rw = Math.max(0, num(c.SizeRw));
    size += rw;
    if (isActiveContainer(c.State)) active++;
    else reclaimable += rw;
  }
  return { total: containers.length, active, size, reclaimable };
}

export function volumesUsage(volumes: readonly RawDfVolume[]): DiskUsageRow {
  let size = 0;
  let reclaimable = 0;
  let active = 0;
  for (const v of volumes) {
    const refs = num(v.UsageData?.RefCount);
    const bytes = v.UsageData?.Size;
    if (refs > 0) active++;
    if (bytes === undefined || bytes === -1) continue;
    size += num(bytes);
    if (refs === 0) reclaimable += num(bytes);
  }
  return { total: volumes.length, active, size, reclaimable };
}

export function buildCacheUsage(records: readonly RawDfBuildCache[]): DiskUsageRow {
  let size = 0;
  let inUse = 0;
  let active = 0;
  for (const r of records) {
    if (r.InUse) active++;
    if (r.Shared) continue;
    size += num(r.Size);
    if (r.InUse) inUse += num(r.Size);
  }
  return { total: records.length, active, size, reclaimable: Math.max(0, size - inUse) };
}

export function mapDiskUsage(df: RawDf): DiskUsage {
  return {
    images: imagesUsage(df.LayersSize, df.Images ?? []),
    containers: containersUsage(df.Containers ?? []),
    volumes: volumesUsage(df.Volumes ?? []),
    buildCache: buildCacheUsage(df.BuildCache ?? []),
  };
}
