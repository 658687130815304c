import { expect, test } from 'vitest';
import { explainConnectError, modeString, type HostFacts } from '../../../electron/engine/connect-errors';

function facts(over: Partial<HostFacts> & { mode?: number; inGroup?: boolean } = {}): HostFacts {
  return {
    socket: (path) =>
      path === '/run/docker.sock'
        ? { owner: 'root', group: 'docker', gid: 998, mode: over.mode ?? 0o140660 }
        : undefined,
    groups: () => (over.inGroup ? [0, 998] : [1000]),
    user: () => 'ada',
  };
}

const netErr = (code: string, extra: Record<string, unknown>, message = `connect ${code}`): Error =>
  Object.assign(new Error(message), { code, syscall: 'connect', ...extra });

test('modeString reads a socket mode like ls', () => {
  expect(modeString(0o140660)).toBe('srw-rw----');
  expect(modeString(0o140600)).toBe('srw-------');
  expect(modeString(0o100755)).toBe('-rwxr-xr-x');
});

test('permission denied on a group socket names the group and the usermod command', () => {
  const err = netErr('EACCES', { address: '/run/docker.sock' }, 'connect EACCES /run/docker.sock');
  expect(explainConnectError(err, facts())).toBe(
    'Permission denied: /run/docker.sock belongs to root:docker, mode srw-rw----. ' +
      'Add yourself to the docker group (sudo usermod -aG docker ada), then log in again. ' +
      '(connect EACCES /run/docker.sock)',
  );
});

test('a member of the group whose session predates it is told to log in again', () => {
  const err = netErr('EACCES', { address: '/run/docker.sock' });
  expect(explainConnectError(err, facts({ inGroup: true }))).toContain('log out and back in');
});

test('an owner-only socket says only its owner may use it', () => {
  const err = netErr('EACCES', { address: '/run/docker.sock' });
  const text = explainConnectError(err, facts({ mode: 0o140600 }));
  expect(text).toContain('mode srw-------');
  expect(text).toContain('Only root may use it');
  expect(text).not.toContain('usermod');
});

test('a socket that cannot be read still gets a plain permission sentence', () => {
  const err = netErr('EACCES', { address: '/elsewhere.sock' }, 'connect EACCES /elsewhere.sock');
  expect(explainConnectError(err, facts())).toBe(
    'Permission denied: /elsewhere.sock. (connect EACCES /elsewhere.sock)',
  );
});

test('missing socket, refused unix and tcp, unknown host, no route, timeout', () => {
  const f = facts();
  expect(explainConnectError(netErr('ENOENT', { address: '/x.sock' }), f)).toMatch(/^No socket at \/x.sock: /);
  expect(explainConnectError(netErr('ECONNREFUSED', { address: '/x.sock' }), f)).toMatch(
    /^Nothing listens on \/x.sock: the socket file is left/,
  );
  expect(explainConnectError(netErr('ECONNREFUSED', { address: '127.0.0.1', port: 2375 }), f)).toMatch(
    /^Nothing listens on 127.0.0.1:2375: /,
  );
  expect(explainConnectError(netErr('ENOTFOUND', { hostname: 'nohost.invalid' }), f)).toMatch(
    /^Unknown host nohost.invalid/,
  );
  expect(explainConnectError(netErr('EHOSTUNREACH', { address: '192.0.2.1', port: 2376 }), f)).toMatch(
    /^No route to 192.0.2.1:2376/,
  );
  expect(explainConnectError(netErr('ETIMEDOUT', { address: '192.0.2.1', port: 2376 }), f)).toMatch(
    /did not answer in time/,
  );
});

test('anything else is left to the caller', () => {
  expect(explainConnectError(new Error('socket hang up'), facts())).toBeUndefined();
  expect(explainConnectError('text', facts())).toBeUndefined();
  expect(explainConnectError(netErr('EPIPE', {}), facts())).toBeUndefined();
});
