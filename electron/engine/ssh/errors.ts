import { trustCommand } from './args';
import { displayTarget, type SshTarget } from './target';

/** How an ssh child ended: turned into one plain sentence plus ssh's own words. */
export interface SshExit {
  code: number | null;
  stderr: string;
}

export interface SshFailureContext {
  target: SshTarget;
  configFile?: string | undefined;
  /** Fingerprints the host offered (from a verbose probe), for an unknown host. */
  fingerprints?: string[];
}

export type SshFailureKind =
  'unknown-host' | 'changed-key' | 'auth' | 'unreachable' | 'docker-missing' | 'docker-too-old' | 'other';

export function classifySshFailure(e: SshExit): SshFailureKind {
  const s = e.stderr;
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed/.test(s)) return 'changed-key';
  if (/Host key verification failed/.test(s)) return 'unknown-host';
  if (/Permission denied \(/.test(s)) return 'auth';
  if (
    /Connection refused|Connection timed out|Could not resolve hostname|No route to host|Network is unreachable|Operation timed out|Connection closed by|Connection reset by/.test(
      s,
    )
  ) {
    return 'unreachable';
  }
  if (/unknown command.*dial-stdio|dial-stdio.*(?:unknown|not a docker command)/.test(s)) return 'docker-too-old';
  if (e.code === 127 || /docker: (?:command )?not found/.test(s)) return 'docker-missing';
  return 'other';
}

/** `Server host key: ssh-ed25519 SHA256:...` lines of `ssh -v`, as `ED25519 SHA256:...`. */
export function hostKeyFingerprints(verboseStderr: string): string[] {
  const out: string[] = [];
  for (const m of verboseStderr.matchAll(/Server host key: (\S+) (SHA256:\S+)/g)) {
    const type = (m[1] ?? '')
      .replace(/^ssh-/, '')
      .replace(/^ecdsa-sha2-.*/, 'ECDSA')
      .toUpperCase();
    out.push(`${type} ${m[2] ?? ''}`);
  }
  return [...new Set(out)];
}

/** ssh's own words, without the banner art and blank lines, for the end of a message. */
export function sshSaid(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^@+$/.test(l) && !l.startsWith('debug'));
  return lines.join(' ').slice(0, 1500);
}

export function describeSshFailure(e: SshExit, ctx: SshFailureContext): string {
  const dest = displayTarget(ctx.target);
  const said = sshSaid(e.stderr);
  const tail = said ? ` ssh said: ${said}` : '';
  switch (classifySshFailure(e)) {
    case 'changed-key': {
      const offending = /Offending \S+ key in (\S+:\d+)/.exec(e.stderr)?.[1];
      const fp = /(SHA256:[A-Za-z0-9+/=]+)/.exec(e.stderr)?.[1];
      const hostPattern = /-R "?([^"\s]+)"?/.exec(e.stderr)?.[1] ?? ctx.target.host;
      return (
        `REFUSED: the ssh host key of ${dest} has CHANGED. This may be a man-in-the-middle attack: someone ` +
        `could be posing as the engine host to read your registry credentials, build contexts and keystrokes. ` +
        `Berth did not connect.${offending ? ` The key you trusted before is in ${offending}.` : ''}` +
        `${fp ? ` The host now offers ${fp}.` : ''} Only if the host's owner confirms the key really changed, ` +
        `remove the old entry with \`ssh-keygen -R "${hostPattern}"\` and run \`${trustCommand(ctx.target, ctx.configFile)}\` ` +
        `once in a terminal to trust the new one.${tail}`
      );
    }
    case 'unknown-host': {
      const fps = ctx.fingerprints?.length ? ctx.fingerprints.join(', ') : 'unknown (the host did not say)';
      return (
        `${dest} is not a known ssh host (its key is not in your known_hosts), so Berth did not connect. ` +
        `Its host key fingerprint: ${fps}. Check that fingerprint with the host's owner, then run ` +
        `\`${trustCommand(ctx.target, ctx.configFile)}\` once in a terminal and answer "yes". ` +
        `Berth never adds host keys by itself.${tail}`
      );
    }
    case 'auth':
      return (
        `ssh could not log in to ${dest}: the server refused every key offered. Load your key into ssh-agent ` +
        `(\`ssh-add\`) or set IdentityFile in your ssh config, and make sure it is in the remote user's ` +
        `authorized_keys.${tail}`
      );
    case 'unreachable':
      return `Cannot reach the ssh server of ${dest}.${tail}`;
    case 'docker-missing':
      return `Logged in to ${dest} over ssh, but the \`docker\` command is not installed there (or not on its PATH).${tail}`;
    case 'docker-too-old':
      return `The docker CLI on ${dest} is too old for \`docker system dial-stdio\` (Docker 18.09 or later is needed).${tail}`;
    default:
      return `ssh to ${dest} failed${e.code !== null ? ` (exit ${e.code})` : ''}.${tail || ' ssh said nothing.'}`;
  }
}
