import { promises as fsp } from 'node:fs';
import { Readable } from 'node:stream';
import { pack as tarPack, type Pack } from 'tar-stream';
import { BerthError } from '../../../shared/errors';
import { fsError } from '../host/fs-errors';
import { writeBodyEntry, writeEntry, writeFileEntry, type BodySource, type FileEntryErrors } from '../tar-write';
import type { UploadEntry, UploadPlan } from './upload-sources';

/**
 * An upload plan as the tar byte stream PUT to the engine: entries written one at a time, a file body
 * only as fast as the upload takes it (host files read from disk, client files from their chunks).
 */

/** How long the engine gets to answer a cut upload before the request is dropped. */
export const CUT_GRACE_MS = 10_000;

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

export interface UploadTar {
  stream: Readable;
  /** What stopped the packing (a host file that cannot be read, a client that went away), to report instead of the engine's "connection closed". */
  failure(): unknown;
  /** Top-level names with an entry begun in the tar (what a cancelled upload may have left in the target). */
  begun: ReadonlySet<string>;
  /** For the engine request: aborted when the engine has not answered CUT_GRACE_MS after a cancel. */
  hardStop: AbortSignal;
}

/**
 * The plan as a tar byte stream. A cancel (`signal`) cuts it: the stream ends where it is (the request
 * body ends cleanly, so the engine stops extracting and answers, and the caller knows the engine is done
 * with it before cleaning up) and the packing stops.
 */
export function packUpload(
  plan: UploadPlan,
  body: ((size: number) => BodySource) | undefined,
  onBytes: (n: number) => void,
  signal: AbortSignal,
): UploadTar {
  const pack = tarPack();
  const begun = new Set<string>();
  let failed: unknown;
  void (async () => {
    for (const e of plan.entries) {
      if (signal.aborted) return;
      begun.add(e.name.split('/')[0] ?? e.name);
      await writeUploadEntry(pack, e, body, onBytes);
    }
    pack.finalize();
  })().catch((err: unknown) => {
    failed = err;
    pack.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  // A cancel destroys the pack, which ends (or fails) the iteration below; that is the clean end of the
  // request body. (Not a Promise.race with a cancel promise per chunk: each race leaves a reaction on
  // the long-lived promise that keeps its chunk alive, i.e. the whole upload in memory.)
  let cutting = false;
  async function* bytes(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of pack as AsyncIterable<Uint8Array>) {
        if (cutting) return;
        yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      }
    } catch (e) {
      if (!cutting) throw e;
    }
  }
  const stream = Readable.from(bytes(), { objectMode: false, highWaterMark: 256 * 1024 });
  stream.once('close', () => pack.destroy());
  const hard = new AbortController();
  const onCancel = (): void => {
    cutting = true;
    pack.destroy();
    setTimeout(() => hard.abort(), CUT_GRACE_MS).unref();
  };
  if (signal.aborted) onCancel();
  else signal.addEventListener('abort', onCancel, { once: true });
  return { stream, failure: () => failed, begun, hardStop: hard.signal };
}
