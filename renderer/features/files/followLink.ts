import type { FilePath, FileTarget, FileType } from '../../../shared/contracts/files';
import { isBerthError } from '../../../shared/errors';
import { api } from '../../api';

/**
 * What a link in a listing leads to, asked with `files.stat` and `follow` (HEAD requests only, no body
 * is read): the type at its end (`dir`, `file`, …), or undefined when it leads nowhere (dangling).
 * Other failures (the container went away, the engine refused) are thrown as they came.
 */
export async function followLink(target: FileTarget, path: FilePath): Promise<FileType | undefined> {
  try {
    return (await api.invoke('files.stat', { target, path, follow: true })).type;
  } catch (err) {
    if (isBerthError(err) && err.code === 'NOT_FOUND') return undefined;
    throw err;
  }
}
