import type { LogLine, LogTail } from '../../../shared/models';
import { api } from '../../api';
import type { StreamHandlers } from '../../api/client';
import { takeStream } from '../../api/stream-prefetch';
import { errorMessage } from '../../stores/toasts';
import {
  alreadyShown,
  DEFAULT_LINE_CAP,
  LogBuffer,
  mergeByTs,
  type LogEntry,
  type ResumePoint,
} from '../../presentation/logs';

/**
 * One logs view's data: a subscription per container to 'containers.logs', lines collected in a
 * pending array and flushed into the capped LogBuffer at most once per animation frame (React sees one
 * change per frame, however fast lines arrive). Not React: the view reads it with useSyncExternalStore.
 *
 *   const s = new LogSession([{ id, name }], { tail: 1000 });
 *   s.start();  …  s.dispose();   // dispose unsubscribes every stream
 */

export interface LogSource {
  id: string;
  name: string;
  /** Prefix of its lines in a merged view (e.g. a compose service's "web-1"); defaults to `name`. */
  label?: string;
  /** Palette colour of its prefix (0–7); defaults to its position. */
  colour?: number;
}

export interface LogRange {
  tail: LogTail;
  since?: string | undefined;
  until?: string | undefined;
}

export type SourcePhase = 'loading' | 'live' | 'ended' | 'error';

export interface SourceStatus {
  phase: SourcePhase;
  error?: string;
}

export interface LogSnapshot {
  version: number;
  sources: readonly SourceStatus[];
}

/** Lines waiting for the next frame, beyond which the oldest are dropped (a hidden tab gets no frames). */
const MAX_PENDING = DEFAULT_LINE_CAP;
/** Quiet time after which new lines skip the wait for the next animation frame. */
const LEADING_EDGE_MS = 32;

export class LogSession {
  readonly buffer: LogBuffer;
  private pending: LogEntry[] = [];
  private frame: number | undefined;
  private fallback: ReturnType<typeof setTimeout> | undefined;
  private unsubs: Array<(() => void) | undefined> = [];
  private readonly listeners = new Set<() => void>();
  private statuses: SourceStatus[];
  private snapshot: LogSnapshot;
  private disposed = false;
  /** Newest timestamp seen per source: a restarted stream continues after it. */
  private readonly lastTs: string[];
  /** Texts of the lines at that newest timestamp: a resumed stream drops exactly these again. */
  private readonly lastTexts: string[][];
  /** Lines dropped before they reached the buffer (pending overflow). */
  private overflow = 0;
  /** When lines last went into the buffer (performance.now()), and whether a leading-edge flush is queued. */
  private lastFlushAt = -Infinity;
  private microtask = false;

  constructor(
    readonly sources: readonly LogSource[],
    readonly range: LogRange,
    cap: number = DEFAULT_LINE_CAP,
  ) {
    this.buffer = new LogBuffer(cap, sources.length > 1);
    this.statuses = sources.map(() => ({ phase: 'loading' }));
    this.lastTs = sources.map(() => '');
    this.lastTexts = sources.map(() => []);
    this.snapshot = { version: 0, sources: this.statuses };
  }

  /** True when the view follows new lines (no `until`). */
  get follows(): boolean {
    return this.range.until === undefined;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LogSnapshot => this.snapshot;

  start(): void {
    this.sources.forEach((_, i) => this.open(i, { tail: this.range.tail, since: this.range.since }));
  }

  /**
   * Re-opens an ended source (its container started again, or the engine came back), continuing from
   * the last line we have: `since` that line's timestamp, dropping the lines already shown.
   */
  resume(i: number): void {
    if (this.disposed || this.statuses[i]?.phase === 'live' || this.statuses[i]?.phase === 'loading') return;
    if (!this.follows) return;
    const after = this.lastTs[i];
    this.open(
      i,
      after
        ? { tail: 'all', since: after, after: { ts: after, texts: [...(this.lastTexts[i] ?? [])] } }
        : { tail: this.range.tail, since: this.range.since },
    );
  }

  /** Resumes every source whose stream ended or failed (after the engine came back). */
  resumeStopped(): void {
    this.sources.forEach((_, i) => {
      const phase = this.statuses[i]?.phase;
      if (phase === 'ended' || phase === 'error') this.resume(i);
    });
  }

  private open(i: number, o: { tail: LogTail; since?: string | undefined; after?: ResumePoint }): void {
    const source = this.sources[i];
    if (!source) return;
    this.unsubs[i]?.();
    this.setStatus(i, { phase: 'loading' });
    let first = true;
    const after = o.after;
    const args = {
      id: source.id,
      tail: o.tail,
      follow: this.follows,
      ...(o.since !== undefined ? { since: o.since } : {}),
      ...(this.range.until !== undefined ? { until: this.range.until } : {}),
    };
    const handlers: StreamHandlers<LogLine> = {
      onData: (line: LogLine) => {
        // `since` is inclusive: skip what we already have when continuing.
        if (after && alreadyShown(line, after)) return;
        const entry = line as LogEntry;
        entry.src = i;
        const last = this.lastTs[i] ?? '';
        if (line.ts > last) {
          this.lastTs[i] = line.ts;
          this.lastTexts[i] = [line.text];
        } else if (line.ts === last) this.lastTexts[i]?.push(line.text);
        this.pending.push(entry);
        if (first) {
          first = false;
          this.setStatus(i, { phase: 'live' });
        }
        this.schedule();
      },
      onError: (err) => {
        this.unsubs[i] = undefined;
        this.setStatus(i, { phase: 'error', error: errorMessage(err) });
      },
      onEnd: () => {
        this.unsubs[i] = undefined;
        this.flush();
        this.setStatus(i, { phase: this.follows ? 'ended' : 'live' });
      },
    };
    // Usually opened already at the navigation that led here (prefetch.ts): adopt it.
    this.unsubs[i] = takeStream('containers.logs', args, handlers) ?? api.subscribe('containers.logs', args, handlers);
    // A stream with nothing to send yet (empty log) is live as soon as it is open.
    setTimeout(() => {
      if (first && this.statuses[i]?.phase === 'loading' && this.unsubs[i]) this.setStatus(i, { phase: 'live' });
    }, 400);
  }

  /** Clears the view; streams keep following. */
  clear(): void {
    this.pending = [];
    this.buffer.clear();
    this.overflow = 0;
    this.bump();
  }

  /** Lines dropped so far (cap + pending overflow). */
  get dropped(): number {
    return this.buffer.dropped + this.overflow;
  }

  /** Every line received since the view opened (including dropped ones). */
  get received(): number {
    return this.buffer.received + this.overflow + this.pending.length;
  }

  /**
   * Loads up to `count` lines older than the first line shown (per container), merged by time, and
   * puts them in front. Resolves with the number of lines added.
   */
  async loadEarlier(count: number): Promise<number> {
    const first = this.buffer.first();
    if (!first?.ts) return 0;
    const until = first.ts;
    const parts = await Promise.all(
      this.sources.map((s, i) =>
        collect(s.id, i, { tail: count, until, ...(this.range.since ? { since: this.range.since } : {}) }),
      ),
    );
    if (this.disposed) return 0;
    let merged: LogEntry[] = [];
    for (const p of parts) merged = mergeByTs(merged, p);
    if (merged.length > count) merged = merged.slice(merged.length - count);
    const added = this.buffer.prepend(merged);
    this.bump();
    return added;
  }

  /** Every line of the current range (tail=all), merged by time: for the download. */
  async collectAll(): Promise<LogEntry[]> {
    const parts = await Promise.all(
      this.sources.map((s, i) =>
        collect(s.id, i, {
          tail: 'all',
          ...(this.range.since ? { since: this.range.since } : {}),
          ...(this.range.until ? { until: this.range.until } : {}),
        }),
      ),
    );
    let merged: LogEntry[] = [];
    for (const p of parts) merged = parts.length === 1 ? p : mergeByTs(merged, p);
    return merged;
  }

  dispose(): void {
    this.disposed = true;
    for (const u of this.unsubs) u?.();
    this.unsubs = [];
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    if (this.fallback) clearTimeout(this.fallback);
    this.listeners.clear();
  }

  private schedule(): void {
    if (this.pending.length > MAX_PENDING) {
      const cut = this.pending.length - MAX_PENDING;
      this.pending.splice(0, cut);
      this.overflow += cut;
    }
    if (this.frame !== undefined || this.microtask) return;
    // Leading edge: lines after a quiet spell (the first tail, a new line of a calm log) are shown as soon
    // as this message is processed; while lines keep coming, at most once per animation frame.
    if (performance.now() - this.lastFlushAt > LEADING_EDGE_MS) {
      this.microtask = true;
      queueMicrotask(() => {
        this.microtask = false;
        this.flush();
      });
      return;
    }
    this.frame = requestAnimationFrame(() => this.flush());
    // Hidden tabs get no animation frames: flush on a slow timer then.
    this.fallback = setTimeout(() => this.flush(), 250);
  }

  private flush(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    if (this.fallback) clearTimeout(this.fallback);
    this.frame = undefined;
    this.fallback = undefined;
    if (this.disposed || this.pending.length === 0) return;
    this.lastFlushAt = performance.now();
    const batch = this.pending;
    this.pending = [];
    this.buffer.append(batch);
    this.bump();
  }

  private setStatus(i: number, s: SourceStatus): void {
    if (this.disposed) return;
    this.statuses = this.statuses.map((x, j) => (j === i ? s : x));
    this.bump();
  }

  private bump(): void {
    this.snapshot = { version: this.snapshot.version + 1, sources: this.statuses };
    for (const l of this.listeners) l();
  }
}

/** A one-off, non-following read of one container's logs. */
function collect(
  id: string,
  src: number,
  args: { tail: LogTail; since?: string; until?: string },
): Promise<LogEntry[]> {
  return new Promise((resolve, reject) => {
    const out: LogEntry[] = [];
    api.subscribe(
      'containers.logs',
      { id, follow: false, ...args },
      {
        onData: (line) => {
          const entry = line as LogEntry;
          entry.src = src;
          out.push(entry);
        },
        onError: reject,
        onEnd: () => resolve(out),
      },
    );
  });
}
