import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real OpenSSH server on 127.0.0.1 for tests: Debian's sshd with throwaway host and user keys in a
 * temp dir. Its only authorized command is `docker system dial-stdio` against the socket the test
 * names, so an ssh:// engine pointed at it reaches that socket exactly as it would a remote host.
 * Everything a client needs (known_hosts, identities, a config for `ssh -F`) lives in the same
 * dir: the user's real ~/.ssh is never read or written.
 */

export type KeyType = 'ed25519' | 'rsa' | 'ecdsa';

export interface Sshd {
  port: number;
  dir: string;
  /** Public host key lines (`type base64`) by type, as sshd offers them. */
  hostKeys: Record<KeyType, string>;
  /** Private user key files by type; each one is authorized. */
  userKeys: Record<KeyType, string>;
  /** A known_hosts line for this server with the given host key type(s). */
  knownHostsLine(types?: KeyType[], hostPattern?: string): string;
  /**
   * Writes an ssh client config (for BERTH_SSH_CONFIG / `ssh -F`) and returns its path. The
   * known_hosts file is private to the test; `body` goes first, so its Host blocks win.
   */
  clientConfig(opts: { name: string; knownHosts: string; identity?: KeyType | null; body?: string }): string;
  /** Processes sshd runs for sessions (their children included): none once every client is gone. */
  sessions(): number[];
  stop(): Promise<void>;
}

export const ALL_KEY_TYPES: KeyType[] = ['ed25519', 'rsa', 'ecdsa'];

/** Why sshd cannot run here, or undefined when it can. */
export function sshdUnavailable(): string | undefined {
  if (!existsSync('/usr/sbin/sshd')) return 'no /usr/sbin/sshd (apt-get install openssh-server)';
  if (!existsSync('/usr/bin/ssh')) return 'no /usr/bin/ssh (apt-get install openssh-client)';
  if (process.getuid?.() !== 0) return 'sshd needs root for privilege separation';
  try {
    execFileSync('docker', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'no docker CLI for `docker system dial-stdio`';
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function keygen(path: string, type: KeyType): void {
  const bits = type === 'rsa' ? ['-b', '3072'] : [];
  execFileSync('ssh-keygen', ['-q', '-t', type, ...bits, '-N', '', '-C', `berth-test-${type}`, '-f', path]);
}

/** The docker CLI's absolute path: sshd runs commands with its own default PATH. */
function dockerPath(): string {
  return execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();
}

export async function startSshd(opts: { engineSocket: string; hostKeyTypes?: KeyType[] }): Promise<Sshd> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-sshd-'));
  mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege-separation dir
  const hostKeyTypes = opts.hostKeyTypes ?? ALL_KEY_TYPES;
  const hostKeys = {} as Record<KeyType, string>;
  const userKeys = {} as Record<KeyType, string>;
  for (const t of ALL_KEY_TYPES) {
    keygen(join(dir, `host_${t}`), t);
    hostKeys[t] = readFileSync(join(dir, `host_${t}.pub`), 'utf8')
      .split(' ')
      .slice(0, 2)
      .join(' ');
    keygen(join(dir, `id_${t}`), t);
    userKeys[t] = join(dir, `id_${t}`);
  }
  const command = `${dockerPath()} -H unix://${opts.engineSocket} system dial-stdio`;
  writeFileSync(
    join(dir, 'authorized_keys'),
    ALL_KEY_TYPES.map(
      (t) => `restrict,command="${command}" ${readFileSync(`${userKeys[t]}.pub`, 'utf8').trim()}\n`,
    ).join(''),
  );
  const port = await freePort();
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      // Also IPv6 loopback, for ssh://[::1]:port; sshd carries on if this one cannot bind.
      'ListenAddress [::1]',
      ...hostKeyTypes.map((t) => `HostKey ${join(dir, `host_${t}`)}`),
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'MaxStartups 100:30:200',
      'MaxSessions 100',
      '',
    ].join('\n'),
  );

  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sshd did not start:\n${log}`)), 10_000);
    child.stderr?.on('data', (d: Buffer) => {
      log += d.toString();
      if (log.includes('Server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited (${code}):\n${log}`));
    });
  });
  // Keep draining its log so sshd never blocks on a full pipe.
  child.stderr?.resume();

  const knownHostsLine = (types: KeyType[] = hostKeyTypes, hostPattern = `[127.0.0.1]:${port}`): string =>
    types.map((t) => `${hostPattern} ${hostKeys[t]}\n`).join('');

  return {
    port,
    dir,
    hostKeys,
    userKeys,
    knownHostsLine,
    clientConfig({ name, knownHosts, identity = 'ed25519', body = '' }) {
      const known = join(dir, `${name}.known_hosts`);
      writeFileSync(known, knownHosts);
      const path = join(dir, `${name}.ssh_config`);
      writeFileSync(
        path,
        [
          body,
          'Host *',
          `  UserKnownHostsFile ${known}`,
          '  GlobalKnownHostsFile /dev/null',
          ...(identity ? [`  IdentityFile ${userKeys[identity]}`, '  IdentitiesOnly yes'] : []),
          '',
        ].join('\n'),
      );
      return path;
    },
    sessions() {
      const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
      const found: number[] = [];
      let parents = new Set([child.pid]);
      while (parents.size > 0) {
        const next = rows.filter(([, ppid]) => parents.has(ppid)).map(([pid]) => pid);
        found.push(...next);
        parents = new Set(next);
      }
      return found;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
