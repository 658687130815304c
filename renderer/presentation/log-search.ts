import { stripAnsi } from './ansi';
import type { LogBuffer } from './logs';

/** Log search: a plain-text or regex query, and an index of matching lines kept up to date incrementally. Pure. */

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
