import type { ContainerStats, FileChange, FileChangeKind, ProcessList } from '../../shared/models';

/**
 * Pure engine-side stats math, exactly as the docker CLI (cli/command/container/stats_helpers.go)
 * computes it, for one-shot samples (`stream=false&one-shot=true`). A one-shot sample carries no
 * `precpu_stats`, so CPU % needs the previous sample of the same container: `CpuTracker` keeps it.
 * Unit-tested in test/unit/stats/engine-stats.test.ts.
 */

/** The parts of the engine's /containers/{id}/stats answer we read (Linux; cgroup v1 and v2). */
export interface RawStats {
  read?: string;
  name?: string;
  id?: string;
  pids_stats?: { current?: number };
  blkio_stats?: { io_service_bytes_recursive?: Array<{ op?: string; value?: number }> | null };
  cpu_stats?: {
    cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
    system_cpu_usage?: number;
    online_cpus?: number;
  };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
}

/** The engine answers a stopped container's one-shot request with a zero `read` time. */
export function isRunningSample(raw: RawStats): boolean {
  const t = raw.read ? Date.parse(raw.read) : NaN;
  return Number.isFinite(t) && t > 0;
}

/**
 * Memory usage as the CLI shows it: usage minus inactive file cache — `total_inactive_file` on
 * cgroup v1, `inactive_file` on cgroup v2 — when that is smaller than usage; usage otherwise.
 */
export function memoryUsage(mem: RawStats['memory_stats']): number {
  const usage = mem?.usage ?? 0;
  const stats = mem?.stats ?? {};
  const v1 = stats['total_inactive_file'];
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = stats['inactive_file'];
  if (v2 !== undefined && v2 < usage) return usage - v2;
  return usage;
}

export function memoryPercent(used: number, limit: number): number {
  return limit > 0 ? (used / limit) * 100 : 0;
}

/** Online CPUs; older engines only give the per-CPU array. */
export function onlineCpus(cpu: RawStats['cpu_stats']): number {
  if (cpu?.online_cpus && cpu.online_cpus > 0) return cpu.online_cpus;
  return cpu?.cpu_usage?.percpu_usage?.length ?? 0;
}

export interface CpuPoint {
  /** Container total_usage (ns). */
  total: number;
  /** Host system_cpu_usage (ns, all CPUs). */
  system: number;
  onlineCpus: number;
}

/**
 * CPU % between two samples: (Δ container / Δ system) × online CPUs × 100. Null without a previous
 * sample or when a counter went backwards (container restarted, engine restarted). Like the CLI, 0
 * when either delta is not positive.
 */
export function cpuPercent(prev: CpuPoint | undefined, cur: CpuPoint): number | null {
  if (!prev) return null;
  const cpuDelta = cur.total - prev.total;
  const systemDelta = cur.system - prev.system;
  if (cpuDelta < 0 || systemDelta < 0) return null;
  if (cpuDelta <= 0 || systemDelta <= 0) return 0;
  return (cpuDelta / systemDelta) * cur.onlineCpus * 100;
}

/** Sum of rx/tx bytes over every interface. */
export function networkTotals(networks: RawStats['networks']): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(networks ?? {})) {
    rx += n.rx_bytes ?? 0;
    tx += n.tx_bytes ?? 0;
  }
  return { rx, tx };
}

/** Sum of io_service_bytes_recursive by op, as the CLI does (op "Read"/"read", "Write"/"write"). */
export function blockTotals(blkio: RawStats['blkio_stats']): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const e of blkio?.io_service_bytes_recursive ?? []) {
    const op = (e.op ?? '').charAt(0).toLowerCase();
    if (op === 'r') read += e.value ?? 0;
    else if (op === 'w') write += e.value ?? 0;
  }
  return { read, write };
}

export function cpuPoint(raw: RawStats): CpuPoint | undefined {
  const total = raw.cpu_stats?.cpu_usage?.total_usage;
  const system = raw.cpu_stats?.system_cpu_usage;
  if (typeof total !== 'number' || typeof system !== 'number') return undefined;
  return { total, system, onlineCpus: onlineCpus(raw.cpu_stats) };
}

/** Maps a raw running sample; `cpu` comes from the caller's CpuTracker (one-shot samples have no precpu). */
export function toContainerStats(id: string, raw: RawStats, cpu: number | null): ContainerStats {
  const used = memoryUsage(raw.memory_stats);
  const limit = raw.memory_stats?.limit ?? 0;
  const net = networkTotals(raw.networks);
  const blk = blockTotals(raw.blkio_stats);
  const read = raw.read ? Date.parse(raw.read) : NaN;
  return {
    id: raw.id ?? id,
    name: (raw.name ?? '').replace(/^\//, ''),
    read: Number.isFinite(read) ? read : Date.now(),
    cpuPercent: cpu,
    onlineCpus: onlineCpus(raw.cpu_stats),
    memoryUsage: used,
    memoryLimit: limit,
    memoryPercent: memoryPercent(used, limit),
    netRx: net.rx,
    netTx: net.tx,
    blockRead: blk.read,
    blockWrite: blk.write,
    pids: raw.pids_stats?.current ?? 0,
  };
}

interface Baseline {
  point: CpuPoint;
  /** When the baseline was read (engine clock, ms). */
  at: number;
  /** Last computed value, reused for samples that come too soon after the baseline. */
  last: number | null;
  /** Local clock of the last use, for eviction. */
  touched: number;
}

/**
 * Previous CPU sample per container, so one-shot samples give a CPU %. Samples closer than
 * `minIntervalMs` to the baseline (two views polling the same container) reuse the last value
 * instead of dividing tiny, jiffy-quantised deltas. Entries unused for `ttlMs` are dropped.
 */
export class CpuTracker {
  private readonly baselines = new Map<string, Baseline>();
  constructor(
    private readonly minIntervalMs = 400,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.baselines.size;
  }

  /** CPU % of `point` read at `at` (ms) against the stored baseline; stores the new baseline. */
  next(id: string, point: CpuPoint | undefined, at: number): number | null {
    const now = this.now();
    this.evict(now);
    if (!point) return null;
    const prev = this.baselines.get(id);
    if (prev && at - prev.at < this.minIntervalMs && at >= prev.at) {
      // Too close to the baseline for a meaningful delta; keep the baseline, repeat the last value.
      prev.touched = now;
      if (point.total < prev.point.total || point.system < prev.point.system) {
        this.baselines.set(id, { point, at, last: null, touched: now });
        return null;
      }
      return prev.last;
    }
    const value = cpuPercent(prev?.point, point);
    this.baselines.set(id, { point, at, last: value, touched: now });
    return value;
  }

  forget(id: string): void {
    this.baselines.delete(id);
  }

  private evict(now: number): void {
    for (const [id, b] of this.baselines) if (now - b.touched > this.ttlMs) this.baselines.delete(id);
  }
}

/** The engine's `/top` answer. */
export function toProcessList(raw: { Titles?: string[] | null; Processes?: string[][] | null } | null): ProcessList {
  return { titles: raw?.Titles ?? [], processes: raw?.Processes ?? [] };
}

const KINDS: Record<number, FileChangeKind> = { 0: 'changed', 1: 'added', 2: 'deleted' };

/** The engine's `/changes` answer (null when nothing changed); Kind 0 modified, 1 added, 2 deleted. */
export function toFileChanges(raw: Array<{ Path?: string; Kind?: number }> | null | undefined): FileChange[] {
  const out: FileChange[] = [];
  for (const c of raw ?? []) {
    const kind = KINDS[c.Kind ?? -1];
    if (c.Path && kind) out.push({ path: c.Path, kind });
  }
  return out;
}
