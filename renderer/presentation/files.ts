import type { FileEntry, FilePath, FileType } from '../../shared/contracts/files';

/**
 * Pure helpers of the file browser: paths as segments that keep exact bytes (names that are not
 * UTF-8 travel as base64), `ls`-style mode strings, folders-first sorting, escaping of control
 * characters for display, download names.
 */

/** One path segment: `text` for display, `b64` (exact bytes) when the name is not UTF-8. */
export interface PathSeg {
  text: string;
  b64?: string | undefined;
}

const utf8 = new TextEncoder();

/** Bytes as base64 (chunked, so big buffers do not overflow the argument list). */
export function bytesToB64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function b64ToBytes(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function segBytes(seg: PathSeg): Uint8Array {
  return seg.b64 !== undefined ? b64ToBytes(seg.b64) : utf8.encode(seg.text);
}

/** "/a/./b/../c/" → ["a", "c"]; text only (what a person types). */
export function parsePathText(text: string): PathSeg[] {
  const out: PathSeg[] = [];
  for (const part of text.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push({ text: part });
  }
  return out;
}

/** A FilePath (maybe with exact bytes) as segments; byte segments that are not UTF-8 keep their bytes. */
export function segsOfFilePath(path: FilePath): PathSeg[] {
  if (path.b64 === undefined) return parsePathText(path.text);
  const bytes = b64ToBytes(path.b64);
  const out: PathSeg[] = [];
  let start = 0;
  const push = (end: number): void => {
    const part = bytes.subarray(start, end);
    start = end + 1;
    if (part.length === 0) return;
    if (part.length === 1 && part[0] === 0x2e) return;
    if (part.length === 2 && part[0] === 0x2e && part[1] === 0x2e) {
      out.pop();
      return;
    }
    try {
      out.push({ text: new TextDecoder('utf-8', { fatal: true }).decode(part) });
    } catch {
      out.push({ text: new TextDecoder('utf-8').decode(part), b64: bytesToB64(part) });
    }
  };
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x2f) push(i);
  push(bytes.length);
  return out;
}

/** Segments → the contract's FilePath; `b64` only when some segment has exact bytes. */
export function filePathOf(segs: readonly PathSeg[]): FilePath {
  const text = `/${segs.map((s) => s.text).join('/')}`;
  if (!segs.some((s) => s.b64 !== undefined)) return { text };
  const parts = segs.map(segBytes);
  const total = parts.reduce((n, p) => n + p.length + 1, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out[at++] = 0x2f;
    out.set(p, at);
    at += p.length;
  }
  return { text, b64: bytesToB64(out) };
}

/** The folder entry's path inside `dir`. */
export function childSegs(dir: readonly PathSeg[], entry: Pick<FileEntry, 'name' | 'nameB64'>): PathSeg[] {
  return [...dir, entry.nameB64 !== undefined ? { text: entry.name, b64: entry.nameB64 } : { text: entry.name }];
}

/** Same path (by bytes)? */
export function sameSegs(a: readonly PathSeg[], b: readonly PathSeg[]): boolean {
  return a.length === b.length && a.every((s, i) => s.text === b[i]?.text && s.b64 === b[i]?.b64);
}

const TYPE_CHAR: Record<FileType, string> = {
  dir: 'd',
  file: '-',
  link: 'l',
  fifo: 'p',
  socket: 's',
  char: 'c',
  block: 'b',
  other: '?',
};

/** `ls -l` mode string: 'drwxr-xr-x', with setuid/setgid (s/S) and sticky (t/T). */
export function modeString(type: FileType, mode: number): string {
  const bit = (m: number, c: string): string => (mode & m ? c : '-');
  const exec = (x: number, special: number, on: string, off: string): string =>
    mode & special ? (mode & x ? on : off) : mode & x ? 'x' : '-';
  return (
    TYPE_CHAR[type] +
    bit(0o400, 'r') +
    bit(0o200, 'w') +
    exec(0o100, 0o4000, 's', 'S') +
    bit(0o040, 'r') +
    bit(0o020, 'w') +
    exec(0o010, 0o2000, 's', 'S') +
    bit(0o004, 'r') +
    bit(0o002, 'w') +
    exec(0o001, 0o1000, 't', 'T')
  );
}

/** A name for display: control characters and backslashes escaped ("a\nb" shows as `a\nb`). */
export function escapeName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f-\u009f\\]/g, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\t':
        return '\\t';
      case '\r':
        return '\\r';
      case '\\':
        return '\\\\';
      default:
        return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    }
  });
}

/** The owner column: user name, else uid. */
export function ownerLabel(e: Pick<FileEntry, 'user' | 'uid' | 'group' | 'gid'>): string {
  return `${e.user ?? e.uid}:${e.group ?? e.gid}`;
}

export type FileSortKey = 'name' | 'size' | 'mode' | 'owner' | 'mtime';

const COLLATOR = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Folders (and links to nothing known) first, whatever the direction; then by the key, then by name. */
export function sortEntries(entries: readonly FileEntry[], key: FileSortKey, desc: boolean): FileEntry[] {
  const dir = desc ? -1 : 1;
  const byKey = (a: FileEntry, b: FileEntry): number => {
    switch (key) {
      case 'size':
        return a.size - b.size;
      case 'mode':
        return a.mode - b.mode;
      case 'owner':
        return COLLATOR.compare(a.user ?? String(a.uid), b.user ?? String(b.uid));
      case 'mtime':
        return a.mtime - b.mtime;
      default:
        return 0;
    }
  };
  return [...entries].sort((a, b) => {
    const fa = a.type === 'dir' ? 0 : 1;
    const fb = b.type === 'dir' ? 0 : 1;
    if (fa !== fb) return fa - fb;
    const k = byKey(a, b);
    if (k !== 0) return k * dir;
    const n = COLLATOR.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    return key === 'name' ? n * dir : n;
  });
}

/** Case-insensitive filter on the (escaped) name. */
export function matchesFilter(e: Pick<FileEntry, 'name'>, query: string): boolean {
  const q = query.trim().toLowerCase();
  return q === '' || escapeName(e.name).toLowerCase().includes(q);
}

/** Default host file name for a download: the entry's name (+ .tar for a folder), safe on any host. */
export function downloadName(name: string, type: FileType): string {
  // eslint-disable-next-line no-control-regex
  const safe = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').replace(/^\.+$/, '_') || 'download';
  return type === 'file' ? safe : `${safe}.tar`;
}

/** Breadcrumb items: "/" then each folder, each with the path it opens. */
export function breadcrumbs(segs: readonly PathSeg[]): Array<{ label: string; segs: PathSeg[] }> {
  return [{ label: '/', segs: [] }, ...segs.map((s, i) => ({ label: escapeName(s.text), segs: segs.slice(0, i + 1) }))];
}

/** Stable row id of an entry (its exact name). */
export function entryKey(e: Pick<FileEntry, 'name' | 'nameB64'>): string {
  return e.nameB64 !== undefined ? `b:${e.nameB64}` : `t:${e.name}`;
}
