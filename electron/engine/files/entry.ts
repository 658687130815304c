import type { FileEntry, FileType } from '../../../shared/contracts/files';
import type { Owners } from './owners';

/**
 * One folder entry as both listing paths (archive headers, exec output) produce it, before names and
 * owners are attached: the one shape whose equality makes "exec and archive give the same result".
 */
export interface RawEntry {
  name: Buffer;
  type: FileType;
  size: number;
  /** Permission and special bits (07777). */
  mode: number;
  uid: number;
  gid: number;
  /** Whole seconds: the engines' tars carry seconds, so exec's are cut to the same. */
  mtimeSec: number;
  linkTarget?: Buffer;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** True when the bytes are valid UTF-8. */
export function isUtf8(bytes: Buffer): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Display text (invalid bytes as U+FFFD) and, when not UTF-8, the exact bytes in base64. */
export function nameFields(bytes: Buffer): { name: string; nameB64?: string } {
  return isUtf8(bytes)
    ? { name: bytes.toString('utf8') }
    : { name: bytes.toString('utf8'), nameB64: bytes.toString('base64') };
}

/** The st_mode file-type bits (S_IFMT) as a FileType. */
export function typeOfStMode(mode: number): FileType {
  switch (mode & 0o170000) {
    case 0o040000:
      return 'dir';
    case 0o100000:
      return 'file';
    case 0o120000:
      return 'link';
    case 0o010000:
      return 'fifo';
    case 0o140000:
      return 'socket';
    case 0o020000:
      return 'char';
    case 0o060000:
      return 'block';
    default:
      return 'other';
  }
}

export function toFileEntry(raw: RawEntry, owners: Owners): FileEntry {
  const user = owners.users.get(raw.uid);
  const group = owners.groups.get(raw.gid);
  return {
    ...nameFields(raw.name),
    type: raw.type,
    size: raw.size,
    mode: raw.mode,
    uid: raw.uid,
    gid: raw.gid,
    ...(user !== undefined ? { user } : {}),
    ...(group !== undefined ? { group } : {}),
    mtime: raw.mtimeSec * 1000,
    ...(raw.linkTarget !== undefined ? { linkTarget: raw.linkTarget.toString('utf8') } : {}),
  };
}
