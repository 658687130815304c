import { describe, expect, test } from 'vitest';
import { LineSplitter } from '../../../electron/engine/lines';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('LineSplitter', () => {
  test('splits complete lines and carries a partial line to the next chunk', () => {
    const s = new LineSplitter();
    expect(s.push('one\ntw')).toEqual(['one']);
    expect(s.push('o\nthr')).toEqual(['two']);
    expect(s.push('ee')).toEqual([]);
    expect(s.push('\n')).toEqual(['three']);
    expect(s.end()).toEqual([]);
  });

  test('several lines in one chunk, empty lines kept', () => {
    const s = new LineSplitter();
    expect(s.push(bytes('a\n\nb\nc\n'))).toEqual(['a', '', 'b', 'c']);
  });

  test('a trailing line without newline comes out on end(), once', () => {
    const s = new LineSplitter();
    expect(s.push(bytes('first\nlast'))).toEqual(['first']);
    expect(s.end()).toEqual(['last']);
    expect(s.end()).toEqual([]);
  });

  test('multi-byte UTF-8 characters split across chunks are decoded whole', () => {
    const text = 'héllo wörld 🐳 容器\nnext ✓\n';
    const all = bytes(text);
    // Every possible split point, including inside the 4-byte whale and the 3-byte CJK characters.
    for (let cut = 1; cut < all.length; cut++) {
      const s = new LineSplitter();
      const lines = [...s.push(all.subarray(0, cut)), ...s.push(all.subarray(cut)), ...s.end()];
      expect(lines, `cut at ${cut}`).toEqual(['héllo wörld 🐳 容器', 'next ✓']);
    }
  });

  test('byte-at-a-time input', () => {
    const s = new LineSplitter();
    const out: string[] = [];
    for (const b of bytes('🐳\n日本\nend')) out.push(...s.push(new Uint8Array([b])));
    out.push(...s.end());
    expect(out).toEqual(['🐳', '日本', 'end']);
  });

  test('a truncated UTF-8 sequence at end() becomes a replacement character, not a crash', () => {
    const s = new LineSplitter();
    const whale = bytes('🐳');
    expect(s.push(whale.subarray(0, 2))).toEqual([]);
    expect(s.end()).toEqual(['\uFFFD']);
  });

  test('CRLF: the \\r stays on the line (callers trim when they need to)', () => {
    const s = new LineSplitter();
    expect(s.push('a\r\nb\r\n')).toEqual(['a\r', 'b\r']);
  });
});
