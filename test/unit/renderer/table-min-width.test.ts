import { expect, test } from 'vitest';
import { fitColumns, FLEX_MIN, PERCENT_MIN, tableMinWidth } from '../../../renderer/components/tableMinWidth';

test('fixed columns add up, a flexible one keeps its minimum', () => {
  expect(tableMinWidth([{ width: 100 }, { width: 50 }, {}])).toBe(150 + FLEX_MIN);
  expect(tableMinWidth([{ width: 100 }, { minWidth: 200 }], 36)).toBe(336);
});

test('percentages are of the table: the width is solved so flexible columns keep their minimum', () => {
  // 15% image column beside 600 px fixed and a 170 px name: W = 770 / 0.85.
  const w = tableMinWidth([{ minWidth: 170 }, { width: '15%', minWidth: 110 }, { width: 600 }]);
  expect(w).toBe(Math.ceil(770 / 0.85));
  const name = w - 600 - 0.15 * w;
  expect(name).toBeGreaterThanOrEqual(170);
  expect(0.15 * w).toBeGreaterThanOrEqual(110);
});

test("a percentage column's own minimum can set the width", () => {
  // 10% must be at least 80 px: W ≥ 800, more than the 150 px of the rest needs.
  expect(tableMinWidth([{ width: '10%' }, { width: 150 }])).toBe(Math.ceil(PERCENT_MIN / 0.1));
});

test('other CSS lengths count their minimum as fixed; percentages over 95% cannot blow up', () => {
  expect(tableMinWidth([{ width: '8rem', minWidth: 90 }, { width: 10 }])).toBe(100);
  expect(Number.isFinite(tableMinWidth([{ width: '100%' }, {}]))).toBe(true);
});

test('fitColumns drops optional columns, the last first, until the rest fit; else keeps all', () => {
  const cols = [
    { id: 'name', minWidth: 140 },
    { id: 'cpu', width: 64, optional: true },
    { id: 'status', width: 140 },
    { id: 'created', width: 116, optional: true },
  ];
  const ids = (w: number): string[] => fitColumns(cols, w).map((c) => c.id);
  expect(ids(460)).toEqual(['name', 'cpu', 'status', 'created']);
  expect(ids(459)).toEqual(['name', 'cpu', 'status']);
  expect(ids(343)).toEqual(['name', 'status']);
  // Nothing optional left: the table keeps its columns and scrolls.
  expect(ids(100)).toEqual(['name', 'status']);
  // Before the box is measured (0), nothing is dropped; the same array comes back when all fit.
  expect(fitColumns(cols, 0)).toBe(cols);
  expect(fitColumns(cols, 2000)).toBe(cols);
});
