import type Dockerode from 'dockerode';
import { promises as fsp } from 'node:fs';
import { Readable } from 'node:stream';
import { pack as tarPack, type Pack } from 'tar-stream';
import type { StreamSink } from '../../../shared/contract-kit';
import type { UploadFrame, UploadOwner, UploadSource } from '../../../shared/contracts/file-transfer';
import type { FilePath, FileTarget } from '../../../shared/contracts/files';
import { BerthError } from '../../../shared/errors';
import { PROGRESS_MS } from '../host/byte-counter';
import { fsError } from '../host/fs-errors';
import { writeBodyEntry, writeEntry, writeFileEntry, type BodySource, type FileEntryErrors } from '../tar-write';
import { pathBytes, putArchive, statPath } from './archive-api';
import { explainStreamFailure, isDirMode, shownPath, statExisting, targetLabel } from './copy-faults';
import { openTarget, targetPath, type OpenTarget } from './target';
import type { UploadSessions } from './upload-sessions';
import { planClientUpload, planHostUpload, type UploadEntry, type UploadPlan } from './upload-sources';

/**
 * `docker cp host TARGET:dir`: the sources packed into a tar while it streams (one file body at a time,
 * read only as fast as the engine takes the upload) and PUT into folder `dir`. Without overwrite every
 * top-level name is looked up first, and CONFLICT lists the ones that exist.
 */

export interface UploadArgs {
  target: FileTarget;
  dir: FilePath;
  source: UploadSource;
  owner: UploadOwner;
  overwrite: boolean;
}

type Progress = Extract<UploadFrame, { type: 'progress' }>;

/** The folder must exist in the target and be one (a link to a folder counts). */
async function checkFolder(docker: Dockerode, open: OpenTarget, args: UploadArgs): Promise<Buffer> {
  const bytes = targetPath(open, pathBytes(args.dir));
  let stat = await statExisting(() => statPath(docker, open.containerId, bytes), args.dir, args.target);
  if (!isDirMode(stat.mode) && stat.linkTarget) {
    // "link/." makes the engine resolve the link (HEAD does not follow a path's last link).
    stat = await statPath(docker, open.containerId, Buffer.concat([bytes, Buffer.from('/.')])).catch(() => stat);
  }
  if (!isDirMode(stat.mode)) {
    throw new BerthError('INVALID_ARGUMENT', `${shownPath(args.dir)} in ${targetLabel(args.target)} is not a folder`);
  }
  return bytes;
}

/** Top-level names that already exist in the folder (HEAD each). */
async function existingNames(docker: Dockerode, id: string, dir: Buffer, names: readonly string[]): Promise<string[]> {
  const prefix = dir.length > 0 && dir[dir.length - 1] === 0x2f ? dir : Buffer.concat([dir, Buffer.from('/')]);
  const found = await Promise.all(
    names.map((n) =>
      statPath(docker, id, Buffer.concat([prefix, Buffer.from(n, 'utf8')])).then(
        () => n,
        () => undefined,
      ),
    ),
  );
  return found.filter((n): n is string => n !== undefined);
}

function hostFileErrors(abs: string): FileEntryErrors {
  return {
    readFailed: (err) => fsError(err, abs),
    shrank: () => new BerthError('CONFLICT', `${abs} got shorter while it was uploaded; try again`),
  };
}

const clientErrors: FileEntryErrors = {
  readFailed: (err) => (err instanceof Error ? err : new Error(String(err))),
  shrank: () => new BerthError('CANCELLED', 'The upload ended before all its bytes arrived'),
};

async function writeUploadEntry(
  pack: Pack,
  e: UploadEntry,
  body: ((size: number) => BodySource) | undefined,
  onBytes: (n: number) => void,
): Promise<void> {
  const header = { name: e.name, mode: e.mode, mtime: e.mtime, uid: e.uid, gid: e.gid, uname: '', gname: '' };
  switch (e.kind) {
    case 'file': {
      const fileHeader = { ...header, type: 'file' as const, size: e.size };
      if (!e.abs) {
        if (!body) throw new BerthError('INTERNAL', `No bytes for ${e.name}`);
        return writeBodyEntry(pack, fileHeader, body(e.size), clientErrors, onBytes);
      }
      let handle: fsp.FileHandle;
      try {
        handle = await fsp.open(e.abs, 'r');
      } catch (err) {
        throw fsError(err, e.abs);
      }
      try {
        return await writeFileEntry(pack, fileHeader, handle, hostFileErrors(e.abs), onBytes);
      } finally {
        await handle.close().catch(() => undefined);
      }
    }
    case 'directory':
      return writeEntry(pack, { ...header, type: 'directory' });
    case 'symlink':
    case 'link':
      return writeEntry(pack, { ...header, type: e.kind, linkname: e.linkname ?? '' });
    default:
      return writeEntry(pack, { ...header, type: e.kind, devmajor: e.devmajor ?? 0, devminor: e.devminor ?? 0 });
  }
}

/**
 * The plan as a tar byte stream. `failure()` is what stopped the packing (a host file that cannot be
 * read, a client that went away), to report instead of the engine's "connection closed".
 */
function packUpload(
  plan: UploadPlan,
  body: ((size: number) => BodySource) | undefined,
  onBytes: (n: number) => void,
  signal: AbortSignal,
): { stream: Readable; failure: () => unknown } {
  const pack = tarPack();
  let failed: unknown;
  void (async () => {
    for (const e of plan.entries) {
      if (signal.aborted) return;
      await writeUploadEntry(pack, e, body, onBytes);
    }
    pack.finalize();
  })().catch((err: unknown) => {
    failed = err;
    pack.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  async function* bytes(): AsyncGenerator<Buffer> {
    for await (const chunk of pack as AsyncIterable<Uint8Array>) {
      yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  }
  const stream = Readable.from(bytes(), { objectMode: false, highWaterMark: 256 * 1024 });
  const stop = (): void => {
    pack.destroy();
    stream.destroy();
  };
  stream.once('close', stop);
  signal.addEventListener('abort', stop, { once: true });
  return { stream, failure: () => failed };
}

export async function upload(
  docker: Dockerode,
  args: UploadArgs,
  sessions: { store: UploadSessions; sender: string },
  sink: StreamSink<UploadFrame>,
  signal: AbortSignal,
): Promise<void> {
  const plan =
    args.source.kind === 'host'
      ? await planHostUpload(args.source.paths, args.owner, signal)
      : planClientUpload(args.source.items, args.owner);
  const open = await openTarget(docker, args.target, { write: true });
  const session = args.source.kind === 'client' ? sessions.store.open(sessions.sender, plan.total) : undefined;
  // A cancel ends the session at once, before the tar is torn down: the chunk calls in flight (and the
  // one the tar writer holds) fail CANCELLED, later ones NOT_FOUND, whatever the engine request does.
  const endSession = (): void => session?.close();
  signal.addEventListener('abort', endSession, { once: true });
  try {
    if (signal.aborted) throw new BerthError('CANCELLED', 'Cancelled');
    const dir = await checkFolder(docker, open, args);
    if (!args.overwrite) {
      const existing = await existingNames(docker, open.containerId, dir, plan.topNames);
      if (existing.length > 0) {
        const list = existing.map(shownPath).join(', ');
        throw new BerthError('CONFLICT', `Already in ${shownPath(args.dir)}: ${list}`, { existing });
      }
    }
    if (session) sink.emit({ type: 'ready', session: session.id });
    let sent = 0;
    let last = 0;
    const report = (): Progress => ({ type: 'progress', bytes: sent, total: plan.total });
    sink.emit(report());
    const onBytes = (n: number): void => {
      sent += n;
      const now = Date.now();
      if (now - last >= PROGRESS_MS) {
        last = now;
        sink.emit(report());
      }
    };
    const body = session ? (size: number) => session.feed.take(size) : undefined;
    const tar = packUpload(plan, body, onBytes, signal);
    try {
      await putArchive(docker, open.containerId, dir, tar.stream, {
        noOverwriteDirNonDir: true,
        copyUIDGID: args.owner === 'container',
        signal,
      });
    } catch (e) {
      throw await explainStreamFailure(tar.failure() ?? e, docker, open.containerId, signal);
    }
    if (tar.failure()) throw await explainStreamFailure(tar.failure(), docker, open.containerId, signal);
    sink.emit(report());
    sink.emit({ type: 'done', files: plan.files, bytes: sent });
  } finally {
    signal.removeEventListener('abort', endSession);
    session?.close();
    await open.release();
  }
}
