import type Dockerode from 'dockerode';
import { createGzip } from 'node:zlib';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StreamSink } from '../../../shared/contract-kit';
import type { VolumeCopyFrame } from '../../../shared/contracts/volume-backup';
import { BerthError } from '../../../shared/errors';
import { getArchive } from '../files/archive-api';
import { createHelper, VOLUME_ROOT } from '../files/volume-helper';
import { writeFileAtomically } from '../host/atomic-file';
import { ByteCounter } from '../host/byte-counter';
import { checkDestination } from '../host/fs-errors';
import { toBerthError } from '../../errors/engine-errors';
import { TarScanTransform } from './tar-scan';

/**
 * `volumes.backup`: the engine's tar of the helper's `/berth-volume/.` written to the host file as is
 * (or gzipped). Entries are relative to the volume's root, as `tar -C /volume -c .` writes them:
 * Docker names them "./", "./a", "./a/b"; Podman "a", "a/b" (no root entry). Both extract the same
 * anywhere (tar -C, PUT archive), so the stream is not rewritten: a header-only scan counts entries
 * and checks the archive is whole on the way to the file.
 */

export interface BackupArgs {
  name: string;
  dest: string;
  gzip?: boolean | undefined;
  overwrite: boolean;
}

/** `.tar.gz` / `.tgz` destinations are compressed unless gzip is given either way. */
export function wantsGzip(dest: string, gzip: boolean | undefined): boolean {
  return gzip ?? /\.(tar\.gz|tgz)$/i.test(dest);
}

/** The volume's root in the helper, as a tar of its contents (the `/.` keeps names relative). */
export const ROOT_CONTENTS = Buffer.from(`${VOLUME_ROOT}/.`);

/** Why a tar the engine sent stopped short, unless the user cancelled. */
export function copyFailure(e: unknown, signal: AbortSignal, what: string): BerthError {
  if (signal.aborted) return new BerthError('CANCELLED', 'Cancelled');
  if (e instanceof BerthError && e.code === 'INVALID_ARGUMENT' && /^Not a valid tar/.test(e.message)) {
    return new BerthError('FAILED', `${what} ended before the whole archive arrived (${e.message})`);
  }
  return e instanceof BerthError ? e : toBerthError(e);
}

export async function backupVolume(
  docker: Dockerode,
  args: BackupArgs,
  sink: StreamSink<VolumeCopyFrame>,
  signal: AbortSignal,
): Promise<void> {
  await checkDestination(args.dest, args.overwrite);
  const helper = await createHelper(docker, [{ volume: args.name, target: VOLUME_ROOT, write: false }]);
  try {
    const gzip = wantsGzip(args.dest, args.gzip);
    const result = await writeFileAtomically(
      args.dest,
      args.overwrite,
      async (out) => {
        const { stream } = await getArchive(docker, helper.id, ROOT_CONTENTS, signal);
        const scan = new TarScanTransform();
        const counter = new ByteCounter((bytes) => sink.emit({ type: 'progress', bytes }));
        sink.emit({ type: 'progress', bytes: 0 });
        const stages: Transform[] = gzip ? [scan, createGzip(), counter] : [scan, counter];
        try {
          await pipeline([stream, ...stages, out], { signal });
        } catch (e) {
          out.destroy();
          throw copyFailure(e, signal, 'The backup');
        }
        if (!scan.scanner.summary.ended) {
          throw new BerthError('FAILED', 'The backup ended before the whole archive arrived; nothing was saved.');
        }
        return { bytes: counter.bytes, files: scan.scanner.summary.entries };
      },
      signal,
    );
    sink.emit({ type: 'done', volume: args.name, path: args.dest, ...result });
  } finally {
    await helper.release();
  }
}
