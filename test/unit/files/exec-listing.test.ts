import { describe, expect, test } from 'vitest';
import { parseExecListing, parseLinkTargets } from '../../../electron/engine/files/exec-listing';

const nul = (...names: string[]): Buffer => Buffer.from(names.map((n) => `${n}\0`).join(''), 'latin1');

describe('parseExecListing', () => {
  test('pairs NUL-separated names with stat lines, collects links, drops sockets', () => {
    const stdout = nul('./f', './l', './s', './d');
    const stderr = Buffer.from('81a4 0 0 5 1600000000\na1ff 1 2 4 1600000001\nc1ed 0 0 0 1\n41ed 0 0 4096 2\n');
    const r = parseExecListing(stdout, stderr);
    expect(r?.entries.map((e) => [e.name.toString(), e.type, e.size, e.mode])).toEqual([
      ['f', 'file', 5, 0o644],
      ['l', 'link', 0, 0o777],
      ['d', 'dir', 0, 0o755],
    ]);
    expect(r?.links.map((l) => l.toString())).toEqual(['./l']);
  });

  test('anything unexpected is undefined (the archive is used then)', () => {
    const line = Buffer.from('81a4 0 0 5 1\n');
    expect(parseExecListing(Buffer.from('./f'), line)).toBeUndefined(); // unterminated name
    expect(parseExecListing(nul('./f', './g'), line)).toBeUndefined(); // counts differ
    expect(parseExecListing(nul('f'), line)).toBeUndefined(); // not "./name"
    expect(parseExecListing(nul('./a/b'), line)).toBeUndefined(); // not a direct child
    expect(parseExecListing(nul('./f'), Buffer.from('stat: cannot stat\n'))).toBeUndefined();
  });

  test('an empty folder is no entries', () => {
    expect(parseExecListing(Buffer.alloc(0), Buffer.alloc(0))).toEqual({ entries: [], links: [] });
  });
});

describe('parseLinkTargets', () => {
  test('name/target pairs keep exact bytes, newlines included', () => {
    const m = parseLinkTargets(Buffer.concat([nul('./a', 'x\ny', './b'), Buffer.from([0xff, 0])]));
    expect(m?.get('./a')?.toString()).toBe('x\ny');
    expect(m?.get('./b')).toEqual(Buffer.from([0xff]));
  });

  test('an odd record count or an unterminated record is undefined', () => {
    expect(parseLinkTargets(nul('./a'))).toBeUndefined();
    expect(parseLinkTargets(Buffer.from('./a\0t'))).toBeUndefined();
  });
});
