import { isAbsoluteHostPath } from '../../shared/image-ref';

/** What a path picker picks: an existing folder, an existing file, or a file to write. */
export type PathMode = 'directory' | 'file' | 'save';

/** Pure: the folder to open first for a typed value (its folder when it names a file, or nothing). */
export function startFolder(value: string, mode: PathMode): { folder?: string; name?: string } {
  const v = value.trim();
  if (!v.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(v)) return {};
  if (mode === 'directory') return { folder: v };
  const cut = Math.max(v.lastIndexOf('/'), v.lastIndexOf('\\'));
  const folder = cut <= 0 ? v.slice(0, cut + 1) || '/' : v.slice(0, cut);
  const name = v.slice(cut + 1);
  return name ? { folder, name } : { folder };
}

/** Pure: `folder` + `name` with the host's separator. */
export function joinHostPath(folder: string, name: string, sep: string): string {
  return folder.endsWith(sep) ? `${folder}${name}` : `${folder}${sep}${name}`;
}

const ABSOLUTE = /^(\/|[A-Za-z]:[\\/])/;

/**
 * Pure: where the chooser starts: the value when it is absolute; else inside `startIn` (a relative value,
 * such as a Dockerfile path, is taken relative to it); else the value as typed (home for nothing usable).
 */
export function chooserStart(value: string, startIn: string | undefined): string {
  const v = value.trim();
  if (ABSOLUTE.test(v) || !startIn || !ABSOLUTE.test(startIn.trim())) return v;
  const base = startIn.trim().replace(/[\\/]+$/, '');
  return v ? `${base}/${v.replace(/^\.\//, '')}` : `${base}/`;
}

/**
 * Pure: a host file path field's problem: `empty` when blank, else (with an `example`) when not
 * absolute; undefined when fine.
 */
export function hostFileError(path: string, empty: string, example = '/home/me/backup.tar'): string | undefined {
  const p = path.trim();
  if (!p) return empty;
  if (!isAbsoluteHostPath(p)) return `Use an absolute path, e.g. ${example}`;
  return undefined;
}
