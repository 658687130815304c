import type Dockerode from 'dockerode';
import { createReadStream } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { StreamSink } from '../../../shared/contract-kit';
import type { VolumeCreateInput } from '../../../shared/contracts/volumes';
import type { RestorePlan, VolumeCopyFrame } from '../../../shared/contracts/volume-backup';
import { BerthError } from '../../../shared/errors';
import { volumeOf } from '../api-path';
import { getArchive, putArchive } from '../files/archive-api';
import { createHelper, requireVolume, VOLUME_ROOT } from '../files/volume-helper';
import { ByteCounter } from '../host/byte-counter';
import { fsError, statOrUndefined } from '../host/fs-errors';
import { toBerthError } from '../../errors/engine-errors';
import { createVolume } from '../volumes';
import { ROOT_CONTENTS, copyFailure } from './backup';
import { TarScanSink, type TarSummary } from './tar-scan';

/**
 * `volumes.restorePlan` and `volumes.restore`: the archive is read through first (gunzipped when it
 * starts with gzip's magic bytes) with a header-only scan, so a corrupt file is refused before anything
 * is created or written; then the file is PUT as is into a helper mounting the volume read-write (the
 * engine takes gzip itself).
 */

/** Size of a restore source; NOT_FOUND / INVALID_ARGUMENT when it is missing or a folder. */
async function sourceSize(path: string): Promise<number> {
  const f = await statOrUndefined(path);
  if (!f) throw new BerthError('NOT_FOUND', `No file at ${path}`, { path });
  if (f.isDirectory()) throw new BerthError('INVALID_ARGUMENT', `${path} is a folder; choose a .tar or .tar.gz file`);
  return Number(f.size);
}

async function isGzip(path: string): Promise<boolean> {
  const fh = await openFile(path, 'r').catch((e: unknown) => {
    throw fsError(e, path);
  });
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** Scans a tar stream to its end; tar and gzip faults become INVALID_ARGUMENT with the reason. */
async function scanTar(streams: Array<Readable | NodeJS.ReadWriteStream>, signal: AbortSignal): Promise<TarSummary> {
  const sink = new TarScanSink();
  try {
    await pipeline([...streams, sink], { signal });
  } catch (e) {
    if (signal.aborted) throw new BerthError('CANCELLED', 'Cancelled');
    if (e instanceof BerthError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_'))
      throw new BerthError('INVALID_ARGUMENT', `Not a valid gzip file: ${(e as Error).message}`);
    throw toBerthError(e);
  }
  return sink.scanner.summary;
}

/** The archive file's own summary. */
async function scanFile(path: string, signal: AbortSignal): Promise<{ gzip: boolean; summary: TarSummary }> {
  await sourceSize(path);
  const gzip = await isGzip(path);
  const file = createReadStream(path);
  const summary = await scanTar(gzip ? [file, createGunzip()] : [file], signal);
  return { gzip, summary };
}

/** What a volume holds: its entries and top-level names (read-only helper, bodies skipped). */
async function scanVolume(docker: Dockerode, name: string, signal: AbortSignal): Promise<TarSummary> {
  const helper = await createHelper(docker, [{ volume: name, target: VOLUME_ROOT, write: false }]);
  try {
    const { stream } = await getArchive(docker, helper.id, ROOT_CONTENTS, signal);
    return await scanTar([stream], signal);
  } finally {
    await helper.release();
  }
}

export async function restorePlan(
  docker: Dockerode,
  source: string,
  name: string | undefined,
  signal: AbortSignal,
): Promise<RestorePlan> {
  const { gzip, summary } = await scanFile(source, signal);
  const target = name ? await scanVolume(docker, name, signal) : undefined;
  const overwrites = target
    ? [...summary.topLevel].filter(([key]) => target.topLevel.has(key)).map(([, shown]) => shown)
    : [];
  return {
    gzip,
    entries: summary.entries,
    bytes: summary.bytes,
    topLevel: [...summary.topLevel.values()].sort(),
    targetEntries: target?.entries ?? 0,
    overwrites: overwrites.sort(),
  };
}

export type RestoreInto = { kind: 'new'; volume: VolumeCreateInput } | { kind: 'existing'; name: string };

export interface RestoreArgs {
  source: string;
  into: RestoreInto;
  replace: boolean;
}

async function removeVolume(docker: Dockerode, name: string): Promise<void> {
  await volumeOf(docker, name)
    .remove({ force: true })
    .catch(() => undefined);
}

/** PUTs the archive file into the volume's root through a read-write helper. */
async function putFile(
  docker: Dockerode,
  volume: string,
  source: string,
  sink: StreamSink<VolumeCopyFrame>,
  signal: AbortSignal,
): Promise<number> {
  const total = await sourceSize(source);
  const helper = await createHelper(docker, [{ volume, target: VOLUME_ROOT, write: true }]);
  const file = createReadStream(source);
  const counter = new ByteCounter((bytes) => sink.emit({ type: 'progress', bytes, total }));
  file.on('error', (e) => counter.destroy(fsError(e, source)));
  const onAbort = (): void => {
    file.destroy();
    counter.destroy();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    sink.emit({ type: 'progress', bytes: 0, total });
    file.pipe(counter);
    await putArchive(docker, helper.id, Buffer.from(VOLUME_ROOT), counter, { signal });
    return counter.bytes;
  } catch (e) {
    throw copyFailure(e, signal, 'The restore');
  } finally {
    signal.removeEventListener('abort', onAbort);
    file.destroy();
    await helper.release();
  }
}

export async function restoreVolume(
  docker: Dockerode,
  args: RestoreArgs,
  sink: StreamSink<VolumeCopyFrame>,
  signal: AbortSignal,
): Promise<void> {
  const existing = args.into.kind === 'existing' ? args.into.name : undefined;
  if (existing) await requireVolume(docker, existing);
  // Checked before anything is created or written: a corrupt archive stops here.
  const plan = await restorePlan(docker, args.source, existing, signal);
  if (existing && plan.targetEntries > 0 && !args.replace) {
    throw new BerthError(
      'CONFLICT',
      `Volume ${existing} is not empty (${plan.targetEntries} entries); restoring would overwrite ` +
        `${plan.overwrites.length > 0 ? plan.overwrites.join(', ') : 'nothing at its top level but add to it'}.`,
      { ...plan },
    );
  }
  let created: string | undefined;
  if (args.into.kind === 'new') {
    if (signal.aborted) throw new BerthError('CANCELLED', 'Cancelled');
    created = (await createVolume(docker, args.into.volume)).name;
  }
  const volume = existing ?? created ?? '';
  try {
    const bytes = await putFile(docker, volume, args.source, sink, signal);
    sink.emit({ type: 'done', volume, bytes, files: plan.entries });
  } catch (e) {
    if (created) await removeVolume(docker, created);
    throw e;
  }
}
