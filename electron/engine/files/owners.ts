import type Dockerode from 'dockerode';
import { readStart } from './read';

/** uid → user name and gid → group name, from the target's own /etc/passwd and /etc/group. */
export interface Owners {
  users: Map<number, string>;
  groups: Map<number, string>;
}

export const NO_OWNERS: Owners = { users: new Map(), groups: new Map() };

/** `name:x:id:…` lines → id → name (the first name wins, as getpwuid does). */
export function parseIdFile(text: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const parts = line.split(':');
    if (parts.length < 3 || !parts[0]) continue;
    const id = Number(parts[2]);
    if (Number.isInteger(id) && id >= 0 && !out.has(id)) out.set(id, parts[0]);
  }
  return out;
}

const MAX_ID_FILE = 1024 * 1024;

async function idFile(
  docker: Dockerode,
  containerId: string,
  path: string,
  signal?: AbortSignal,
): Promise<Map<number, string>> {
  try {
    const r = await readStart(docker, containerId, Buffer.from(path), MAX_ID_FILE, signal);
    return r ? parseIdFile(r.bytes.toString('utf8')) : new Map();
  } catch {
    return new Map(); // absent or unreadable: no names, ids only
  }
}

/** The container's names for ids; read through the archive API, so any state works. */
export async function readOwners(docker: Dockerode, containerId: string, signal?: AbortSignal): Promise<Owners> {
  const [users, groups] = await Promise.all([
    idFile(docker, containerId, '/etc/passwd', signal),
    idFile(docker, containerId, '/etc/group', signal),
  ]);
  return { users, groups };
}
