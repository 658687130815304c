import type Dockerode from 'dockerode';
import type { FileContent } from '../../../shared/contracts/files';
import { BerthError } from '../../../shared/errors';
import { getArchive } from './archive-api';
import { relativeName } from './archive-listing';
import { resolvePath, viaParent } from './stat';
import { TarHeaderReader } from './tar-headers';

/** The first bytes of a file and its full size, from a GET archive; the stream is dropped once enough is read. */
export interface FileStart {
  bytes: Buffer;
  size: number;
}

/**
 * Reads at most `max` bytes of the file at `path` (not following links): undefined when the path is
 * not a regular file. The engine stream is destroyed as soon as `max` bytes arrived. With `want`, `path`
 * is a folder ("/." form) and the file is its child of that exact name (other entries are skipped).
 */
export async function readStart(
  docker: Dockerode,
  id: string,
  path: Buffer,
  max: number,
  signal?: AbortSignal,
  want?: Buffer,
): Promise<FileStart | undefined> {
  const { stream } = await getArchive(docker, id, path, signal);
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let got = 0;
    let size = -1;
    let settled = false;
    const finish = (r: FileStart | undefined): void => {
      if (settled) return;
      settled = true;
      stream.destroy();
      resolve(r);
    };
    const reader = new TarHeaderReader(
      (h) => {
        if (size >= 0) return false;
        if (want && !relativeName(h.name).equals(want)) return false;
        if (h.type !== 'file') {
          finish(undefined);
          return false;
        }
        size = h.size;
        if (size === 0) finish({ bytes: Buffer.alloc(0), size: 0 });
        return true;
      },
      (chunk) => {
        const take = chunk.subarray(0, max - got);
        parts.push(Buffer.from(take));
        got += take.length;
        if (got >= max || got >= size) finish({ bytes: Buffer.concat(parts), size });
      },
    );
    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      try {
        reader.push(chunk);
      } catch (e) {
        settled = true;
        stream.destroy();
        reject(e);
      }
    });
    stream.on('end', () => finish(size >= 0 ? { bytes: Buffer.concat(parts), size } : undefined));
    stream.on('error', (e) => {
      if (!settled) {
        settled = true;
        reject(e);
      }
    });
  });
}

/** Bytes that look like text: no NUL in the first 8 KiB, and almost no invalid UTF-8. */
export function looksBinary(bytes: Buffer, truncated: boolean): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return true;
  // A cut in the middle of a multi-byte character at the end is not a fault.
  let body = bytes;
  if (truncated) {
    let back = 0;
    while (back < 3 && back < body.length && (body[body.length - 1 - back]! & 0xc0) === 0x80) back++;
    if (back < body.length && body[body.length - 1 - back]! >= 0xc0) body = body.subarray(0, body.length - 1 - back);
  }
  const text = body.toString('utf8');
  let bad = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) bad++;
  // Tolerance: a stray byte or two (e.g. a Latin-1 name in a log), not a binary blob.
  return bad > Math.max(2, text.length / 100);
}

/** A file whose name is not UTF-8, read out of its parent's tar (see viaParent). */
async function readViaParent(docker: Dockerode, id: string, path: Buffer, max: number): Promise<FileStart | undefined> {
  const parent = viaParent(path);
  return parent ? readStart(docker, id, parent.parent, max, undefined, parent.want) : undefined;
}

/** files.read on the engine side: follows links, refuses folders, reads at most `maxBytes`. */
export async function readFileStart(
  docker: Dockerode,
  id: string,
  bytes: Buffer,
  maxBytes: number,
  display: string,
): Promise<FileContent> {
  const resolved = await resolvePath(docker, id, bytes);
  if (resolved.type === 'dir') throw new BerthError('INVALID_ARGUMENT', `${display} is a folder, not a file`);
  if (resolved.type !== 'file') throw new BerthError('INVALID_ARGUMENT', `${display} is not a regular file`);
  const start =
    (await readStart(docker, id, resolved.path, maxBytes)) ??
    (await readViaParent(docker, id, resolved.path, maxBytes));
  if (!start) throw new BerthError('INVALID_ARGUMENT', `${display} is not a regular file`);
  const truncated = start.size > start.bytes.length;
  const binary = looksBinary(start.bytes, truncated);
  return {
    size: start.size,
    binary,
    ...(binary ? {} : { text: start.bytes.toString('utf8') }),
    truncated,
  };
}
