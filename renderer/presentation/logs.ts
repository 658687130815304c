import type { LogLine } from '../../shared/models';
import { stripAnsi } from './ansi';
import { formatCount } from './format';

/**
 * Pure logic of the logs viewer: a capped line buffer that merges several containers by timestamp,
 * text export, and where a resumed stream picks up. ANSI styling is in ./ansi, search in ./log-search.
 * No React, no DOM: unit-tested in test/unit/logs.
 */

// ---------------------------------------------------------------------------------------------
// Buffer

/** A line in the viewer: the wire line plus the index of its source container. */
export interface LogEntry extends LogLine {
  src: number;
}

/** Orders by timestamp; equal (or missing) timestamps keep arrival order (stable). */
export function compareTs(a: LogEntry, b: LogEntry): number {
  return a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0;
}

/** Merges two timestamp-ordered lists into one (stable: on equal ts, `a` first). */
export function mergeByTs(a: readonly LogEntry[], b: readonly LogEntry[]): LogEntry[] {
  const out: LogEntry[] = new Array<LogEntry>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as LogEntry;
    const y = b[j] as LogEntry;
    if (compareTs(y, x) < 0) {
      out[k++] = y;
      j++;
    } else {
      out[k++] = x;
      i++;
    }
  }
  while (i < a.length) out[k++] = a[i++] as LogEntry;
  while (j < b.length) out[k++] = b[j++] as LogEntry;
  return out;
}

export const DEFAULT_LINE_CAP = 200_000;

/**
 * The lines on screen, capped: appending past the cap drops the oldest lines (counted in `dropped`).
 * With several sources (`merge`), out-of-order arrivals are merged into place by timestamp.
 *
 * Lines have stable absolute positions: `abs = dropped + index`. `epoch` changes whenever lines move
 * other than by appending/dropping (merge into the middle, prepend, clear), so indexes built on
 * absolute positions know to rebuild.
 */
export class LogBuffer {
  private lines: LogEntry[] = [];
  private head = 0;
  /** Lines dropped from the front (cap) since the last clear. */
  dropped = 0;
  /** Lines appended (not prepended) since the session started; survives clear. */
  received = 0;
  epoch = 0;
  /** Longest line seen (characters), for the no-wrap scroll width. */
  maxLength = 0;

  constructor(
    readonly cap: number = DEFAULT_LINE_CAP,
    readonly merge: boolean = false,
  ) {}

  get length(): number {
    return this.lines.length - this.head;
  }

  /** Absolute position of the first line on screen. */
  get firstAbs(): number {
    return this.dropped;
  }

  /** Absolute position after the last line. */
  get endAbs(): number {
    return this.dropped + this.length;
  }

  at(index: number): LogEntry | undefined {
    return index < 0 ? undefined : this.lines[this.head + index];
  }

  atAbs(abs: number): LogEntry | undefined {
    return this.at(abs - this.dropped);
  }

  first(): LogEntry | undefined {
    return this.at(0);
  }

  last(): LogEntry | undefined {
    return this.lines[this.lines.length - 1];
  }

  append(batch: LogEntry[]): void {
    if (batch.length === 0) return;
    this.received += batch.length;
    for (const l of batch) if (l.text.length > this.maxLength) this.maxLength = l.text.length;
    const last = this.last();
    if (this.merge) {
      const sorted = isSorted(batch) ? batch : [...batch].sort(compareTs);
      const firstNew = sorted[0] as LogEntry;
      if (last && compareTs(firstNew, last) < 0) {
        // Merge into place: only the suffix newer than the batch's first line moves.
        const pos = this.upperBound(firstNew.ts);
        const tail = this.lines.splice(pos);
        this.pushAll(mergeByTs(tail, sorted));
        this.epoch++;
      } else this.pushAll(sorted);
    } else this.pushAll(batch);
    this.enforceCap();
  }

  /** Older lines (ordered) before the first one; only as many as fit under the cap. Returns how many were added. */
  prepend(older: LogEntry[]): number {
    const room = this.cap - this.length;
    if (room <= 0 || older.length === 0) return 0;
    const take = older.length > room ? older.slice(older.length - room) : older;
    for (const l of take) if (l.text.length > this.maxLength) this.maxLength = l.text.length;
    this.lines = [...take, ...this.lines.slice(this.head)];
    this.head = 0;
    this.epoch++;
    return take.length;
  }

  clear(): void {
    this.lines = [];
    this.head = 0;
    this.dropped = 0;
    this.maxLength = 0;
    this.epoch++;
  }

  /** The lines from `start` to `end` (view indexes). */
  slice(start = 0, end = this.length): LogEntry[] {
    return this.lines.slice(this.head + start, this.head + end);
  }

  private pushAll(items: LogEntry[]): void {
    // No push(...items): large spreads overflow the stack.
    for (const l of items) this.lines.push(l);
  }

  /** First array index (absolute in `lines`) whose ts is greater than `ts`. */
  private upperBound(ts: string): number {
    let lo = this.head;
    let hi = this.lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.lines[mid] as LogEntry).ts <= ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private enforceCap(): void {
    const over = this.length - this.cap;
    if (over <= 0) return;
    this.head += over;
    this.dropped += over;
    // Compact once the dead prefix is large, so memory stays ~2× the cap at most.
    if (this.head > Math.max(1024, this.cap >> 1)) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
  }
}

function isSorted(batch: LogEntry[]): boolean {
  for (let i = 1; i < batch.length; i++) if ((batch[i] as LogEntry).ts < (batch[i - 1] as LogEntry).ts) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Text

export interface TextOptions {
  timestamps?: boolean;
  /** Source names for a merged view: each line gets "name | " in front. */
  names?: readonly string[];
}

/** One line as plain text (escapes removed), as saved to a file or copied. */
export function lineToText(l: LogEntry, opts: TextOptions = {}): string {
  let s = stripAnsi(l.text);
  if (opts.timestamps && l.ts) s = `${l.ts} ${s}`;
  if (opts.names && opts.names.length > 1) s = `${opts.names[l.src] ?? '?'} | ${s}`;
  return s;
}

export function linesToText(lines: readonly LogEntry[], opts: TextOptions = {}): string {
  let out = '';
  for (const l of lines) out += lineToText(l, opts) + '\n';
  return out;
}

/** "2024-05-01 10:00:00.123" in local time (the full nanosecond value stays in a tooltip). */
export function formatLogTime(ts: string): string {
  if (!ts) return '';
  const ms = Date.parse(ts);
  if (Number.isNaN(ms)) return ts;
  const d = new Date(ms);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** File name for a download: "<name>-<yyyymmdd-hhmmss>.log". */
export function logFileName(names: readonly string[], now: Date = new Date()): string {
  const base = (names.length === 1 ? (names[0] ?? 'logs') : `merged-${names.length}`).replace(/[^\w.-]+/g, '_');
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `${base}-${stamp}.log`;
}

/** "1,234" (by hand, see formatCount: toLocaleString costs ~0.2 ms a call, several per render here). */
export function formatLineCount(n: number): string {
  return formatCount(n);
}

// ---------------------------------------------------------------------------------------------
// Resuming a followed stream

/** Where a resumed stream continues: the newest timestamp shown and the texts of its lines. */
export interface ResumePoint {
  ts: string;
  texts: string[];
}

/**
 * True for a line a resumed stream sends again: older than the resume point, or at its timestamp with
 * a text shown there (each shown line matches once, so a repeated line that is new still shows).
 * Engine timestamps are fixed-width RFC 3339 (nanoseconds), so they compare as strings.
 */
export function alreadyShown(line: LogLine, at: ResumePoint): boolean {
  if (line.ts < at.ts) return true;
  if (line.ts > at.ts) return false;
  const k = at.texts.indexOf(line.text);
  if (k < 0) return false;
  at.texts.splice(k, 1);
  return true;
}
