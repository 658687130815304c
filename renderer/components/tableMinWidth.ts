/**
 * The narrowest a DataTable may get before it scrolls sideways instead of squeezing columns: every
 * column without a width keeps its `minWidth` (default FLEX_MIN), every percentage column keeps its
 * own, and fixed columns keep theirs. Percentages are of the table's own width, so the sum is solved
 * for it: W = fixed + Σ flexMin + Σ p·W  →  W = (fixed + Σ flexMin) / (1 − Σ p).
 */
export const FLEX_MIN = 140;
export const PERCENT_MIN = 80;

export interface WidthSpec {
  width?: number | string;
  minWidth?: number;
  /** May be hidden when the table is too narrow for every column (the last such column first). */
  optional?: boolean;
}

function percentOf(width: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)%\s*$/.exec(width);
  return m ? Number(m[1]) / 100 : undefined;
}

export function tableMinWidth(columns: readonly WidthSpec[], extraFixed = 0): number {
  let fixed = extraFixed;
  let flex = 0;
  let percent = 0;
  let byPercentMin = 0;
  for (const c of columns) {
    if (typeof c.width === 'number') {
      fixed += c.width;
    } else if (c.width === undefined) {
      flex += c.minWidth ?? FLEX_MIN;
    } else {
      const p = percentOf(c.width);
      if (p === undefined) {
        fixed += c.minWidth ?? PERCENT_MIN; // another CSS length: its own minimum stands in
      } else {
        percent += p;
        byPercentMin = Math.max(byPercentMin, (c.minWidth ?? PERCENT_MIN) / p);
      }
    }
  }
  const rest = Math.max(1 - percent, 0.05);
  return Math.ceil(Math.max((fixed + flex) / rest, byPercentMin));
}

/**
 * The columns to show in `available` px: every column when they fit at their minimum, else drop
 * optional columns, the last first, until they do (or none is left to drop: the table then scrolls).
 */
export function fitColumns<C extends WidthSpec>(columns: readonly C[], available: number, extraFixed = 0): C[] {
  const shown = [...columns];
  while (available > 0 && tableMinWidth(shown, extraFixed) > available) {
    const i = shown.map((c) => c.optional === true).lastIndexOf(true);
    if (i < 0) break;
    shown.splice(i, 1);
  }
  return shown.length === columns.length ? (columns as C[]) : shown;
}
