import type Dockerode from 'dockerode';
import type { FilePath, FileTarget } from '../../../shared/contracts/files';
import { BerthError } from '../../../shared/errors';
import { containerOf } from '../api-path';
import { toBerthError } from '../../errors/engine-errors';
import { isFsError } from '../host/fs-errors';
import type { PathStat } from './archive-api';

/** What copies in and out of a target say when something goes wrong, in one place for both directions. */

/** "container web" / "volume data", for messages. */
export function targetLabel(target: FileTarget): string {
  return target.kind === 'container' ? `container ${target.id}` : `volume ${target.name}`;
}

/** A path for messages: control characters (newlines in names) escaped so the message stays one line. */
export function shownPath(p: FilePath | string): string {
  const text = typeof p === 'string' ? p : p.text;
  return JSON.stringify(text).slice(1, -1);
}

/** HEAD on a path whose absence is the user's mistake: NOT_FOUND names the path and the target. */
export async function statExisting(
  stat: () => Promise<PathStat>,
  path: FilePath | string,
  target: FileTarget,
): Promise<PathStat> {
  try {
    return await stat();
  } catch (e) {
    const err = toBerthError(e);
    if (err.code === 'NOT_FOUND') {
      throw new BerthError('NOT_FOUND', `${shownPath(path)} does not exist in ${targetLabel(target)}`, {
        path: typeof path === 'string' ? path : path.text,
      });
    }
    throw err;
  }
}

/**
 * Explains a copy that failed mid-stream. A container removed during the copy shows up as a stream
 * that errors or ends early (a short file, a tar without its end blocks): when the container is gone,
 * say so; otherwise keep the engine's reason. Host file-system errors and cancel pass through.
 */
export async function explainStreamFailure(
  e: unknown,
  docker: Dockerode,
  containerId: string,
  signal: AbortSignal,
): Promise<unknown> {
  if (signal.aborted) return new BerthError('CANCELLED', 'Cancelled');
  if (isFsError(e)) return e;
  if (e instanceof BerthError && e.code !== 'FAILED') return e;
  const gone = await containerOf(docker, containerId)
    .inspect()
    .then(() => false)
    .catch((err: unknown) => toBerthError(err).code === 'NOT_FOUND');
  if (gone) return new BerthError('NOT_FOUND', 'The container went away during the copy; nothing was saved.');
  if (e instanceof BerthError) return e;
  const err = toBerthError(e);
  return new BerthError(err.code === 'INTERNAL' ? 'FAILED' : err.code, `The copy failed: ${err.message}`);
}
