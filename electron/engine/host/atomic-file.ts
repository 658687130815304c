import { randomBytes } from 'node:crypto';
import { createWriteStream, open, type WriteStream } from 'node:fs';
import { link, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BerthError } from '../../../shared/errors';
import { toBerthError } from '../../errors/engine-errors';
import { fsError, isFsError } from './fs-errors';

/** Suffix of the temporary files; a crash may leave one, never a half file under the chosen name. */
export const PART_SUFFIX = '.berth-part';

/**
 * Bytes the file stream takes before it asks the producer to wait: big enough that the engine socket
 * keeps being read while the last chunks are written (the default 16 KiB makes every ~40 KiB socket
 * read wait for its own disk write).
 */
const WRITE_BUFFER = 1024 * 1024;

/** `open(path, 'wx')` with the callback API: its fd suits fs.WriteStream's callback writes (cheaper than FileHandle's promise per write). */
function openExclusive(path: string): Promise<number> {
  return new Promise((resolve, reject) => open(path, 'wx', (e, fd) => (e ? reject(e) : resolve(fd))));
}

/**
 * Writes a host file through a temporary file in the same folder, moved into place at the end
 * (without overwrite: linked, which fails if a file appeared meanwhile). `write` streams into the
 * temporary file (pipeline it, for backpressure) and may throw its own BerthError; cancel or any
 * failure removes the temporary file, so nothing partial is ever left under `path`.
 */
export async function writeFileAtomically<T>(
  path: string,
  overwrite: boolean,
  write: (out: WriteStream) => Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}${PART_SUFFIX}`);
  let created = false;
  let out: WriteStream | undefined;
  try {
    if (signal.aborted) throw new BerthError('CANCELLED', 'Cancelled');
    // Opened (and its errors caught) before any byte moves: a read-only or missing folder fails here.
    const fd = await openExclusive(tmp);
    created = true;
    out = createWriteStream(tmp, { fd, highWaterMark: WRITE_BUFFER });
    const result = await write(out);
    if (overwrite) await rename(tmp, path);
    else {
      await link(tmp, path);
      await unlink(tmp);
    }
    created = false;
    return result;
  } catch (e) {
    if (signal.aborted) throw new BerthError('CANCELLED', 'Cancelled');
    if (e instanceof BerthError) throw e;
    // Named after the chosen file: the temporary name is an implementation detail.
    throw isFsError(e) ? fsError(e, path) : toBerthError(e);
  } finally {
    out?.destroy();
    if (created) await unlink(tmp).catch(() => undefined);
  }
}
