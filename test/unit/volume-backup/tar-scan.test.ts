import { pack } from 'tar-stream';
import { describe, expect, test } from 'vitest';
import { TarScanner } from '../../../electron/engine/volume-backup/tar-scan';

async function tarOf(entries: Array<{ name: string; body?: string; type?: 'directory' | 'symlink' }>): Promise<Buffer> {
  const p = pack();
  for (const e of entries) {
    if (e.type === 'directory') p.entry({ name: e.name, type: 'directory' });
    else if (e.type === 'symlink') p.entry({ name: e.name, type: 'symlink', linkname: 'x' });
    else p.entry({ name: e.name }, e.body ?? '');
  }
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

function scan(buf: Buffer, chunk = 7): ReturnType<TarScanner['end']> {
  const s = new TarScanner();
  for (let i = 0; i < buf.length; i += chunk) s.write(buf.subarray(i, i + chunk));
  return s.end();
}

describe('TarScanner', () => {
  test('counts entries and bytes, skips the root, gathers top-level names, across odd chunk sizes', async () => {
    const long = `deep/${'n'.repeat(180)}/file`;
    const buf = await tarOf([
      { name: './', type: 'directory' },
      { name: './a/', type: 'directory' },
      { name: './a/b.txt', body: 'hello' },
      { name: './link', type: 'symlink' },
      { name: long, body: 'xyz' },
    ]);
    for (const chunk of [1, 7, 512, 100_000]) {
      const s = scan(buf, chunk);
      expect(s.entries).toBe(4);
      expect(s.bytes).toBe(8);
      expect(s.ended).toBe(true);
      expect([...s.topLevel.values()].sort()).toEqual(['a', 'deep', 'link']);
    }
  });

  test('truncated, random and empty input are refused with the reason', async () => {
    const buf = await tarOf([{ name: 'big', body: 'z'.repeat(5000) }]);
    expect(() => scan(buf.subarray(0, 2000))).toThrow(/ends in the middle of “big” \(truncated\)/);
    const random = Buffer.alloc(1024, 0x41);
    expect(() => scan(random)).toThrow(/bad header checksum at byte 0/);
    expect(() => scan(Buffer.alloc(0))).toThrow(/the file is empty/);
  });
});
