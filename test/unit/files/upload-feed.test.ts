import { pack as tarPack } from 'tar-stream';
import { describe, expect, test } from 'vitest';
import { ChunkFeed, UploadSessions } from '../../../electron/engine/files/upload-sessions';
import { writeBodyEntry } from '../../../electron/engine/tar-write';
import { BerthError } from '../../../shared/errors';

/** Client-upload chunk sessions and the tar body writer, on cancel: every chunk call settles. */

const cancelled = (): BerthError => new BerthError('CANCELLED', 'The upload has ended');

/** How a promise settled, or 'pending' after the queued work of this turn has run. */
async function state(p: Promise<unknown>): Promise<string> {
  const settled = p.then(
    () => 'taken',
    (e: unknown) => (e instanceof BerthError ? e.code : String(e)),
  );
  return Promise.race([settled, new Promise<string>((r) => setTimeout(() => r('pending'), 20))]);
}

describe('ChunkFeed', () => {
  test('a chunk settles when the reader asks for more, and when its file is complete', async () => {
    const feed = new ChunkFeed(5);
    const one = feed.push(Buffer.from('abc'));
    const two = feed.push(Buffer.from('de'));
    const reader = feed.take(5);
    expect((await reader.next()).value?.toString()).toBe('abc');
    expect(await state(one)).toBe('pending');
    expect((await reader.next()).value?.toString()).toBe('de');
    expect(await state(one)).toBe('taken');
    expect(await state(two)).toBe('pending');
    expect((await reader.next()).done).toBe(true);
    expect(await state(two)).toBe('taken');
  });

  test('close fails the chunk the reader holds, the queued ones and later ones', async () => {
    const feed = new ChunkFeed(10_000);
    const held = feed.push(Buffer.alloc(1000, 1));
    const queued = feed.push(Buffer.alloc(1000, 2));
    const reader = feed.take(10_000);
    expect((await reader.next()).value?.length).toBe(1000);
    // The reader (a cancelled tar writer) never comes back for more.
    feed.close(cancelled());
    expect(await state(held)).toBe('CANCELLED');
    expect(await state(queued)).toBe('CANCELLED');
    expect(await state(feed.push(Buffer.alloc(1)))).toBe('CANCELLED');
  });

  test('close wakes a reader that waits for bytes', async () => {
    const feed = new ChunkFeed(10);
    const next = feed.take(10).next();
    feed.close(cancelled());
    await expect(next).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  test('a session closed while its reader holds a chunk: the call fails, the id is gone', async () => {
    const store = new UploadSessions();
    const s = store.open('win-1', 2000);
    const held = store.push(s.id, 'win-1', Buffer.alloc(1000));
    expect((await s.feed.take(2000).next()).value?.length).toBe(1000);
    s.close();
    expect(await state(held)).toBe('CANCELLED');
    expect(store.size).toBe(0);
    expect(await state(store.push(s.id, 'win-1', Buffer.alloc(1)))).toBe('NOT_FOUND');
  });
});

describe('writeBodyEntry', () => {
  test('a tar destroyed while the body waits for its source ends the entry instead of hanging', async () => {
    const pack = tarPack();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    async function* source(): AsyncGenerator<Buffer> {
      yield Buffer.alloc(100, 1);
      await gate; // the next client chunk arrives after the cancel
      yield Buffer.alloc(100, 2);
    }
    const errors = { readFailed: (e: unknown) => e as Error, shrank: () => new Error('shrank') };
    const writing = writeBodyEntry(pack, { name: 'x', type: 'file', size: 10_000 }, source(), errors);
    writing.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 10));
    pack.destroy();
    await new Promise((r) => setTimeout(r, 10));
    release();
    expect(await state(writing)).not.toBe('pending');
  });
});
