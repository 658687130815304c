import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { Pack } from 'tar-stream';

/**
 * Writing host files into a tar-stream pack with backpressure: shared by the build context and file
 * uploads. A file's body is read from an open handle in 1 MiB chunks, each written only when the tar
 * (and so the upload to the engine) has room, so memory does not grow with the file.
 */

export type EntryKind = 'file' | 'directory' | 'symlink' | 'link' | 'fifo' | 'character-device' | 'block-device';

export function kindOf(d: Stats): EntryKind | undefined {
  if (d.isFile()) return 'file';
  if (d.isDirectory()) return 'directory';
  if (d.isSymbolicLink()) return 'symlink';
  if (d.isFIFO()) return 'fifo';
  if (d.isCharacterDevice()) return 'character-device';
  if (d.isBlockDevice()) return 'block-device';
  return undefined; // sockets: the CLI leaves them out too
}

export type TarHeader = Parameters<Pack['entry']>[0];

export function writeEntry(pack: Pack, header: TarHeader, body?: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    if (body) pack.entry(header, body, (err) => (err ? reject(err) : resolve()));
    // Entries without a body (directories, links) are complete once their header is written.
    else pack.entry(header, (err) => (err ? reject(err) : resolve()));
  });
}

export interface FileEntryErrors {
  /** Reading the file failed. */
  readFailed(err: unknown): Error;
  /** The file is shorter than its header says (it shrank since it was listed). */
  shrank(): Error;
}

/** The entry's body as an async source of chunks (a file handle, or a client's chunks). */
export type BodySource = AsyncIterable<Buffer | Uint8Array>;

/** Streams one body into its tar entry, waiting for the tar to drain (backpressure from the upload). */
export async function writeBodyEntry(
  pack: Pack,
  header: TarHeader,
  source: BodySource,
  errors: FileEntryErrors,
  onBytes?: (n: number) => void,
): Promise<void> {
  let done!: () => void;
  let fail!: (err: Error) => void;
  const finished = new Promise<void>((resolve, reject) => {
    done = resolve;
    fail = reject;
  });
  // Observed here so a cancel (the entry destroyed while nobody awaits it) is not an unhandled rejection.
  finished.catch(() => undefined);
  const sink = pack.entry(header, (err) => (err ? fail(err) : done()));
  let written = 0;
  const expected = header.size ?? 0;
  try {
    for await (const chunk of source) {
      if (written >= expected) break;
      // A tar destroyed (cancel) while this body waited for its source: 'close' has already fired.
      if (sink.destroyed) break;
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      // A file that grew since it was listed: send exactly the listed size (the header already says it).
      const slice = written + buf.length > expected ? buf.subarray(0, expected - written) : buf;
      written += slice.length;
      onBytes?.(slice.length);
      if (slice.length > 0 && !sink.write(slice)) {
        // 'close' too: a destroyed tar (cancel) never drains.
        await new Promise<void>((r) => {
          // Both listeners removed once either fires, so a long file does not pile up 'close' listeners.
          const resume = (): void => {
            sink.off('drain', resume);
            sink.off('close', resume);
            r();
          };
          sink.once('drain', resume);
          sink.once('close', resume);
        });
        if (sink.destroyed) break;
      }
      if (written >= expected) break;
    }
  } catch (err) {
    sink.destroy(err as Error);
    throw errors.readFailed(err);
  }
  if (sink.destroyed) return finished;
  if (written < expected) {
    const err = errors.shrank();
    sink.destroy(err);
    throw err;
  }
  sink.end(null);
  await finished;
}

/**
 * Host files are read 1 MiB at a time: with 64 KiB reads the per-chunk cost (a read, a tar write that
 * reports "full", a drain wait) made a 1 GiB upload 1.2× `docker cp`.
 */
const READ_CHUNK = 1024 * 1024;

/** Streams an open file into its tar entry (see writeBodyEntry); the read stream is closed however it ends. */
export async function writeFileEntry(
  pack: Pack,
  header: TarHeader,
  handle: FileHandle,
  errors: FileEntryErrors,
  onBytes?: (n: number) => void,
): Promise<void> {
  const source = handle.createReadStream({ highWaterMark: READ_CHUNK, autoClose: true });
  try {
    await writeBodyEntry(pack, header, source as AsyncIterable<Buffer>, errors, onBytes);
  } finally {
    source.destroy();
  }
}

/** Linux encodes rdev as (major << 8) | minor for the classic range. */
export function deviceNumbers(st: Stats): { devmajor: number; devminor: number } {
  return { devmajor: Math.floor(st.rdev / 256) & 0xfff, devminor: st.rdev & 0xff };
}
