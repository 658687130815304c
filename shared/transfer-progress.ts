import type { LayerPhase, LayerProgress, TransferOverall } from './contracts/registry';

/**
 * Folds the engine's pull/push JSON messages (`{status, id, progressDetail, error, aux}`) into one
 * state per layer plus an overall figure. Pure, so the handler only has to feed it and snapshot it.
 */

export interface EngineProgressMessage {
  status?: string;
  id?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string; code?: number };
  aux?: { Tag?: string; Digest?: string; Size?: number };
}

const PHASES: ReadonlyArray<[RegExp, LayerPhase]> = [
  [/^pulling fs layer$/i, 'waiting'],
  [/^waiting$/i, 'waiting'],
  [/^downloading$/i, 'downloading'],
  [/^verifying checksum$/i, 'verifying'],
  [/^download complete$/i, 'downloaded'],
  [/^extracting$/i, 'extracting'],
  [/^pull complete$/i, 'complete'],
  [/^already exists$/i, 'exists'],
  [/^preparing$/i, 'preparing'],
  [/^pushing$/i, 'pushing'],
  [/^pushed$/i, 'pushed'],
  [/^layer already exists$/i, 'exists'],
  [/^mounted from /i, 'mounted'],
];

/** The layer phase for an engine status line, or undefined when the line is not about a layer. */
export function layerPhase(status: string): LayerPhase | undefined {
  for (const [re, phase] of PHASES) if (re.test(status.trim())) return phase;
  return undefined;
}

const FINISHED: ReadonlySet<LayerPhase> = new Set(['complete', 'exists', 'pushed', 'mounted']);

export function isLayerFinished(l: Pick<LayerProgress, 'phase'>): boolean {
  return FINISHED.has(l.phase);
}

/** How far one layer is, 0–1: downloading is the first 80 %, extracting the rest (uploading is all of it). */
export function layerFraction(l: LayerProgress): number {
  const part = l.total && l.total > 0 && l.current !== undefined ? Math.min(1, Math.max(0, l.current / l.total)) : 0;
  switch (l.phase) {
    case 'waiting':
    case 'preparing':
      return 0;
    case 'downloading':
      return 0.8 * part;
    case 'verifying':
    case 'downloaded':
      return 0.8;
    case 'extracting':
      return 0.8 + 0.2 * part;
    case 'pushing':
      return part;
    default:
      return 1;
  }
}

export class TransferState {
  private readonly layers = new Map<string, LayerProgress>();
  /** Size of each layer's transfer (download or upload), remembered past the phase that reported it. */
  private readonly sizes = new Map<string, number>();
  status: string | undefined;
  digest: string | undefined;
  /** The engine's error line, when the stream reported one. */
  error: { message: string; code?: number } | undefined;

  /** Applies one message; true when something visible changed. */
  apply(m: EngineProgressMessage): boolean {
    if (m.error || m.errorDetail?.message) {
      const message = m.errorDetail?.message ?? m.error ?? 'unknown error';
      this.error = m.errorDetail?.code === undefined ? { message } : { message, code: m.errorDetail.code };
      return true;
    }
    if (m.aux?.Digest) this.digest = m.aux.Digest;
    const status = m.status?.trim();
    if (!status) return false;
    const digestLine = /^Digest: (sha256:[0-9a-f]{64})$/.exec(status) ?? /digest: (sha256:[0-9a-f]{64})/.exec(status);
    if (digestLine?.[1]) this.digest = digestLine[1];
    const phase = m.id ? layerPhase(status) : undefined;
    if (!m.id || !phase) {
      this.status = status.replace(/^Status: /, '');
      return true;
    }
    const prev = this.layers.get(m.id);
    const d = m.progressDetail;
    const hasBytes = d !== undefined && typeof d.total === 'number' && d.total > 0;
    if ((phase === 'downloading' || phase === 'pushing') && hasBytes) this.sizes.set(m.id, d.total ?? 0);
    const next: LayerProgress = { id: m.id, phase, status };
    if (hasBytes) {
      next.current = d.current ?? 0;
      next.total = d.total;
    }
    // Keep finished layers finished: late "Waiting" lines never move a layer back.
    if (prev && isLayerFinished(prev) && !isLayerFinished(next)) return false;
    this.layers.set(m.id, next);
    return true;
  }

  snapshotLayers(): LayerProgress[] {
    return [...this.layers.values()].map((l) => ({ ...l }));
  }

  overall(): TransferOverall {
    return overallProgress([...this.layers.values()], this.sizes);
  }
}

/**
 * Overall figure: each layer weighted by its size (layers of unknown size weigh as the average
 * known one), bytes summed over the layers whose size is known.
 */
export function overallProgress(layers: readonly LayerProgress[], sizes: ReadonlyMap<string, number>): TransferOverall {
  const known = layers.map((l) => sizes.get(l.id)).filter((s): s is number => s !== undefined && s > 0);
  const avg = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  let weighted = 0;
  let weights = 0;
  let currentBytes = 0;
  let totalBytes = 0;
  let layersDone = 0;
  for (const l of layers) {
    const size = sizes.get(l.id);
    // A layer the other side already has moves no bytes: it does not count towards the percentage.
    const skipped = (l.phase === 'exists' || l.phase === 'mounted') && !(size && size > 0);
    const w = skipped ? 0 : size && size > 0 ? size : avg;
    const f = layerFraction(l);
    weighted += w * f;
    weights += w;
    if (isLayerFinished(l)) layersDone++;
    if (size && size > 0) {
      totalBytes += size;
      const inTransfer = (l.phase === 'downloading' || l.phase === 'pushing') && l.current !== undefined;
      currentBytes += inTransfer ? Math.min(size, l.current ?? 0) : f > 0 ? size : 0;
    }
  }
  const percent = weights > 0 ? (100 * weighted) / weights : layers.length ? (100 * layersDone) / layers.length : 0;
  return { percent: Math.round(percent * 10) / 10, currentBytes, totalBytes, layersDone, layersTotal: layers.length };
}
