import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BerthError } from '../../../shared/errors';

/** Host file-system failures as BerthErrors that name the path and say what to do. */

/** A file-system failure as a BerthError that names the path. */
export function fsError(e: unknown, p: string): BerthError {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return new BerthError('NOT_FOUND', `${p} does not exist`);
    case 'ENOTDIR':
      return new BerthError('NOT_FOUND', `${dirname(p)} is not a folder`);
    case 'EACCES':
    case 'EPERM':
      return new BerthError('FORBIDDEN', `No permission to use ${p}`);
    case 'EROFS':
      return new BerthError('FORBIDDEN', `Cannot write ${p}: its folder is on a read-only file system`);
    case 'EEXIST':
      return new BerthError('CONFLICT', `${p} already exists`, { path: p });
    case 'ENOSPC':
    case 'EDQUOT':
      return new BerthError('INTERNAL', `No space left on the device for ${p}; free some space and try again`);
    case 'EISDIR':
      return new BerthError('INVALID_ARGUMENT', `${p} is a folder`);
    default:
      return new BerthError('INTERNAL', `${p}: ${err.message}`);
  }
}

/** Codes of host file-system failures (not sockets: ECONNRESET, EPIPE… are the engine's connection). */
const FS_CODES = new Set([
  'ENOENT',
  'ENOTDIR',
  'EACCES',
  'EPERM',
  'EROFS',
  'EEXIST',
  'ENOSPC',
  'EDQUOT',
  'EISDIR',
  'EIO',
  'EFBIG',
  'EMFILE',
  'ENFILE',
  'ENAMETOOLONG',
  'ELOOP',
  'EXDEV',
]);

/** True for a Node file-system error, as opposed to an engine or stream error. */
export function isFsError(e: unknown): boolean {
  const err = e as (NodeJS.ErrnoException & { statusCode?: unknown }) | undefined;
  return typeof err?.code === 'string' && FS_CODES.has(err.code) && err.statusCode === undefined;
}

export async function statOrUndefined(p: string): Promise<Awaited<ReturnType<typeof stat>> | undefined> {
  try {
    return await stat(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fsError(e, p);
  }
}

/** Checks a file about to be written: its folder exists, and it does not (unless overwrite). */
export async function checkDestination(path: string, overwrite: boolean): Promise<void> {
  const dir = dirname(path);
  const d = await statOrUndefined(dir);
  if (!d) throw new BerthError('NOT_FOUND', `The folder ${dir} does not exist`, { path: dir });
  if (!d.isDirectory()) throw new BerthError('INVALID_ARGUMENT', `${dir} is not a folder`);
  const f = await statOrUndefined(path);
  if (f?.isDirectory()) throw new BerthError('INVALID_ARGUMENT', `${path} is a folder; choose a file name`);
  if (f && !overwrite) throw new BerthError('CONFLICT', `${path} already exists`, { path });
}
