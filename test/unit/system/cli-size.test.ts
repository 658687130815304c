import { expect, test } from 'vitest';
import { cliDfRow, goHumanSize } from '../../helpers/cli-size';

test('sizes read as the docker CLI prints them (go-units HumanSize)', () => {
  expect(goHumanSize(0)).toBe('0B');
  expect(goHumanSize(999)).toBe('999B');
  expect(goHumanSize(1000)).toBe('1kB');
  expect(goHumanSize(1234)).toBe('1.234kB');
  expect(goHumanSize(4_261_324)).toBe('4.261MB');
  expect(goHumanSize(999_999)).toBe('1000kB');
  expect(goHumanSize(1_500_000_000)).toBe('1.5GB');
});

test('reclaimable carries a truncated percentage where the CLI prints one', () => {
  expect(cliDfRow({ total: 3, active: 1, size: 3000, reclaimable: 1999 }, true)).toEqual({
    TotalCount: '3',
    Active: '1',
    Size: '3kB',
    Reclaimable: '1.999kB (66%)',
  });
  expect(cliDfRow({ total: 0, active: 0, size: 0, reclaimable: 0 }, true).Reclaimable).toBe('0B');
  expect(cliDfRow({ total: 2, active: 0, size: 10, reclaimable: 10 }, false).Reclaimable).toBe('10B');
});
