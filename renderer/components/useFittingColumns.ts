import { useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import type { Column } from './dataTableTypes';
import { fitColumns, tableMinWidth } from './tableMinWidth';

/**
 * The columns that fit the table's scroll box (followed with a ResizeObserver) and the table's min
 * width: optional columns give way first; below that the table scrolls sideways rather than squeeze
 * a column under its minimum.
 */
export function useFittingColumns<T>(
  columns: readonly Column<T>[],
  boxRef: RefObject<HTMLElement | null>,
  extraFixed: number,
): { shown: readonly Column<T>[]; minWidth: number } {
  const [available, setAvailable] = useState(0);
  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    setAvailable(box.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setAvailable(box.clientWidth));
    ro.observe(box);
    return () => ro.disconnect();
  }, [boxRef]);
  const shown = useMemo(() => fitColumns(columns, available, extraFixed), [columns, available, extraFixed]);
  return { shown, minWidth: tableMinWidth(shown, extraFixed) };
}
