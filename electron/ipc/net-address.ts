import { BlockList, isIP } from 'node:net';

/** Loopback ranges: 127.0.0.0/8 and ::1 (IPv4-mapped ::ffff:127.x.y.z are matched by BlockList too). */
const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/**
 * Whether binding or serving `host` stays on this machine. Only IP literals in the loopback ranges
 * and the name `localhost` count: a name like `127.evil.com` is resolved by DNS and may point anywhere.
 */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  const family = isIP(h);
  if (family === 4) return loopback.check(h, 'ipv4');
  if (family === 6) return loopback.check(h, 'ipv6');
  return false;
}

export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}
