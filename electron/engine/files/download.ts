import type Dockerode from 'dockerode';
import type { WriteStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract as tarExtract } from 'tar-stream';
import type { StreamSink } from '../../../shared/contract-kit';
import type { DownloadFrame } from '../../../shared/contracts/file-transfer';
import type { FilePath, FileTarget } from '../../../shared/contracts/files';
import { BerthError } from '../../../shared/errors';
import { writeFileAtomically } from '../host/atomic-file';
import { ByteCounter } from '../host/byte-counter';
import { checkDestination } from '../host/fs-errors';
import { getArchive, pathBytes, statPath } from './archive-api';
import { explainStreamFailure, statExisting } from './copy-faults';
import { goModeType } from './stat';
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

/** Which entry of the archive is the file: the only one, or (a parent's archive) the named child. */
type EntryMatch = (name: string) => boolean;

/** The body of the archive's regular-file entry into `out`; throws when it is not all there. */
async function copyFileBody(
  archive: Readable,
  out: WriteStream,
  counter: ByteCounter,
  size: number,
  match: EntryMatch = () => true,
): Promise<void> {
  // latin1 keeps a name's bytes (a PAX path is still decoded as UTF-8; `match` accepts both).
  const extract = tarExtract({ filenameEncoding: 'latin1' } as Parameters<typeof tarExtract>[0]);
  archive.on('error', (e) => extract.destroy(e));
  archive.pipe(extract);
  let found = false;
  try {
    for await (const entry of extract) {
      const type = entry.header.type;
      if ((type !== 'file' && type !== 'contiguous-file') || !match(entry.header.name)) {
        entry.resume();
        continue;
      }
      found = true;
      // The entry is a streamx stream: read it as an async iterable so Node's pipeline drives it.
      const body = entry as AsyncIterable<Buffer>;
      await pipeline(
        async function* () {
          yield* body;
        },
        counter,
        out,
      );
      break;
    }
  } finally {
    archive.unpipe(extract);
    archive.destroy();
  }
  if (!found || counter.bytes !== size) throw endedEarly();
}

async function copyTar(archive: Readable, out: WriteStream, counter: ByteCounter): Promise<void> {
  const check = new TarEndCheck();
  await pipeline(archive, counter, check, out);
  if (!check.complete) throw endedEarly();
}

const SLASH = 0x2f;

/**
 * Docker sends an empty tar for a single file whose name is not UTF-8 (its include filter drops it),
 * yet archives such a name fine inside a folder. For those, the parent folder's archive is read and
 * every other entry skipped (their bodies pass through the tar reader and are dropped, never kept).
 */
function childOfParent(bytes: Buffer): { parent: Buffer; match: EntryMatch } | undefined {
  const end = bytes.length > 1 && bytes[bytes.length - 1] === SLASH ? bytes.length - 1 : bytes.length;
  const cut = bytes.lastIndexOf(SLASH, end - 1);
  const base = bytes.subarray(cut + 1, end);
  if (isUtf8(base) || cut <= 0) return undefined;
  const lossy = base.toString('utf8');
  return {
    parent: bytes.subarray(0, cut),
    match: (name) => {
      const parts = name.replace(/^\.\//, '').replace(/\/$/, '').split('/');
      const last = parts.at(-1) ?? '';
      return parts.length === 2 && (Buffer.from(last, 'latin1').equals(base) || last === lossy);
    },
  };
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
          const viaParent = asFile ? childOfParent(bytes) : undefined;
          const { stream } = await getArchive(docker, open.containerId, viaParent?.parent ?? bytes, signal);
          if (asFile) await copyFileBody(stream, out, counter, stat.size, viaParent?.match);
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
