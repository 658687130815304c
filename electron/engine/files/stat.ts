import { isUtf8 } from 'node:buffer';
import type Dockerode from 'dockerode';
import type { FileStat, FileType } from '../../../shared/contracts/files';
import { BerthError } from '../../../shared/errors';
import { statPath, type PathStat } from './archive-api';

/** Go os.FileMode bits the engine's stat header carries (mode is a uint32). */
const GO = {
  dir: 2 ** 31,
  symlink: 2 ** 27,
  device: 2 ** 26,
  pipe: 2 ** 25,
  socket: 2 ** 24,
  setuid: 2 ** 23,
  setgid: 2 ** 22,
  charDevice: 2 ** 21,
  sticky: 2 ** 20,
  irregular: 2 ** 19,
};

function has(mode: number, bit: number): boolean {
  return Math.floor(mode / bit) % 2 === 1;
}

export function goModeType(mode: number): FileType {
  if (has(mode, GO.dir)) return 'dir';
  if (has(mode, GO.symlink)) return 'link';
  if (has(mode, GO.pipe)) return 'fifo';
  if (has(mode, GO.socket)) return 'socket';
  if (has(mode, GO.device)) return has(mode, GO.charDevice) ? 'char' : 'block';
  if (has(mode, GO.irregular)) return 'other';
  return 'file';
}

/** Permission bits plus setuid/setgid/sticky as 04000/02000/01000. */
export function goModeBits(mode: number): number {
  return (
    (mode % 0o1000) +
    (has(mode, GO.setuid) ? 0o4000 : 0) +
    (has(mode, GO.setgid) ? 0o2000 : 0) +
    (has(mode, GO.sticky) ? 0o1000 : 0)
  );
}

/** The engine's stat as the contract's, with `path` in the target's display form. */
export function toFileStat(s: PathStat, displayPath: string): FileStat {
  const type = goModeType(s.mode);
  const mtime = Date.parse(s.mtime);
  return {
    path: displayPath,
    name: s.name,
    type,
    size: type === 'file' ? Math.max(0, s.size) : 0,
    mode: goModeBits(s.mode),
    mtime: Number.isFinite(mtime) ? mtime : 0,
    ...(s.linkTarget ? { linkTarget: s.linkTarget } : {}),
  };
}

/** The bytes of `p` + "/." — the engine then resolves a link to a folder and tars the folder's content. */
export function inside(p: Buffer): Buffer {
  return Buffer.concat([p, Buffer.from(p.length > 0 && p[p.length - 1] === 0x2f ? '.' : '/.')]);
}

/**
 * Docker sends an empty tar for a single file whose name is not UTF-8 (its include filter drops it),
 * yet archives such a name fine inside a folder: for those, the parent's tar ("parent/.") is read and
 * the child picked out by name (other entries' bodies are skipped by the header reader, never kept).
 */
export function viaParent(bytes: Buffer): { parent: Buffer; want: Buffer } | undefined {
  const slash = bytes.lastIndexOf(0x2f);
  const base = bytes.subarray(slash + 1);
  if (slash < 0 || base.length === 0 || isUtf8(base)) return undefined;
  return { parent: inside(bytes.subarray(0, Math.max(slash, 1))), want: base };
}

/**
 * What `bytes` is, following links: `{ stat, path }` with the path to use for GET (the folder + "/."
 * for a folder or a link to one). NOT_FOUND when missing (also a dangling link).
 */
export async function resolvePath(
  docker: Dockerode,
  id: string,
  bytes: Buffer,
): Promise<{ stat: PathStat; type: FileType; path: Buffer }> {
  let current = bytes;
  for (let hop = 0; hop < 40; hop++) {
    const stat = await statPath(docker, id, current);
    const type = goModeType(stat.mode);
    if (type === 'dir') return { stat, type, path: inside(current) };
    if (type !== 'link') return { stat, type, path: current };
    // A link: the engine resolves it for us under "/." when it is a folder; otherwise follow its target.
    try {
      const dirStat = await statPath(docker, id, inside(current));
      if (goModeType(dirStat.mode) === 'dir') return { stat: dirStat, type: 'dir', path: inside(current) };
    } catch {
      // not a folder (or dangling): follow by hand below
    }
    if (!stat.linkTarget) break;
    current = Buffer.from(stat.linkTarget, 'utf8');
  }
  throw new BerthError('NOT_FOUND', `${bytes.toString('utf8')} is a link that leads nowhere`);
}
