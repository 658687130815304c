import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';

/**
 * Turns the errno of a failed engine connection into a sentence a user can act on: whose socket it
 * is and with what mode when permission is denied, "nothing listens" for a refused connection, an
 * unknown host... The raw message stays at the end in parentheses, so nothing is hidden.
 */

/** What the host can tell about a unix socket, for a permission error. */
export interface SocketFacts {
  owner: string;
  group: string;
  gid: number;
  mode: number;
}

export interface HostFacts {
  socket(path: string): SocketFacts | undefined;
  /** The groups this process has (numeric). */
  groups(): number[];
  user(): string;
}

interface NetError {
  code?: unknown;
  message?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
}

/** `srw-rw----` from a st_mode. */
export function modeString(mode: number): string {
  const type = (mode & 0o170000) === 0o140000 ? 's' : (mode & 0o170000) === 0o040000 ? 'd' : '-';
  const bits = ['r', 'w', 'x'];
  let out = type;
  for (let shift = 6; shift >= 0; shift -= 3) {
    for (let i = 0; i < 3; i++) out += mode & (1 << (shift + 2 - i)) ? bits[i] : '-';
  }
  return out;
}

function permissionHint(path: string, facts: HostFacts): string {
  const s = facts.socket(path);
  if (!s) return `Permission denied: ${path}.`;
  const head = `Permission denied: ${path} belongs to ${s.owner}:${s.group}, mode ${modeString(s.mode)}.`;
  const groupRw = (s.mode & 0o060) === 0o060;
  if (!groupRw) return `${head} Only ${s.owner} may use it: run Berth as ${s.owner}, or ask for group access.`;
  if (facts.groups().includes(s.gid)) {
    return `${head} You are in ${s.group}, but this session was started before: log out and back in.`;
  }
  const user = facts.user();
  return `${head} Add yourself to the ${s.group} group (sudo usermod -aG ${s.group} ${user}), then log in again.`;
}

function where(e: NetError): string {
  const address = typeof e.address === 'string' ? e.address : undefined;
  if (!address) return 'the engine';
  return typeof e.port === 'number' ? `${address}:${e.port}` : address;
}

/** A clear sentence for a connection error, or undefined when the error is not a known errno. */
export function explainConnectError(err: unknown, facts: HostFacts = nodeHostFacts): string | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as NetError;
  const code = typeof e.code === 'string' ? e.code : '';
  const raw = typeof e.message === 'string' ? e.message : '';
  const isUnix = typeof e.address === 'string' && e.address.startsWith('/') && e.port === undefined;
  let sentence: string | undefined;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      sentence = isUnix ? permissionHint(e.address as string, facts) : `Permission denied connecting to ${where(e)}.`;
      break;
    case 'ENOENT':
      sentence = `No socket at ${where(e)}: the engine is not running, or it listens elsewhere.`;
      break;
    case 'ECONNREFUSED':
      sentence = isUnix
        ? `Nothing listens on ${where(e)}: the socket file is left from an engine that stopped.`
        : `Nothing listens on ${where(e)}: the engine is not running there, or a firewall refuses.`;
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      sentence = `Unknown host ${typeof e.hostname === 'string' ? e.hostname : where(e)}: check the name.`;
      break;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      sentence = `No route to ${where(e)}: the host is down or the network is off.`;
      break;
    case 'ETIMEDOUT':
      sentence = `${where(e)} did not answer in time.`;
      break;
    default:
      return undefined;
  }
  return raw ? `${sentence} (${raw})` : sentence;
}

function namesFrom(file: string): Map<number, string> {
  const names = new Map<number, string>();
  try {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const [name, , id] = line.split(':');
      if (name && id && /^\d+$/.test(id)) names.set(Number(id), name);
    }
  } catch {
    // No names: ids are shown instead.
  }
  return names;
}

/** Facts of the machine Berth runs on (the socket is local, so its owner is a local user). */
export const nodeHostFacts: HostFacts = {
  socket(path) {
    try {
      const st = statSync(path);
      const owner = namesFrom('/etc/passwd').get(st.uid) ?? String(st.uid);
      const group = namesFrom('/etc/group').get(st.gid) ?? String(st.gid);
      return { owner, group, gid: st.gid, mode: st.mode };
    } catch {
      return undefined;
    }
  },
  groups: () => (typeof process.getgroups === 'function' ? process.getgroups() : []),
  user: () => {
    try {
      return os.userInfo().username;
    } catch {
      return '$USER';
    }
  },
};
