import type { SshTarget } from './target';

/**
 * Command lines for the system `ssh`, the way the docker CLI's connhelper builds them. Host-key
 * checking, known_hosts (hashed entries, /etc/ssh/ssh_known_hosts), ~/.ssh/config, ssh-agent and
 * every key type are OpenSSH's own behaviour. BatchMode makes ssh refuse an unknown host instead of
 * asking, and StrictHostKeyChecking is never weakened.
 */
export interface SshArgsOptions {
  /** `ssh -F <file>`: a config used instead of ~/.ssh/config (BERTH_SSH_CONFIG). */
  configFile?: string | undefined;
  connectTimeoutSec: number;
  /** Control socket of the multiplexing master; undefined = no multiplexing. */
  controlPath?: string | undefined;
}

function baseArgs(t: SshTarget, o: SshArgsOptions): string[] {
  return [
    ...(o.configFile ? ['-F', o.configFile] : []),
    '-o',
    'BatchMode=yes',
    '-o',
    `ConnectTimeout=${o.connectTimeoutSec}`,
    // Only what the URL says, so the ssh config's Port/User apply otherwise.
    ...(t.port !== undefined ? ['-p', String(t.port)] : []),
    ...(t.user !== undefined ? ['-l', t.user] : []),
  ];
}

const DIAL = ['docker', 'system', 'dial-stdio'];

// ssh expands %-tokens in ControlPath; a literal % in a temp dir name must not be one.
const controlPathOption = (p: string): string => `ControlPath=${p.replace(/%/g, '%%')}`;

/**
 * The multiplexing master: authenticates once and carries every connection. Its own session is an
 * idle dial-stdio whose stdin we hold open: if Berth dies without stop(), that stdin closes, the
 * session ends and the master exits with it (an `-N` master would live on as an orphan).
 */
export function masterArgs(t: SshTarget, o: SshArgsOptions & { controlPath: string }): string[] {
  return [
    ...baseArgs(t, o),
    '-o',
    'ControlMaster=yes',
    '-o',
    'ControlPersist=no',
    '-o',
    controlPathOption(o.controlPath),
    '--',
    t.host,
    ...DIAL,
  ];
}

/** One engine connection: the remote docker CLI relays stdin/stdout to its engine socket. */
export function dialArgs(t: SshTarget, o: SshArgsOptions): string[] {
  const mux = o.controlPath
    ? ['-o', 'ControlMaster=no', '-o', controlPathOption(o.controlPath)]
    : ['-o', 'ControlMaster=no', '-o', 'ControlPath=none'];
  return [...baseArgs(t, o), ...mux, '--', t.host, ...DIAL];
}

/**
 * A verbose attempt that stops at host-key checking, only to read the key the host offers
 * ("Server host key: ...") for the unknown-host message. It never changes known_hosts.
 */
export function hostKeyProbeArgs(t: SshTarget, o: SshArgsOptions): string[] {
  return [...baseArgs(t, o), '-v', '-o', 'ControlMaster=no', '-o', 'ControlPath=none', '--', t.host, 'true'];
}

/** What the user types once in a terminal to check and trust the host themselves. */
export function trustCommand(t: SshTarget, configFile?: string): string {
  const quote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return [
    'ssh',
    ...(configFile ? ['-F', quote(configFile)] : []),
    ...(t.port !== undefined ? ['-p', String(t.port)] : []),
    quote(`${t.user ? `${t.user}@` : ''}${t.host}`),
  ].join(' ');
}
