import type { HistoryEntry, LayerProgress, TransferOverall } from '../../shared/contracts/registry';
import { isLayerFinished, layerFraction } from '../../shared/transfer-progress';
import { formatBytes, plural } from './format';

/** What one layer row of a pull/push shows. */
export interface LayerRow {
  id: string;
  /** Short phase words, e.g. "Downloading", "Already exists". */
  label: string;
  /** 0–100 for the bar; the whole layer's progress (download + extract), so bars only move forward. */
  percent: number;
  /** "1.2 MB / 3.4 MB" while bytes move, else "". */
  bytes: string;
  state: 'waiting' | 'active' | 'done';
}

const LABELS: Record<LayerProgress['phase'], string> = {
  waiting: 'Waiting',
  downloading: 'Downloading',
  verifying: 'Verifying',
  downloaded: 'Downloaded',
  extracting: 'Extracting',
  complete: 'Pull complete',
  exists: 'Already exists',
  preparing: 'Preparing',
  pushing: 'Pushing',
  pushed: 'Pushed',
  mounted: 'Mounted',
};

export function layerRow(l: LayerProgress): LayerRow {
  const percent = Math.round(layerFraction(l) * 1000) / 10;
  const moving = (l.phase === 'downloading' || l.phase === 'pushing' || l.phase === 'extracting') && l.total;
  return {
    id: l.id,
    label: l.phase === 'mounted' ? l.status : LABELS[l.phase],
    percent,
    bytes: moving ? `${formatBytes(Math.min(l.current ?? 0, l.total ?? 0))} / ${formatBytes(l.total ?? 0)}` : '',
    state: isLayerFinished(l) ? 'done' : l.phase === 'waiting' || l.phase === 'preparing' ? 'waiting' : 'active',
  };
}

/** Layer rows in the engine's order. */
export function layerRows(layers: readonly LayerProgress[]): LayerRow[] {
  return layers.map(layerRow);
}

/** "42 %" rounded down, so 100 % is shown only when everything is done. */
export function formatPercent(o: TransferOverall, finished: boolean): string {
  return `${finished ? 100 : Math.min(99, Math.floor(o.percent))} %`;
}

/** "12.3 MB of 40 MB · 3 of 7 layers" (bytes left out while no size is known). */
export function formatOverall(o: TransferOverall): string {
  const layers = o.layersTotal === 0 ? 'No layers yet' : `${o.layersDone} of ${plural(o.layersTotal, 'layer')}`;
  if (o.totalBytes <= 0) return layers;
  return `${formatBytes(o.currentBytes)} of ${formatBytes(o.totalBytes)} · ${layers}`;
}

/** A history step's command as a person wants to read it: `#(nop)` and the shell prefix dropped. */
export function formatCreatedBy(createdBy: string): string {
  const s = createdBy.trim();
  const nop = /^\/bin\/sh -c #\(nop\)\s*(.*)$/s.exec(s);
  if (nop) return (nop[1] ?? '').trim();
  const run = /^\/bin\/sh -c (.*)$/s.exec(s);
  if (run) return `RUN ${(run[1] ?? '').trim()}`;
  // BuildKit writes "RUN /bin/sh -c … # buildkit".
  return s.replace(/\s+# buildkit$/, '');
}

export interface HistoryRow {
  key: string;
  command: string;
  full: string;
  size: string;
  empty: boolean;
  created: number;
  comment: string;
  tags: string[];
  id: string;
}

export function historyRows(entries: readonly HistoryEntry[]): HistoryRow[] {
  return entries.map((e, i) => ({
    key: `${i}`,
    command: formatCreatedBy(e.createdBy) || '(no command)',
    full: e.createdBy,
    size: e.empty ? '0 B' : formatBytes(e.size),
    empty: e.empty,
    created: e.created,
    comment: e.comment,
    tags: e.tags,
    id: e.id ? e.id.replace(/^sha256:/, '').slice(0, 12) : '<missing>',
  }));
}

/** "3 layers, 2 empty steps, 4.3 MB" for the history heading. */
export function historySummary(entries: readonly HistoryEntry[]): string {
  const layers = entries.filter((e) => !e.empty);
  const total = layers.reduce((a, e) => a + e.size, 0);
  const empty = entries.length - layers.length;
  return `${plural(layers.length, 'layer')}${empty ? `, ${plural(empty, 'empty step')}` : ''}, ${formatBytes(total)}`;
}
