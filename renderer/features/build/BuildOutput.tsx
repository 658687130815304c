import { memo, useLayoutEffect, useRef } from 'react';
import { ansiToSegments } from '../../presentation/ansi';
import type { BuildLine } from '../../presentation/build';
import { formatCount } from '../../presentation/format';
import { segmentClass, segmentStyle } from '../logs/LogRow';
import '../logs/logs.css';

const Line = memo(function Line({ line, failing }: { line: BuildLine; failing: boolean }) {
  const cls = `build-line is-${line.kind}${failing ? ' is-failing' : ''}`;
  return (
    <div className={cls}>
      {ansiToSegments(line.text || ' ').map((s, i) => {
        const c = segmentClass(s);
        const st = segmentStyle(s);
        return c || st ? (
          <span key={i} className={c} style={st}>
            {s.text}
          </span>
        ) : (
          s.text
        );
      })}
    </div>
  );
});

export interface BuildOutputProps {
  lines: readonly BuildLine[];
  dropped: number;
  /** Ids of the failing step's lines (highlighted). */
  failing: ReadonlySet<number>;
  /** Changes whenever new lines arrived (re-checks the scroll position). */
  version: number;
}

/** The builder's output: monospace, ANSI colours, follows the end unless the reader scrolled up. */
export function BuildOutput({ lines, dropped, failing, version }: BuildOutputProps) {
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [version, lines.length]);

  // A failure scrolls its first line into view once, so the reader sees the step and its output.
  const firstFailing = failing.size ? Math.min(...failing) : undefined;
  useLayoutEffect(() => {
    if (firstFailing === undefined) return;
    const el = ref.current?.querySelector('.build-line.is-failing');
    if (el instanceof HTMLElement && ref.current) {
      const box = ref.current;
      const top = el.offsetTop - box.offsetTop;
      if (box.scrollTop > top || box.scrollTop + box.clientHeight < top + el.clientHeight) {
        box.scrollTop = Math.max(0, Math.min(top - 8, box.scrollHeight - box.clientHeight));
      }
    }
  }, [firstFailing]);

  return (
    <div
      ref={ref}
      className="logs build-output mono"
      role="log"
      aria-label="Build output"
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
    >
      {dropped > 0 && <div className="build-line is-note">{formatCount(dropped)} earlier lines not shown</div>}
      {lines.map((l) => (
        <Line key={l.id} line={l} failing={failing.has(l.id)} />
      ))}
      {lines.length === 0 && <div className="build-line is-note">Waiting for the engine…</div>}
    </div>
  );
}
