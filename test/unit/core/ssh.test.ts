/**
 * The pure parts of ssh:// engines: address parsing, ssh command lines, and ssh's stderr turned
 * into messages. The stderr fixtures were captured from Debian's OpenSSH 9.2 client against the
 * test sshd (test/helpers/sshd.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { dialArgs, hostKeyProbeArgs, masterArgs, trustCommand } from '../../../electron/engine/ssh/args';
import {
  classifySshFailure,
  describeSshFailure,
  hostKeyFingerprints,
  type SshExit,
} from '../../../electron/engine/ssh/errors';
import { displayTarget, parseSshUrl } from '../../../electron/engine/ssh/target';

const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', 'ssh', name), 'utf8');
const target = { host: '127.0.0.1', port: 33677, user: 'root' };
const exit255 = (name: string): SshExit => ({ code: 255, stderr: fixture(name) });

describe('parseSshUrl', () => {
  test('user, host and port when given; nothing invented when not (ssh config decides)', () => {
    expect(parseSshUrl('ssh://deploy@build.example:2222')).toEqual({
      host: 'build.example',
      port: 2222,
      user: 'deploy',
    });
    expect(parseSshUrl('ssh://myalias')).toEqual({ host: 'myalias' });
    expect(parseSshUrl('ssh://myalias/')).toEqual({ host: 'myalias' });
  });

  test('IPv6 literals lose their brackets for ssh', () => {
    expect(parseSshUrl('ssh://[::1]:2222')).toEqual({ host: '::1', port: 2222 });
    expect(displayTarget({ host: '::1', port: 2222, user: 'me' })).toBe('me@[::1]:2222');
  });

  test('option injection and odd characters are refused', () => {
    expect(() => parseSshUrl('ssh://-oProxyCommand=touch%20pwned')).toThrow(/Refusing ssh host/);
    expect(() => parseSshUrl('ssh://-oProxyCommand=x@host')).toThrow(/Refusing ssh user/);
    expect(() => parseSshUrl('ssh://a%20b@host')).toThrow(/Refusing ssh user/);
    expect(() => parseSshUrl('ssh://us%0Aer@host')).toThrow(/Refusing ssh user/);
  });

  test('passwords, paths and queries are refused', () => {
    expect(() => parseSshUrl('ssh://me:secret@host')).toThrow(/password/);
    expect(() => parseSshUrl('ssh://host/var/run/docker.sock')).toThrow(/path/);
    expect(() => parseSshUrl('ssh://host?x=1')).toThrow(/query/);
  });
});

describe('ssh command lines', () => {
  const o = { connectTimeoutSec: 10, configFile: '/tmp/cfg', controlPath: '/tmp/d/cm' };

  test('dial: BatchMode, -p/-l only from the URL, -- before the host, dial-stdio', () => {
    expect(dialArgs(target, o)).toEqual([
      '-F',
      '/tmp/cfg',
      '-o',
      'BatchMode=yes',
      '-o',
      'ConnectTimeout=10',
      '-p',
      '33677',
      '-l',
      'root',
      '-o',
      'ControlMaster=no',
      '-o',
      'ControlPath=/tmp/d/cm',
      '--',
      '127.0.0.1',
      'docker',
      'system',
      'dial-stdio',
    ]);
    const alias = dialArgs({ host: 'myalias' }, { connectTimeoutSec: 5 });
    expect(alias).not.toContain('-p');
    expect(alias).not.toContain('-l');
    expect(alias).not.toContain('-F');
    expect(alias).toContain('ControlPath=none');
  });

  test('never weakens host-key checking', () => {
    for (const args of [dialArgs(target, o), masterArgs(target, o), hostKeyProbeArgs(target, o)]) {
      expect(args.join(' ')).not.toMatch(/StrictHostKeyChecking|UserKnownHostsFile|accept-new/);
      expect(args).toContain('BatchMode=yes');
      expect(args[args.indexOf('--') + 1]).toBe('127.0.0.1');
    }
  });

  test('the master owns the control socket; a literal % in its path is escaped', () => {
    const args = masterArgs(target, { ...o, controlPath: '/tmp/a%b/cm' });
    expect(args).toContain('ControlMaster=yes');
    expect(args).toContain('ControlPersist=no');
    expect(args).toContain('ControlPath=/tmp/a%%b/cm');
  });

  test('trust command: what the user runs once to check and accept the key', () => {
    expect(trustCommand(target)).toBe('ssh -p 33677 root@127.0.0.1');
    expect(trustCommand({ host: 'box' }, '/home/me/my cfg')).toBe("ssh -F '/home/me/my cfg' box");
  });
});

describe('ssh failures from real ssh output', () => {
  test('classification', () => {
    expect(classifySshFailure(exit255('unknown-host.txt'))).toBe('unknown-host');
    expect(classifySshFailure(exit255('changed-key.txt'))).toBe('changed-key');
    expect(classifySshFailure(exit255('auth-refused.txt'))).toBe('auth');
    expect(classifySshFailure(exit255('connection-refused.txt'))).toBe('unreachable');
    expect(classifySshFailure(exit255('unresolved.txt'))).toBe('unreachable');
    expect(classifySshFailure({ code: 127, stderr: 'bash: line 1: docker: command not found\n' })).toBe(
      'docker-missing',
    );
    // A CLI without the subcommand (captured as `docker container dial-stdio` from a current CLI).
    expect(classifySshFailure({ code: 1, stderr: fixture('docker-too-old.txt') })).toBe('docker-too-old');
  });

  test('the fingerprint the host offered is read from ssh -v', () => {
    expect(hostKeyFingerprints(fixture('unknown-host-verbose.txt'))).toEqual([
      'ED25519 SHA256:DIBCzqAzWWhqt6AB5t9kO35DQMmCcBph/tWsAZqqseQ',
    ]);
    expect(hostKeyFingerprints('debug1: Server host key: ecdsa-sha2-nistp256 SHA256:abc')).toEqual([
      'ECDSA SHA256:abc',
    ]);
  });

  test('unknown host: fingerprint, how to check and trust it, never automatic', () => {
    const msg = describeSshFailure(exit255('unknown-host.txt'), {
      target,
      fingerprints: hostKeyFingerprints(fixture('unknown-host-verbose.txt')),
    });
    expect(msg).toContain('root@127.0.0.1:33677 is not a known ssh host');
    expect(msg).toContain('ED25519 SHA256:DIBCzqAzWWhqt6AB5t9kO35DQMmCcBph/tWsAZqqseQ');
    expect(msg).toContain("Check that fingerprint with the host's owner");
    expect(msg).toContain('`ssh -p 33677 root@127.0.0.1` once in a terminal and answer "yes"');
    expect(msg).toContain('ssh said: Host key verification failed.');
  });

  test('changed key: loud refusal, the offending known_hosts line, the fix if legitimate', () => {
    const msg = describeSshFailure(exit255('changed-key.txt'), { target });
    expect(msg).toMatch(/^REFUSED: the ssh host key of root@127\.0\.0\.1:33677 has CHANGED/);
    expect(msg).toContain('man-in-the-middle');
    expect(msg).toContain('/tmp/berth-sshd-Xk4TT4/changed.known_hosts:1');
    expect(msg).toContain('SHA256:DIBCzqAzWWhqt6AB5t9kO35DQMmCcBph/tWsAZqqseQ');
    expect(msg).toContain('`ssh-keygen -R "[127.0.0.1]:33677"`');
    expect(msg).not.toContain('@@@@');
  });

  test('auth, unreachable, missing or old docker: a plain sentence plus ssh’s own words', () => {
    expect(describeSshFailure(exit255('auth-refused.txt'), { target })).toMatch(
      /^ssh could not log in to root@127\.0\.0\.1:33677.*ssh said: root@127\.0\.0\.1: Permission denied \(publickey\)\.$/,
    );
    expect(describeSshFailure(exit255('connection-refused.txt'), { target: { ...target, port: 1 } })).toBe(
      'Cannot reach the ssh server of root@127.0.0.1:1. ssh said: ssh: connect to host 127.0.0.1 port 1: Connection refused',
    );
    expect(
      describeSshFailure({ code: 127, stderr: 'bash: line 1: docker: command not found\n' }, { target }),
    ).toContain('the `docker` command is not installed there');
    expect(describeSshFailure({ code: 1, stderr: fixture('docker-too-old.txt') }, { target })).toContain(
      'too old for `docker system dial-stdio`',
    );
  });
});
