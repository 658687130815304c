import { isUtf8 as bufferIsUtf8 } from 'node:buffer';
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

/** True when the bytes are valid UTF-8. */
export const isUtf8 = (bytes: Buffer): boolean => bufferIsUtf8(bytes);

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

/**
 * Built field by field rather than with conditional spreads: a listing maps 50,000 of these, and
 * spread-built objects cost V8 several times more time and garbage.
 */
export function toFileEntry(raw: RawEntry, owners: Owners): FileEntry {
  const entry: FileEntry = {
    name: raw.name.toString('utf8'),
    type: raw.type,
    size: raw.size,
    mode: raw.mode,
    uid: raw.uid,
    gid: raw.gid,
    mtime: raw.mtimeSec * 1000,
  };
  if (!isUtf8(raw.name)) entry.nameB64 = raw.name.toString('base64');
  const user = owners.users.get(raw.uid);
  if (user !== undefined) entry.user = user;
  const group = owners.groups.get(raw.gid);
  if (group !== undefined) entry.group = group;
  if (raw.linkTarget !== undefined) entry.linkTarget = raw.linkTarget.toString('utf8');
  return entry;
}
