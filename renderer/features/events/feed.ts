import type { BerthError } from '../../../shared/errors';
import type { EngineEvent } from '../../../shared/models';
import { appendCapped, EVENTS_CAP, type EventEntry } from '../../presentation/events';

/**
 * The Events view's buffer: events from one subscription, batched (one update per `flushMs`), capped
 * at `cap` entries (oldest dropped). Paused, new events are held (capped too) and counted, not shown;
 * resume shows them. A stream that ends or breaks is re-opened live (no second replay) after `retryMs`;
 * a refused request (e.g. a bad time) is reported and not retried. No React: the view reads it through
 * useSyncExternalStore.
 */

export interface FeedSnapshot {
  entries: readonly EventEntry[];
  paused: boolean;
  /** Events that arrived while paused (not shown yet). */
  held: number;
  /** Older events were dropped to stay within the cap. */
  capped: boolean;
  state: 'connecting' | 'live' | 'reconnecting' | 'failed';
  error?: string;
}

export interface FeedHandlers {
  onData: (ev: EngineEvent) => void;
  onError: (err: BerthError) => void;
  onEnd: () => void;
}

/** Opens the event stream (`since` = replay start, Unix seconds or RFC 3339); returns its unsubscribe. */
export type OpenEvents = (since: string | undefined, handlers: FeedHandlers) => () => void;

export class EventFeed {
  private shown: EventEntry[] = [];
  private heldEntries: EventEntry[] = [];
  private heldCount = 0;
  private incoming: EventEntry[] = [];
  private seq = 0;
  private capped = false;
  private paused = false;
  private state: FeedSnapshot['state'] = 'connecting';
  private error: string | undefined;
  private snap: FeedSnapshot;
  private readonly listeners = new Set<() => void>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private close: (() => void) | undefined;
  private generation = 0;

  constructor(
    private readonly open: OpenEvents,
    private readonly opts: { cap?: number; flushMs?: number; retryMs?: number } = {},
  ) {
    this.snap = this.build();
  }

  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  };

  getSnapshot = (): FeedSnapshot => this.snap;

  /** (Re)starts the stream; with `since` the buffer starts empty and the engine replays from then. */
  start(since: string | undefined): void {
    this.stop();
    if (since !== undefined) this.reset();
    const gen = ++this.generation;
    this.state = 'connecting';
    this.error = undefined;
    const current = (): boolean => gen === this.generation;
    this.close = this.open(since, {
      onData: (ev) => {
        if (!current()) return;
        this.state = 'live';
        this.push(ev);
      },
      onError: (err) => {
        if (!current()) return;
        if (err.code === 'INVALID_ARGUMENT') this.fail(err.message);
        else this.retryLater(err.message);
      },
      onEnd: () => {
        if (current()) this.retryLater('The event stream ended');
      },
    });
    // A live stream says nothing until something happens: it counts as live once opened.
    if (since === undefined && current()) this.state = 'live';
    this.emit();
  }

  stop(): void {
    this.generation++;
    this.close?.();
    this.close = undefined;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  dispose(): void {
    this.stop();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.listeners.clear();
  }

  pause(): void {
    if (this.paused) return;
    this.flush();
    this.paused = true;
    this.emit();
  }

  resume(): void {
    if (!this.paused) return;
    this.flush();
    this.paused = false;
    this.show(this.heldEntries);
    this.heldEntries = [];
    this.heldCount = 0;
    this.emit();
  }

  /** Forgets every event kept so far (also those held while paused). */
  clear(): void {
    this.incoming = [];
    this.reset();
    this.emit();
  }

  private reset(): void {
    this.shown = [];
    this.heldEntries = [];
    this.heldCount = 0;
    this.capped = false;
  }

  private push(ev: EngineEvent): void {
    if (ev.type === 'berth') return;
    this.incoming.push({ seq: ++this.seq, ev });
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
      this.emit();
    }, this.opts.flushMs ?? 100);
  }

  private flush(): void {
    if (this.incoming.length === 0) return;
    const batch = this.incoming;
    this.incoming = [];
    if (this.paused) {
      this.heldEntries = appendCapped(this.heldEntries, batch, this.cap).entries;
      this.heldCount += batch.length;
    } else {
      this.show(batch);
    }
  }

  private show(batch: readonly EventEntry[]): void {
    if (batch.length === 0) return;
    const r = appendCapped(this.shown, batch, this.cap);
    this.shown = r.entries;
    if (r.dropped > 0 || this.heldCount > this.heldEntries.length) this.capped = true;
  }

  private get cap(): number {
    return this.opts.cap ?? EVENTS_CAP;
  }

  private fail(message: string): void {
    this.stop();
    this.state = 'failed';
    this.error = message;
    this.emit();
  }

  private retryLater(reason: string): void {
    this.stop();
    this.state = 'reconnecting';
    this.error = reason;
    this.emit();
    this.retryTimer = setTimeout(() => this.start(undefined), this.opts.retryMs ?? 1000);
  }

  private build(): FeedSnapshot {
    const s: FeedSnapshot = {
      entries: this.shown,
      paused: this.paused,
      held: this.heldCount,
      capped: this.capped,
      state: this.state,
    };
    if (this.error !== undefined) s.error = this.error;
    return s;
  }

  private emit(): void {
    this.snap = this.build();
    for (const l of [...this.listeners]) l();
  }
}
