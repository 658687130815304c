import { describe, expect, test } from 'vitest';
import { ansiToSegments, markSegments, stripAnsi, truncateSegments } from '../../../renderer/presentation/ansi';
import { SearchIndex, compileQuery, findRanges } from '../../../renderer/presentation/log-search';
import { LogBuffer, linesToText, mergeByTs, type LogEntry } from '../../../renderer/presentation/logs';

const e = (ts: string, text: string, src = 0, stream: 'stdout' | 'stderr' = 'stdout'): LogEntry => ({
  ts,
  text,
  src,
  stream,
});
const t = (n: number): string => `2024-05-01T10:00:00.${String(n).padStart(9, '0')}Z`;

describe('ANSI', () => {
  test('plain text is one segment; colours become classes, 256/true colours rgb', () => {
    expect(ansiToSegments('plain')).toEqual([{ text: 'plain' }]);
    const segs = ansiToSegments('a\x1b[31mred\x1b[0m \x1b[1;92mok\x1b[0m \x1b[38;5;196mX\x1b[38;2;1;2;3mT\x1b[41mB');
    expect(segs).toEqual([
      { text: 'a' },
      { text: 'red', fgClass: 'ansi-red' },
      { text: ' ' },
      { text: 'ok', fgClass: 'ansi-bright-green', bold: true },
      { text: ' ' },
      { text: 'X', fg: '255, 0, 0' },
      { text: 'T', fg: '1, 2, 3' },
      { text: 'B', fg: '1, 2, 3', bgClass: 'ansi-bg-red' },
    ]);
  });

  test('non-colour escapes are removed', () => {
    expect(stripAnsi('\x1b[2K\x1b[1Gprogress \x1b]0;title\x07done')).toBe('progress done');
    expect(
      ansiToSegments('\x1b[2Kx')
        .map((s) => s.text)
        .join(''),
    ).toBe('x');
  });

  test('truncate and mark split segments at the right places', () => {
    const segs = ansiToSegments('ab\x1b[31mcdef\x1b[0mgh');
    expect(truncateSegments(segs, 4).map((s) => s.text)).toEqual(['ab', 'cd']);
    const marked = markSegments(segs, [
      [1, 3],
      [5, 7],
    ]);
    expect(marked.map((s) => [s.text, !!s.mark, s.fgClass ?? ''])).toEqual([
      ['a', false, ''],
      ['b', true, ''],
      ['c', true, 'ansi-red'],
      ['de', false, 'ansi-red'],
      ['f', true, 'ansi-red'],
      ['g', true, ''],
      ['h', false, ''],
    ]);
  });
});

describe('LogBuffer', () => {
  test('caps lines, counts dropped and received', () => {
    const b = new LogBuffer(5);
    for (let i = 0; i < 4; i++) b.append([e(t(i * 3), `a${i}`), e(t(i * 3 + 1), `b${i}`), e(t(i * 3 + 2), `c${i}`)]);
    expect(b.length).toBe(5);
    expect(b.dropped).toBe(7);
    expect(b.received).toBe(12);
    expect(b.slice().map((l) => l.text)).toEqual(['b2', 'c2', 'a3', 'b3', 'c3']);
    expect(b.firstAbs).toBe(7);
    expect(b.atAbs(8)?.text).toBe('c2');
    b.clear();
    expect([b.length, b.dropped, b.received]).toEqual([0, 0, 12]);
  });

  test('survives many drops with compaction', () => {
    const b = new LogBuffer(3000);
    for (let i = 0; i < 100; i++)
      b.append(Array.from({ length: 1000 }, (_, j) => e(t(i * 1000 + j), `${i * 1000 + j}`)));
    expect(b.length).toBe(3000);
    expect(b.first()?.text).toBe('97000');
    expect(b.last()?.text).toBe('99999');
    expect(b.dropped).toBe(97000);
  });

  test('merge mode keeps lines of several sources in timestamp order', () => {
    const b = new LogBuffer(100, true);
    b.append([e(t(1), 'a1', 0), e(t(4), 'a4', 0), e(t(6), 'a6', 0)]);
    const epoch = b.epoch;
    b.append([e(t(2), 'b2', 1), e(t(5), 'b5', 1)]);
    expect(b.epoch).not.toBe(epoch);
    b.append([e(t(7), 'b7', 1)]);
    b.append([e(t(3), 'c3', 2), e(t(8), 'c8', 2)]);
    expect(b.slice().map((l) => l.text)).toEqual(['a1', 'b2', 'c3', 'a4', 'b5', 'a6', 'b7', 'c8']);
  });

  test('mergeByTs is stable', () => {
    expect(mergeByTs([e(t(1), 'a'), e(t(2), 'b')], [e(t(1), 'x'), e(t(3), 'y')]).map((l) => l.text)).toEqual([
      'a',
      'x',
      'b',
      'y',
    ]);
  });

  test('prepend respects the cap', () => {
    const b = new LogBuffer(4);
    b.append([e(t(5), 'e'), e(t(6), 'f')]);
    expect(b.prepend([e(t(1), 'a'), e(t(2), 'b'), e(t(3), 'c')])).toBe(2);
    expect(b.slice().map((l) => l.text)).toEqual(['b', 'c', 'e', 'f']);
  });
});

describe('search', () => {
  test('plain text is literal, case-insensitive by default; regex and case options', () => {
    const lit = compileQuery({ text: 'a.b', regex: false, caseSensitive: false });
    expect(lit.ok && findRanges('A.B axb a.b', lit.re!)).toEqual([
      [0, 3],
      [8, 11],
    ]);
    const rx = compileQuery({ text: 'a.b', regex: true, caseSensitive: true });
    expect(rx.ok && findRanges('A.B axb a.b', rx.re!)).toEqual([
      [4, 7],
      [8, 11],
    ]);
    const bad = compileQuery({ text: '(unclosed', regex: true, caseSensitive: false });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/unterminated|group/i);
    const empty = compileQuery({ text: 'x*', regex: true, caseSensitive: false });
    expect(empty.ok && findRanges('abc', empty.re!)).toEqual([]);
  });

  test('the index follows appends, drops and rebuilds', () => {
    const b = new LogBuffer(6);
    const idx = new SearchIndex();
    const q = compileQuery({ text: 'err', regex: false, caseSensitive: false });
    idx.setQuery(q.ok ? q.re : undefined);
    b.append([e(t(1), 'ok'), e(t(2), 'ERR one'), e(t(3), 'fine'), e(t(4), '\x1b[31merr\x1b[0m two')]);
    idx.update(b);
    expect(idx.count).toBe(2);
    expect([idx.matchAbs(0), idx.matchAbs(1)]).toEqual([1, 3]);
    b.append([e(t(5), 'x'), e(t(6), 'y'), e(t(7), 'err three'), e(t(8), 'z')]);
    idx.update(b); // 2 dropped: 'ok' and 'ERR one'
    expect(idx.count).toBe(2);
    expect(idx.matchAbs(0)).toBe(3);
    expect(idx.indexAtOrAfter(4)).toBe(1);
    expect(b.atAbs(idx.matchAbs(1)!)?.text).toBe('err three');
    b.clear();
    idx.update(b);
    expect(idx.count).toBe(0);
  });
});

test('linesToText adds timestamps and names on request', () => {
  const lines = [e(t(1), '\x1b[32mgreen\x1b[0m', 0), e(t(2), 'two', 1, 'stderr')];
  expect(linesToText(lines)).toBe('green\ntwo\n');
  expect(linesToText(lines, { timestamps: true, names: ['web', 'db'] })).toBe(
    `web | ${t(1)} green\ndb | ${t(2)} two\n`,
  );
});
