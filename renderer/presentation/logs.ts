import Anser from 'anser';
import type { LogLine } from '../../shared/models';
import { formatCount } from './format';

/**
 * Pure logic of the logs viewer: ANSI → styled segments, a capped line buffer that merges several
 * containers by timestamp, search (plain text or regex) with an incremental match index, and text
 * export. No React, no DOM: unit-tested in test/unit/logs.
 */

// ---------------------------------------------------------------------------------------------
// ANSI

export interface Segment {
  text: string;
  /** Theme-aware class for the 16 basic colours ("ansi-red", "ansi-bright-green"). */
  fgClass?: string;
  bgClass?: string;
  /** "r, g, b" for 256-colour and true-colour escapes. */
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

const ESC = '\x1b';
/** Every CSI / OSC / two-char escape; what a terminal would not print. */
// eslint-disable-next-line no-control-regex
const ANSI_RE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])/g;

export function hasAnsi(text: string): boolean {
  return text.includes(ESC);
}

/** The text a person sees: escapes removed. */
export function stripAnsi(text: string): string {
  return hasAnsi(text) ? text.replace(ANSI_RE, '') : text;
}

const CUBE = [0, 95, 135, 175, 215, 255];
/** xterm 256-colour palette entry 16..255 as "r, g, b" (0..15 are the themed basic colours). */
export function paletteRgb(n: number): string {
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `${v}, ${v}, ${v}`;
  }
  const i = n - 16;
  return `${CUBE[Math.floor(i / 36) % 6]}, ${CUBE[Math.floor(i / 6) % 6]}, ${CUBE[i % 6]}`;
}

const BASIC = [
  'ansi-black',
  'ansi-red',
  'ansi-green',
  'ansi-yellow',
  'ansi-blue',
  'ansi-magenta',
  'ansi-cyan',
  'ansi-white',
  'ansi-bright-black',
  'ansi-bright-red',
  'ansi-bright-green',
  'ansi-bright-yellow',
  'ansi-bright-blue',
  'ansi-bright-magenta',
  'ansi-bright-cyan',
  'ansi-bright-white',
];

function colour(cls: string | null, truecolor: string | null): { cls?: string; rgb?: string } {
  if (!cls) return {};
  if (cls === 'ansi-truecolor') return truecolor ? { rgb: truecolor } : {};
  const pal = /^ansi-palette-(\d+)$/.exec(cls);
  if (pal) {
    const n = Number(pal[1]);
    return n < 16 ? { cls: BASIC[n] ?? '' } : { rgb: paletteRgb(n) };
  }
  return { cls };
}

/** Styled runs of a line; a line without escapes is one plain segment (the common, fast case). */
export function ansiToSegments(text: string): Segment[] {
  if (!hasAnsi(text)) return [{ text }];
  const entries = Anser.ansiToJson(text, { json: true, use_classes: true, remove_empty: true });
  const out: Segment[] = [];
  for (const e of entries) {
    // Anser leaves non-SGR sequences (cursor moves, OSC titles) in the text: drop them.
    const t = stripAnsi(e.content);
    if (!t) continue;
    const seg: Segment = { text: t };
    const fg = colour(e.fg, e.fg_truecolor);
    const bg = colour(e.bg, e.bg_truecolor);
    if (fg.cls) seg.fgClass = fg.cls;
    if (fg.rgb) seg.fg = fg.rgb;
    if (bg.cls) seg.bgClass = bg.cls.replace(/^ansi-/, 'ansi-bg-');
    if (bg.rgb) seg.bg = bg.rgb;
    const d = e.decorations ?? [];
    if (d.includes('bold')) seg.bold = true;
    if (d.includes('dim')) seg.dim = true;
    if (d.includes('italic')) seg.italic = true;
    if (d.includes('underline')) seg.underline = true;
    out.push(seg);
  }
  return out;
}

/** The first `max` characters of styled segments. */
export function truncateSegments(segments: Segment[], max: number): Segment[] {
  const out: Segment[] = [];
  let left = max;
  for (const s of segments) {
    if (left <= 0) break;
    if (s.text.length <= left) out.push(s);
    else out.push({ ...s, text: s.text.slice(0, left) });
    left -= s.text.length;
  }
  return out;
}

export interface MarkedSegment extends Segment {
  mark?: boolean;
}

/** Splits segments at match ranges (offsets into the concatenated segment text) and flags the matched parts. */
export function markSegments(segments: Segment[], ranges: ReadonlyArray<readonly [number, number]>): MarkedSegment[] {
  if (ranges.length === 0) return segments;
  const out: MarkedSegment[] = [];
  let pos = 0;
  let r = 0;
  for (const s of segments) {
    const end = pos + s.text.length;
    let at = pos;
    while (at < end) {
      while (r < ranges.length && (ranges[r]?.[1] ?? 0) <= at) r++;
      const range = ranges[r];
      if (!range || range[0] >= end) {
        out.push(at === pos ? s : { ...s, text: s.text.slice(at - pos) });
        at = end;
      } else if (range[0] > at) {
        out.push({ ...s, text: s.text.slice(at - pos, range[0] - pos) });
        at = range[0];
      } else {
        const stop = Math.min(range[1], end);
        out.push({ ...s, text: s.text.slice(at - pos, stop - pos), mark: true });
        at = stop;
      }
    }
    pos = end;
  }
  return out;
}

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
// Search

export interface SearchQuery {
  text: string;
  regex: boolean;
  caseSensitive: boolean;
}

export type CompiledQuery = { ok: true; re: RegExp | undefined } | { ok: false; error: string };

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A global RegExp for the query; `re` undefined for an empty query; invalid regex → a message, not a throw. */
export function compileQuery(q: SearchQuery): CompiledQuery {
  if (!q.text) return { ok: true, re: undefined };
  try {
    return { ok: true, re: new RegExp(q.regex ? q.text : escapeRegex(q.text), q.caseSensitive ? 'g' : 'gi') };
  } catch (e) {
    return {
      ok: false,
      error: e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e),
    };
  }
}

export function lineMatches(plain: string, re: RegExp): boolean {
  re.lastIndex = 0;
  const hit = re.test(plain);
  re.lastIndex = 0;
  return hit;
}

/** [start, end) of every non-empty match (at most `limit`). */
export function findRanges(plain: string, re: RegExp, limit = 1000): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (out.length < limit && (m = re.exec(plain)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  re.lastIndex = 0;
  return out;
}

/**
 * Absolute positions of the matching lines of a buffer, kept up to date incrementally: appends scan
 * only the new lines, drops trim the front, anything else (new query, merge, prepend, clear) rescans.
 */
export class SearchIndex {
  private abs: number[] = [];
  private start = 0;
  private scannedTo = 0;
  private epoch = -1;
  private re: RegExp | undefined;

  setQuery(re: RegExp | undefined): void {
    this.re = re;
    this.epoch = -1;
  }

  get active(): boolean {
    return this.re !== undefined;
  }

  /** Brings the index up to date with the buffer; returns true when the matches changed. */
  update(buf: LogBuffer): boolean {
    const re = this.re;
    if (!re) {
      const had = this.count > 0;
      this.abs = [];
      this.start = 0;
      return had;
    }
    let changed = false;
    if (this.epoch !== buf.epoch) {
      this.abs = [];
      this.start = 0;
      this.scannedTo = buf.firstAbs;
      this.epoch = buf.epoch;
      changed = true;
    }
    const from = Math.max(this.scannedTo, buf.firstAbs);
    for (let a = from; a < buf.endAbs; a++) {
      const l = buf.atAbs(a);
      if (l && lineMatches(stripAnsi(l.text), re)) {
        this.abs.push(a);
        changed = true;
      }
    }
    this.scannedTo = buf.endAbs;
    while (this.start < this.abs.length && (this.abs[this.start] as number) < buf.firstAbs) {
      this.start++;
      changed = true;
    }
    if (this.start > 4096 && this.start > this.abs.length >> 1) {
      this.abs = this.abs.slice(this.start);
      this.start = 0;
    }
    return changed;
  }

  get count(): number {
    return this.abs.length - this.start;
  }

  /** Absolute position of the i-th match. */
  matchAbs(i: number): number | undefined {
    return this.abs[this.start + i];
  }

  /** Index of the first match at or after `abs` (count when none). */
  indexAtOrAfter(abs: number): number {
    let lo = this.start;
    let hi = this.abs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.abs[mid] as number) < abs) lo = mid + 1;
      else hi = mid;
    }
    return lo - this.start;
  }
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
