import type { Dirent, Stats } from 'node:fs';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { ClientItem, UploadOwner } from '../../../shared/contracts/file-transfer';
import { BerthError } from '../../../shared/errors';
import { fsError } from '../host/fs-errors';
import { deviceNumbers, kindOf, type EntryKind } from '../tar-write';

/**
 * What an upload puts into the tar, worked out before anything is sent: host files and folders walked
 * (modes, mtimes, symlinks as links, hard links as links, like `docker cp`), or the client's items.
 * Only stats are kept; bodies are read later, one file at a time, while the tar streams.
 */

export interface UploadEntry {
  /** Path inside the tar, `/`-separated, starting with the top-level name. */
  name: string;
  kind: EntryKind;
  mode: number;
  mtime: Date;
  size: number;
  uid: number;
  gid: number;
  linkname?: string;
  devmajor?: number;
  devminor?: number;
  /** The host file to read (host files only). */
  abs?: string;
}

export interface UploadPlan {
  entries: UploadEntry[];
  /** First path segment of every entry, deduplicated, in order. */
  topNames: string[];
  /** Bytes of file bodies (the progress total). */
  total: number;
  /** Entries that are not folders. */
  files: number;
}

function finish(entries: UploadEntry[]): UploadPlan {
  const topNames = [...new Set(entries.map((e) => e.name.split('/')[0] ?? e.name))];
  let total = 0;
  let files = 0;
  for (const e of entries) {
    if (e.kind === 'file') total += e.size;
    if (e.kind !== 'directory') files++;
  }
  return { entries, topNames, total, files };
}

function owner(st: Stats, who: UploadOwner): { uid: number; gid: number } {
  return who === 'host' ? { uid: st.uid, gid: st.gid } : { uid: 0, gid: 0 };
}

async function lstatSource(abs: string): Promise<Stats> {
  try {
    return await fsp.lstat(abs);
  } catch (e) {
    throw fsError(e, abs);
  }
}

/** Walks the host sources; NOT_FOUND for a missing one, INVALID_ARGUMENT for two with one name. */
export async function planHostUpload(
  paths: readonly string[],
  who: UploadOwner,
  signal: AbortSignal,
): Promise<UploadPlan> {
  const entries: UploadEntry[] = [];
  const seenInodes = new Map<string, string>();
  const seenTop = new Set<string>();

  async function add(abs: string, name: string, st: Stats): Promise<void> {
    if (signal.aborted) throw new BerthError('CANCELLED', 'Cancelled');
    const kind = kindOf(st);
    if (!kind) return; // sockets cannot go into a tar
    const base = { name, kind, mode: st.mode & 0o7777, mtime: st.mtime, size: 0, ...owner(st, who) };
    if (kind === 'file') {
      const key = `${st.dev}:${st.ino}`;
      const first = st.nlink > 1 ? seenInodes.get(key) : undefined;
      if (first !== undefined) {
        entries.push({ ...base, kind: 'link', linkname: first });
        return;
      }
      if (st.nlink > 1) seenInodes.set(key, name);
      entries.push({ ...base, size: st.size, abs });
      return;
    }
    if (kind === 'symlink') {
      entries.push({ ...base, linkname: await fsp.readlink(abs) });
      return;
    }
    if (kind !== 'directory') {
      entries.push({ ...base, ...deviceNumbers(st) });
      return;
    }
    entries.push({ ...base, name: `${name}/` });
    let names: Dirent[];
    try {
      names = await fsp.readdir(abs, { withFileTypes: true });
    } catch (e) {
      throw fsError(e, abs);
    }
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of names) {
      const child = path.join(abs, d.name);
      let cst: Stats;
      try {
        cst = await fsp.lstat(child);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // removed while we walked
        throw fsError(e, child);
      }
      await add(child, `${name}/${d.name}`, cst);
    }
  }

  for (const p of paths) {
    const abs = path.resolve(p);
    const st = await lstatSource(abs);
    const name = path.basename(abs);
    if (!name) throw new BerthError('INVALID_ARGUMENT', `Cannot upload ${abs}: choose a file or folder inside it`);
    if (seenTop.has(name))
      throw new BerthError('INVALID_ARGUMENT', `Two sources are named ${name}; upload them one at a time`);
    seenTop.add(name);
    await add(abs, name, st);
  }
  return finish(entries);
}

/** The client's items as tar entries: files 0644, folders 0755, owned by root or (host) this process's user. */
export function planClientUpload(items: readonly ClientItem[], who: UploadOwner): UploadPlan {
  const uid = who === 'host' ? (process.getuid?.() ?? 0) : 0;
  const gid = who === 'host' ? (process.getgid?.() ?? 0) : 0;
  const now = Date.now();
  const entries = items.map((item): UploadEntry => {
    const mtime = new Date(item.mtime ?? now);
    return item.kind === 'dir'
      ? { name: `${item.path}/`, kind: 'directory', mode: 0o755, mtime, size: 0, uid, gid }
      : { name: item.path, kind: 'file', mode: 0o644, mtime, size: item.size, uid, gid };
  });
  return finish(entries);
}
