import type Dockerode from 'dockerode';
import type { Readable } from 'node:stream';
import { BerthError } from '../../../shared/errors';
import { getArchive, statPath } from './archive-api';
import type { RawEntry } from './entry';
import { goModeType } from './stat';
import { TarFormatError, TarHeaderReader, type TarHeader } from './tar-headers';

/** A tar entry's name relative to the listed folder: "./a/" (Docker) and "a" (Podman) both give "a"; the root gives "". */
export function relativeName(name: Buffer): Buffer {
  let start = 0;
  while (name.length - start >= 2 && name[start] === 0x2e && name[start + 1] === 0x2f) start += 2;
  while (start < name.length && name[start] === 0x2f) start++;
  let end = name.length;
  while (end > start && name[end - 1] === 0x2f) end--;
  const rel = name.subarray(start, end);
  return rel.length === 1 && rel[0] === 0x2e ? Buffer.alloc(0) : rel;
}

/** A direct child's entry from its header; undefined for the root and anything deeper. */
export function childEntry(h: TarHeader): RawEntry | undefined {
  const rel = relativeName(h.name);
  if (rel.length === 0 || rel.includes(0x2f)) return undefined;
  const type = h.type === 'hardlink' ? 'file' : h.type;
  return {
    name: Buffer.from(rel),
    type,
    size: h.type === 'file' ? h.size : 0,
    mode: h.mode & 0o7777,
    uid: h.uid,
    gid: h.gid,
    mtimeSec: Math.floor(h.mtime),
    ...(h.type === 'link' ? { linkTarget: Buffer.from(h.linkName) } : {}),
  };
}

export interface ScanCallbacks {
  /** A direct child, as soon as its header is read. */
  entry(e: RawEntry): void;
  /** Tar bytes and entries read so far (throttled by the caller). */
  scan(bytes: number, entries: number): void;
  /** Resolves when the consumer can take more (backpressure); undefined when it can now. */
  wait(): Promise<void> | undefined;
}

/** Reads the tar, pausing it while the consumer is busy; destroys it at once on abort. */
function readTar(stream: Readable, reader: TarHeaderReader, cb: ScanCallbacks, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    const fail = (e: unknown): void => {
      stream.destroy();
      reject(e);
    };
    const onAbort = (): void => fail(new BerthError('CANCELLED', 'Listing cancelled'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      try {
        reader.push(chunk);
      } catch (e) {
        fail(e instanceof TarFormatError ? new BerthError('INTERNAL', e.message) : e);
        return;
      }
      cb.scan(bytes, reader.entries);
      const wait = cb.wait();
      if (wait) {
        stream.pause();
        void wait.then(() => stream.resume());
      }
      // Everything after the end blocks is padding; no need to read it.
      if (reader.ended) stream.destroy();
    });
    const done = (): void => {
      signal.removeEventListener('abort', onAbort);
      cb.scan(bytes, reader.entries);
      resolve();
    };
    stream.on('end', done);
    stream.on('close', () => (reader.ended ? done() : undefined));
    stream.on('error', (e) => (reader.ended ? done() : fail(e)));
  });
}

/**
 * Lists the folder at `dirPath` (the folder + "/.") from a GET archive: only headers are read, bodies
 * skipped. A hard link to a file elsewhere gets its size from a HEAD of its own path.
 */
export async function archiveListing(
  docker: Dockerode,
  id: string,
  dirPath: Buffer,
  cb: ScanCallbacks,
  signal: AbortSignal,
): Promise<void> {
  const fileSizes = new Map<string, number>();
  const hardlinks: { entry: RawEntry; target: string }[] = [];
  const reader = new TarHeaderReader((h) => {
    const e = childEntry(h);
    if (!e) return false;
    if (h.type === 'hardlink') hardlinks.push({ entry: e, target: relativeName(h.linkName).toString('latin1') });
    else {
      if (e.type === 'file') fileSizes.set(e.name.toString('latin1'), e.size);
      cb.entry(e);
    }
    return false;
  });
  const { stream } = await getArchive(docker, id, dirPath, signal);
  await readTar(stream, reader, cb, signal);
  const dir = dirPath.subarray(0, dirPath.length - 1); // without the "." of "/."
  for (const { entry: e, target } of hardlinks) {
    const known = fileSizes.get(target);
    if (known !== undefined) e.size = known;
    else {
      const s = await statPath(docker, id, Buffer.concat([dir, e.name]));
      e.size = goModeType(s.mode) === 'file' ? s.size : 0;
    }
    cb.entry(e);
  }
}
