import { describe, expect, test } from 'vitest';
import {
  compareGroupKeys,
  flatItems,
  groupItemId,
  groupItems,
  OTHER_GROUP,
  type TableItem,
} from '../../../renderer/components/tableGroups';

interface Row {
  name: string;
  project?: string;
}

/** Rows as tanstack hands them over: already filtered and sorted. */
const sorted = (rows: Row[]): { id: string; original: Row }[] => rows.map((r) => ({ id: r.name, original: r }));
const keyOf = (r: Row): string | undefined => r.project;
const ids = (items: TableItem<Row>[]): string[] => items.map((i) => i.id);

const rows = sorted([
  { name: 'web-2', project: 'shop' },
  { name: 'solo' },
  { name: 'db-1', project: 'blog' },
  { name: 'web-1', project: 'shop' },
  { name: 'other', project: '' },
  { name: 'api-1', project: 'app10' },
  { name: 'api-2', project: 'app9' },
]);

describe('groupItems', () => {
  test('one header per project by name (numeric-aware), "no project" last, rows in the sorted order', () => {
    expect(ids(groupItems(rows, keyOf, new Set()))).toEqual([
      'group:app9',
      'api-2',
      'group:app10',
      'api-1',
      'group:blog',
      'db-1',
      'group:shop',
      'web-2',
      'web-1',
      groupItemId(OTHER_GROUP),
      'solo',
      'other',
    ]);
  });

  test('a header carries its rows and ids; rows know their group', () => {
    const items = groupItems(rows, keyOf, new Set());
    const shop = items.find((i) => i.id === 'group:shop');
    expect(shop).toMatchObject({ kind: 'group', key: 'shop', expanded: true, rowIds: ['web-2', 'web-1'] });
    expect(items.find((i) => i.id === 'solo')).toMatchObject({ kind: 'row', group: OTHER_GROUP });
  });

  test('a collapsed group keeps its header (with all its rows counted) but hides its rows', () => {
    const items = groupItems(rows, keyOf, new Set(['shop', OTHER_GROUP]));
    const hidden = new Set(['web-1', 'web-2', 'solo', 'other']);
    expect(ids(items)).toEqual(ids(groupItems(rows, keyOf, new Set())).filter((id) => !hidden.has(id)));
    const shop = items.find((i) => i.id === 'group:shop');
    expect(shop).toMatchObject({ expanded: false, rowIds: ['web-2', 'web-1'] });
    expect(shop?.kind === 'group' ? shop.rows.map((r) => r.name) : []).toEqual(['web-2', 'web-1']);
  });

  test('no rows, no groups; a filtered-out project has no header', () => {
    expect(groupItems([], keyOf, new Set())).toEqual([]);
    expect(ids(groupItems(sorted([{ name: 'a', project: 'p' }]), keyOf, new Set()))).toEqual(['group:p', 'a']);
  });

  test('flat items keep the sorted order and carry no group', () => {
    expect(flatItems(rows).map((i) => [i.id, i.kind === 'row' ? i.group : 'x'])).toEqual(
      rows.map((r) => [r.id, undefined]),
    );
  });

  test('compareGroupKeys puts the key-less group last whatever the names', () => {
    expect(['', 'zeta', 'Alpha', 'beta'].sort(compareGroupKeys)).toEqual(['Alpha', 'beta', 'zeta', '']);
  });
});
