/**
 * An `ssh://[user@]host[:port]` engine address, checked the way the docker CLI's connhelper does.
 * Port and user stay undefined when the URL has none, so the user's ssh config (Host aliases, Port,
 * User) decides them, as it would for `ssh host`.
 */
export interface SshTarget {
  host: string;
  port?: number;
  user?: string;
}

// A leading '-' would turn the value into an ssh option (`ssh://-oProxyCommand=...` runs a command);
// whitespace and control characters have no place in a host or user name.
const UNSAFE = /^-|[\s\p{Cc}]/u;

export function parseSshUrl(address: string): SshTarget {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    throw new Error(`Invalid ssh address "${address}" (expected ssh://[user@]host[:port])`);
  }
  if (url.protocol !== 'ssh:') throw new Error(`Not an ssh address: "${address}"`);
  if (url.password) throw new Error(`ssh address "${address}" holds a password: use a key or ssh-agent instead`);
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash) {
    throw new Error(`ssh address "${address}" has a path, query or fragment: use ssh://[user@]host[:port]`);
  }
  // WHATWG URL keeps IPv6 brackets in hostname; ssh wants the bare address.
  const host = decodeURIComponent(url.hostname.replace(/^\[(.*)\]$/, '$1'));
  const user = url.username ? decodeURIComponent(url.username) : undefined;
  if (!host) throw new Error(`ssh address "${address}" has no host`);
  if (UNSAFE.test(host))
    throw new Error(`Refusing ssh host "${host}": it starts with "-" or holds spaces/control characters`);
  if (user !== undefined && UNSAFE.test(user)) {
    throw new Error(`Refusing ssh user "${user}": it starts with "-" or holds spaces/control characters`);
  }
  return {
    host,
    ...(url.port ? { port: Number(url.port) } : {}),
    ...(user !== undefined ? { user } : {}),
  };
}

/** `user@host:port` as a person would write it, for messages. */
export function displayTarget(t: SshTarget): string {
  const host = t.host.includes(':') ? `[${t.host}]` : t.host;
  return `${t.user ? `${t.user}@` : ''}${host}${t.port ? `:${t.port}` : ''}`;
}
