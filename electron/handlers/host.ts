import { lstat, readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { Handlers } from '../../shared/contract-kit';
import type { HostEntry, hostContract } from '../../shared/contracts/host';
import { BerthError } from '../../shared/errors';
import type { EngineApi } from '../engine/engine-api';

type HostHandlers = Handlers<typeof hostContract>;

/** Entries beyond this are left out (a folder with 100k files must not stall the picker). */
export const HOST_LIST_LIMIT = 5000;

function fsError(err: unknown, path: string): BerthError {
  const code = (err as NodeJS.ErrnoException).code;
  const reason = (err as Error).message;
  if (code === 'ENOENT') return new BerthError('NOT_FOUND', `${path} does not exist`, { reason });
  if (code === 'EACCES' || code === 'EPERM')
    return new BerthError('FORBIDDEN', `Permission denied reading ${path}`, { reason });
  if (code === 'ENOTDIR') return new BerthError('INVALID_ARGUMENT', `${path} is not a folder`, { reason });
  return new BerthError('INTERNAL', `Could not read ${path}: ${reason}`, { reason });
}

/** Lists one host folder. The engine is not involved: this is the machine Berth's main process runs on. */
export async function listHostFolder(requested: string | undefined): Promise<{
  path: string;
  parent?: string;
  home: string;
  sep: string;
  entries: HostEntry[];
  truncated: boolean;
}> {
  const home = homedir();
  const raw = requested?.trim() || home;
  const expanded = raw === '~' ? home : raw.startsWith('~/') ? join(home, raw.slice(2)) : raw;
  if (!isAbsolute(expanded)) {
    throw new BerthError('INVALID_ARGUMENT', `Use an absolute path (starting with ${sep}), not “${raw}”`);
  }
  const path = resolve(expanded);
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw fsError(err, path);
  }
  if (!info.isDirectory()) throw new BerthError('INVALID_ARGUMENT', `${path} is not a folder`);
  let dirents;
  try {
    dirents = await readdir(path, { withFileTypes: true });
  } catch (err) {
    throw fsError(err, path);
  }
  const truncated = dirents.length > HOST_LIST_LIMIT;
  const kept = truncated ? dirents.slice(0, HOST_LIST_LIMIT) : dirents;
  const entries = await Promise.all(
    kept.map(async (d): Promise<HostEntry> => {
      const full = join(path, d.name);
      if (d.isDirectory()) return { name: d.name, kind: 'dir' };
      if (d.isFile()) {
        const size = await lstat(full).then(
          (s) => s.size,
          () => undefined,
        );
        return size === undefined ? { name: d.name, kind: 'file' } : { name: d.name, kind: 'file', size };
      }
      if (d.isSymbolicLink()) {
        // A link to a folder is browsable like a folder.
        const target = await stat(full).catch(() => undefined);
        if (target?.isDirectory()) return { name: d.name, kind: 'dir' };
        if (target?.isFile()) return { name: d.name, kind: 'file', size: target.size };
        return { name: d.name, kind: 'link' };
      }
      return { name: d.name, kind: 'other' };
    }),
  );
  const rank = (e: HostEntry) => (e.kind === 'dir' ? 0 : 1);
  entries.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  const parent = dirname(path);
  return { path, ...(parent !== path ? { parent } : {}), home, sep, entries, truncated };
}

export function hostHandlers(engine: EngineApi): HostHandlers {
  void engine; // host browsing never touches the engine
  return {
    'host.list': ({ path }) => listHostFolder(path),
  };
}
