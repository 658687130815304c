import type Dockerode from 'dockerode';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StreamSink } from '../../../shared/contract-kit';
import type { VolumeCopyFrame } from '../../../shared/contracts/volume-backup';
import { BerthError } from '../../../shared/errors';
import { volumeOf } from '../api-path';
import { getArchive, putArchive } from '../files/archive-api';
import { createHelper, VOLUME_ROOT } from '../files/volume-helper';
import { ByteCounter } from '../host/byte-counter';
import { toBerthError } from '../../errors/engine-errors';
import { createVolume } from '../volumes';
import { ROOT_CONTENTS, copyFailure } from './backup';
import { TarScanTransform } from './tar-scan';

/**
 * `volumes.clone`: a new volume with the source's driver, options and labels, filled by one helper
 * mounting both (source read-only at /berth-volume, the new one read-write at /berth-clone): the
 * engine's tar of the source is streamed straight into a PUT on the destination.
 */

export const CLONE_ROOT = '/berth-clone';

export interface CloneArgs {
  name: string;
  newName: string;
  copyOptions: boolean;
}

interface VolumeInspect {
  Name: string;
  Driver: string;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

export async function cloneVolume(
  docker: Dockerode,
  args: CloneArgs,
  sink: StreamSink<VolumeCopyFrame>,
  signal: AbortSignal,
): Promise<void> {
  let source: VolumeInspect;
  try {
    source = (await volumeOf(docker, args.name).inspect()) as VolumeInspect;
  } catch (e) {
    const err = toBerthError(e);
    throw err.code === 'NOT_FOUND' ? new BerthError('NOT_FOUND', `No volume named ${args.name}`) : err;
  }
  const options = source.Options ?? {};
  // A tmpfs "device" is only a name; any other (a host folder, an NFS export…) would be shared.
  if (args.copyOptions && options.device !== undefined && options.type !== 'tmpfs') {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `Volume ${args.name} binds ${options.device} (its "device" option): a clone with the same options would ` +
        'share that folder, not copy it. Clone without its options to get a separate copy.',
      { device: options.device },
    );
  }
  await createVolume(docker, {
    name: args.newName,
    driver: source.Driver,
    driverOpts: args.copyOptions ? options : {},
    labels: source.Labels ?? {},
  });
  try {
    const result = await copyContents(docker, args, sink, signal);
    sink.emit({ type: 'done', volume: args.newName, ...result });
  } catch (e) {
    await volumeOf(docker, args.newName)
      .remove({ force: true })
      .catch(() => undefined);
    throw e;
  }
}

async function copyContents(
  docker: Dockerode,
  args: CloneArgs,
  sink: StreamSink<VolumeCopyFrame>,
  signal: AbortSignal,
): Promise<{ bytes: number; files: number }> {
  const helper = await createHelper(docker, [
    { volume: args.name, target: VOLUME_ROOT, write: false },
    { volume: args.newName, target: CLONE_ROOT, write: true },
  ]);
  try {
    if (signal.aborted) throw new BerthError('CANCELLED', 'Cancelled');
    const { stream } = await getArchive(docker, helper.id, ROOT_CONTENTS, signal);
    const scan = new TarScanTransform();
    const counter = new ByteCounter((bytes) => sink.emit({ type: 'progress', bytes }));
    const body = new PassThrough();
    sink.emit({ type: 'progress', bytes: 0 });
    try {
      await Promise.all([
        pipeline([stream, scan, counter, body], { signal }),
        putArchive(docker, helper.id, Buffer.from(CLONE_ROOT), body, { signal }),
      ]);
    } catch (e) {
      stream.destroy();
      body.destroy();
      throw copyFailure(e, signal, 'The clone');
    }
    if (!scan.scanner.summary.ended) {
      throw new BerthError('FAILED', 'The clone ended before the whole archive arrived.');
    }
    return { bytes: counter.bytes, files: scan.scanner.summary.entries };
  } finally {
    await helper.release();
  }
}
