import { describe, expect, test } from 'vitest';
import { jsonTooDeep } from '../../../electron/ipc/json-depth';

describe('jsonTooDeep', () => {
  test('counts array and object nesting up to the limit', () => {
    expect(jsonTooDeep('[[[1]]]', 3)).toBe(false);
    expect(jsonTooDeep('[[[[1]]]]', 3)).toBe(true);
    expect(jsonTooDeep('{"a":{"b":{"c":[1]}}}', 3)).toBe(true);
    expect(jsonTooDeep('{"a":{"b":{"c":1}},"d":{"e":[1]}}', 3)).toBe(false);
    expect(jsonTooDeep('[]'.repeat(1000), 1)).toBe(false); // wide is fine, only deep counts
  });

  test('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonTooDeep(JSON.stringify({ s: '[[[[{{{{' }), 1)).toBe(false);
    expect(jsonTooDeep(JSON.stringify({ s: 'a"[[[[\\"[[' }), 1)).toBe(false);
    expect(jsonTooDeep(`{"s":"\\\\"}${'['.repeat(5)}`, 3)).toBe(true); // an escaped backslash ends the string
  });

  test('a megabyte-deep frame is refused in one pass', () => {
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    const t = performance.now();
    expect(jsonTooDeep(deep, 64)).toBe(true);
    expect(performance.now() - t).toBeLessThan(100);
  });
});
