import Anser from 'anser';

/** ANSI escape sequences in log lines → styled segments (classes for the 16 colours, rgb otherwise). Pure. */

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
