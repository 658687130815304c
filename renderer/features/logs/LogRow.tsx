import { memo, type CSSProperties } from 'react';
import {
  ansiToSegments,
  markSegments,
  stripAnsi,
  truncateSegments,
  type MarkedSegment,
  type Segment,
} from '../../presentation/ansi';
import { findRanges } from '../../presentation/log-search';
import { formatLogTime, type LogEntry } from '../../presentation/logs';
import { formatLineCount } from '../../presentation/logs';

/** Characters rendered per line; longer lines get a "Show full line" button (a 100k-char line stays cheap). */
export const RENDER_CAP = 10_000;

export interface LogRowProps {
  entry: LogEntry;
  index: number;
  style: CSSProperties;
  timestamps: boolean;
  /** Prefix for merged views: the container's name, or its compose service label ("web-1"). */
  name: string | undefined;
  /** Tooltip of the prefix (the container's name). */
  title?: string | undefined;
  /** Palette colour of the prefix (0–7). */
  colour?: number;
  re: RegExp | undefined;
  current: boolean;
  measure?: ((el: HTMLElement | null) => void) | undefined;
  onShowFull: (entry: LogEntry) => void;
}

/** Inline colours of an ANSI segment (24-bit / 256-colour); palette colours come from classes. */
export function segmentStyle(s: Segment): CSSProperties | undefined {
  if (!s.fg && !s.bg) return undefined;
  const st: CSSProperties = {};
  if (s.fg) st.color = `rgb(${s.fg})`;
  if (s.bg) st.backgroundColor = `rgb(${s.bg})`;
  return st;
}

/** Classes of an ANSI segment (palette colours, bold, dim, italic, underline). */
export function segmentClass(s: Segment): string | undefined {
  const c: string[] = [];
  if (s.fgClass) c.push(s.fgClass);
  if (s.bgClass) c.push(s.bgClass);
  if (s.bold) c.push('ansi-bold');
  if (s.dim) c.push('ansi-dim');
  if (s.italic) c.push('ansi-italic');
  if (s.underline) c.push('ansi-underline');
  return c.length ? c.join(' ') : undefined;
}

export const LogRow = memo(function LogRow({
  entry,
  index,
  style,
  timestamps,
  name,
  title,
  colour,
  re,
  current,
  measure,
  onShowFull,
}: LogRowProps) {
  const long = entry.text.length > RENDER_CAP;
  let segments: MarkedSegment[] = ansiToSegments(entry.text);
  if (long) segments = truncateSegments(segments, RENDER_CAP);
  if (re) {
    const plain = stripAnsi(entry.text);
    const ranges = findRanges(long ? plain.slice(0, RENDER_CAP) : plain, re);
    if (ranges.length) segments = markSegments(segments, ranges);
  }
  const stderr = entry.stream === 'stderr';
  const cls = `log-row${stderr ? ' is-stderr' : ''}${current ? ' is-current' : ''}`;
  return (
    <div className={cls} style={style} data-index={index} ref={measure}>
      {stderr && <span className="sr-only">stderr: </span>}
      {name !== undefined && (
        <span className={`log-src log-src-${(colour ?? entry.src) % 8}`} title={title ?? name}>
          {name}
        </span>
      )}
      {timestamps && entry.ts && (
        <span className="log-ts" title={entry.ts}>
          {formatLogTime(entry.ts)}
        </span>
      )}
      {long && (
        // At the start of the row, so it is reachable without scrolling 10,000 characters to the right.
        <button type="button" className="log-more" onClick={() => onShowFull(entry)}>
          Show full line ({formatLineCount(stripAnsi(entry.text).length)} characters)
        </button>
      )}
      <span className="log-text">
        {segments.map((s, i) => {
          const c = segmentClass(s);
          const st = segmentStyle(s);
          if (s.mark) {
            return (
              <mark key={i} className={c} style={st}>
                {s.text}
              </mark>
            );
          }
          return c || st ? (
            <span key={i} className={c} style={st}>
              {s.text}
            </span>
          ) : (
            s.text
          );
        })}
      </span>
    </div>
  );
});
