import type { ResultRow } from '../types';

const HEADERS = ['Measure', 'Berth', 'docker CLI', 'Ratio / target', 'Result'] as const;

export function verdict(pass: boolean | null, error?: boolean): string {
  if (error) return 'ERROR';
  if (pass === null) return 'info';
  return pass ? 'pass' : 'MISSED';
}

/** Renders rows as a plain-text table (fits a terminal; long measure names wrap to the column). */
export function renderTable(rows: readonly (ResultRow & { error?: boolean })[]): string {
  const cells = rows.map((r) => [r.measure, r.berth, r.cli, r.target, verdict(r.pass, r.error)]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  widths[0] = Math.min(widths[0] as number, 64);
  const line = (cols: readonly string[]): string[] => {
    // Wrap the first column; other columns stay on the first physical line.
    const first = wrap(cols[0] ?? '', widths[0] as number);
    return first.map((part, k) =>
      [part, ...cols.slice(1).map((c) => (k === 0 ? c : ''))]
        .map((c, i) => c.padEnd(widths[i] as number))
        .join(' │ ')
        .trimEnd(),
    );
  };
  const sep = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return [...line(HEADERS), sep, ...cells.flatMap(line)].join('\n');
}

function wrap(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const out: string[] = [];
  let cur = '';
  for (const word of text.split(' ')) {
    if (cur && cur.length + 1 + word.length > width) {
      out.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) out.push(cur);
  return out;
}
