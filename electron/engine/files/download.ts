import type Dockerode from 'dockerode';
import type { WriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { Transform, type TransformCallback } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { StreamSink } from '../../../shared/contract-kit';
import type { DownloadFrame } from '../../../shared/contracts/file-transfer';
import type { FilePath, FileTarget } from '../../../shared/contracts/files';
import { BerthError } from '../../../shared/errors';
import { writeFileAtomically } from '../host/atomic-file';
import { ByteCounter } from '../host/byte-counter';
import { checkDestination } from '../host/fs-errors';
import { getArchive, pathBytes, statPath } from './archive-api';
import { explainStreamFailure, statExisting } from './copy-faults';
import { relativeName } from './archive-listing';
import { goModeType, viaParent } from './stat';
import { TarHeaderReader } from './tar-headers';
import { openTarget, targetPath } from './target';

/**
 * `docker cp TARGET:path host`: a regular file is written as itself (the body of the archive's one
 * entry), anything else as the engine's tar. Streamed with backpressure through a temporary file that
 * is renamed into place only when the copy is complete and checked (file size against HEAD, tar end
 * blocks), so a container removed mid-copy never leaves a short file under the chosen name.
 */

export interface DownloadArgs {
  target: FileTarget;
  path: FilePath;
  dest: string;
  overwrite: boolean;
}

type Progress = Extract<DownloadFrame, { type: 'progress' }>;

function progress(bytes: number, total: number | undefined): Progress {
  return total === undefined ? { type: 'progress', bytes } : { type: 'progress', bytes, total };
}

const TAR_BLOCK = 512;
const TAR_END = 2 * TAR_BLOCK;

/** Passes bytes through, keeping the last 1 KiB: a complete tar ends with two zero blocks. */
class TarEndCheck extends Transform {
  private tail: Buffer = Buffer.alloc(0);
  private total = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.total += chunk.length;
    this.tail =
      chunk.length >= TAR_END
        ? chunk.subarray(chunk.length - TAR_END)
        : Buffer.concat([this.tail, chunk]).subarray(-TAR_END);
    cb(null, chunk);
  }
  /** True when the stream looked like a whole tar. */
  get complete(): boolean {
    return this.total >= TAR_END && this.total % TAR_BLOCK === 0 && this.tail.every((b) => b === 0);
  }
}

const endedEarly = (): BerthError => new BerthError('FAILED', 'The copy ended before the whole file arrived.');

/**
 * The body of the archive's regular-file entry (with `want`: of the child of that exact name) into
 * `out`, with backpressure; throws when it is not all there. The headers are read by TarHeaderReader
 * and the body's chunks are slices of the engine's own buffers written straight to the file: no
 * per-entry stream, no copy (a 1 GiB file moves through here in ~16k socket reads).
 */
const ignoreLateError = (): void => undefined;

async function copyFileBody(
  archive: Readable,
  out: WriteStream,
  counter: ByteCounter,
  size: number,
  want?: Buffer,
): Promise<void> {
  let found = false;
  let left = 0;
  let parts: Buffer[] = [];
  const reader = new TarHeaderReader(
    (h) => {
      if (found || h.type !== 'file' || (want && !relativeName(h.name).equals(want))) return false;
      found = true;
      left = h.size;
      return true;
    },
    (chunk) => {
      parts.push(chunk);
      left -= chunk.length;
    },
  );
  // 'data' events rather than an async iterator: the iterator's read() concatenates buffered chunks (a
  // copy of every byte); here each socket chunk goes to the file as it came, the socket paused while
  // the file stream is full.
  // Always listened to: a cancel destroys `out` with writes still queued, and the file stream then
  // reports ERR_STREAM_DESTROYED after `stop` below has gone; unheard, that error would end the process
  // (the same for a socket error after the copy stopped reading).
  out.on('error', ignoreLateError);
  archive.on('error', ignoreLateError);
  try {
    await new Promise<void>((resolve, reject) => {
      const stop = (e?: unknown): void => {
        archive.off('data', onData);
        archive.off('end', stop);
        archive.off('error', stop);
        out.off('error', stop);
        if (e === undefined) resolve();
        else reject(e instanceof Error ? e : new Error(String(e)));
      };
      const onData = (chunk: Buffer): void => {
        try {
          reader.push(chunk);
        } catch (e) {
          return stop(e);
        }
        let room = true;
        for (const part of parts) {
          counter.add(part.length);
          room = out.write(part) && room;
        }
        parts = [];
        if (found && left === 0) return stop();
        if (!room) {
          archive.pause();
          out.once('drain', () => archive.resume());
        }
      };
      archive.on('data', onData);
      archive.on('end', stop);
      archive.on('error', stop);
      out.on('error', stop);
    });
    out.end();
    await finished(out);
  } finally {
    archive.destroy();
  }
  counter.done();
  if (!found || counter.bytes !== size) throw endedEarly();
}

async function copyTar(archive: Readable, out: WriteStream, counter: ByteCounter): Promise<void> {
  const check = new TarEndCheck();
  await pipeline(archive, counter, check, out);
  if (!check.complete) throw endedEarly();
}

export async function download(
  docker: Dockerode,
  args: DownloadArgs,
  sink: StreamSink<DownloadFrame>,
  signal: AbortSignal,
): Promise<void> {
  const open = await openTarget(docker, args.target, { write: false });
  try {
    const bytes = targetPath(open, pathBytes(args.path));
    const stat = await statExisting(() => statPath(docker, open.containerId, bytes), args.path, args.target);
    await checkDestination(args.dest, args.overwrite);
    const asFile = goModeType(stat.mode) === 'file';
    const total = asFile ? stat.size : undefined;
    sink.emit(progress(0, total));
    const written = await writeFileAtomically(
      args.dest,
      args.overwrite,
      async (out) => {
        const counter = new ByteCounter((n) => sink.emit(progress(n, total)));
        try {
          const parent = asFile ? viaParent(bytes) : undefined;
          const { stream } = await getArchive(docker, open.containerId, parent?.parent ?? bytes, signal);
          if (asFile) await copyFileBody(stream, out, counter, stat.size, parent?.want);
          else await copyTar(stream, out, counter);
        } catch (e) {
          out.destroy();
          throw await explainStreamFailure(e, docker, open.containerId, signal);
        }
        return counter.bytes;
      },
      signal,
    );
    sink.emit({ type: 'done', path: args.dest, bytes: written, as: asFile ? 'file' : 'tar' });
  } finally {
    await open.release();
  }
}
