import { describe, expect, test } from 'vitest';
import {
  commandForm,
  formatBytes,
  formatCpus,
  formatDateTime,
  formatMemoryLimit,
  formatPorts,
  formatRelativeTime,
  isSecretKey,
  parseEngineTime,
  plural,
  shellQuote,
  shortId,
  stateLabel,
  stateTone,
} from '../../../renderer/presentation/format';

describe('formatBytes', () => {
  test('binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(64 * 1024 * 1024)).toBe('64 MiB');
    expect(formatBytes(1.25 * 1024 ** 3)).toBe('1.3 GiB');
    expect(formatBytes(300 * 1024 ** 3)).toBe('300 GiB');
    expect(formatBytes(5 * 1024 ** 4)).toBe('5 TiB');
  });
  test('odd input', () => {
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(-2048)).toBe('-2 KiB');
  });
  test('memory limit 0 is unlimited', () => {
    expect(formatMemoryLimit(0)).toBe('unlimited');
    expect(formatMemoryLimit(67108864)).toBe('64 MiB');
  });
});

describe('formatRelativeTime', () => {
  const now = Date.UTC(2024, 4, 1, 12, 0, 0);
  const s = now / 1000;
  test('past', () => {
    expect(formatRelativeTime(s - 3, now)).toBe('just now');
    expect(formatRelativeTime(s - 45, now)).toBe('45 seconds ago');
    expect(formatRelativeTime(s - 60, now)).toBe('1 minute ago');
    expect(formatRelativeTime(s - 3 * 60 - 20, now)).toBe('3 minutes ago');
    expect(formatRelativeTime(s - 2 * 3600, now)).toBe('2 hours ago');
    expect(formatRelativeTime(s - 3 * 86400, now)).toBe('3 days ago');
    expect(formatRelativeTime(s - 14 * 86400, now)).toBe('2 weeks ago');
    expect(formatRelativeTime(s - 65 * 86400, now)).toBe('2 months ago');
    expect(formatRelativeTime(s - 800 * 86400, now)).toBe('2 years ago');
  });
  test('future and invalid', () => {
    expect(formatRelativeTime(s + 120, now)).toBe('in 2 minutes');
    expect(formatRelativeTime(s + 30, now)).toBe('just now'); // clock skew, not the future
    expect(formatRelativeTime(0, now)).toBe('—');
  });
  test('absolute time and engine timestamps', () => {
    expect(formatDateTime(0)).toBe('—');
    expect(formatDateTime(s)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(parseEngineTime('0001-01-01T00:00:00Z')).toBeUndefined();
    expect(parseEngineTime('2024-05-01T12:00:00.123456789Z')).toBeCloseTo(s + 0.123, 2);
    expect(parseEngineTime('nonsense')).toBeUndefined();
  });
});

describe('formatCpus', () => {
  test('nano CPUs', () => {
    expect(formatCpus(500_000_000)).toBe('0.5 CPU');
    expect(formatCpus(1_000_000_000)).toBe('1 CPU');
    expect(formatCpus(1_500_000_000)).toBe('1.5 CPUs');
    expect(formatCpus(2_000_000_000)).toBe('2 CPUs');
    expect(formatCpus(0)).toBe('unlimited');
  });
});

describe('formatPorts', () => {
  test('published first, wildcard IPv4/IPv6 twins merged, links', () => {
    const views = formatPorts([
      { privatePort: 443, protocol: 'tcp' },
      { ip: '0.0.0.0', privatePort: 80, publicPort: 8080, protocol: 'tcp' },
      { ip: '::', privatePort: 80, publicPort: 8080, protocol: 'tcp' },
      { ip: '127.0.0.1', privatePort: 53, publicPort: 5353, protocol: 'udp' },
    ]);
    expect(views.map((v) => v.text)).toEqual(['127.0.0.1:5353→53/udp', '8080→80/tcp', '443/tcp']);
    expect(views.map((v) => v.short)).toEqual(['5353→53/udp', '8080→80', '443/tcp']);
    expect(views[0]?.url).toBeUndefined(); // UDP: no http link
    expect(views[1]?.url).toBe('http://localhost:8080');
    expect(views[2]?.published).toBe(false);
  });
  test('specific host ips, IPv6 bracketed', () => {
    expect(formatPorts([{ ip: '127.0.0.1', privatePort: 80, publicPort: 49153, protocol: 'tcp' }])[0]?.url).toBe(
      'http://127.0.0.1:49153',
    );
    expect(formatPorts([{ ip: '::1', privatePort: 80, publicPort: 8080, protocol: 'tcp' }])[0]?.url).toBe(
      'http://[::1]:8080',
    );
    expect(formatPorts([{ ip: '0.0.0.0', privatePort: 80, publicPort: 8080, protocol: 'tcp' }], 'myhost')[0]?.url).toBe(
      'http://myhost:8080',
    );
  });
  test('empty', () => {
    expect(formatPorts([])).toEqual([]);
  });
});

describe('ids and commands', () => {
  test('shortId', () => {
    expect(shortId('sha256:0123456789abcdef0123')).toBe('0123456789ab');
    expect(shortId('abc')).toBe('abc');
  });
  test('shellQuote', () => {
    expect(shellQuote('plain-arg_1.0')).toBe('plain-arg_1.0');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('two words')).toBe("'two words'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });
  test('exec form', () => {
    expect(commandForm([], ['sleep', '300'])).toEqual({ form: 'exec', display: 'sleep 300', argv: ['sleep', '300'] });
    expect(commandForm(['/entry.sh'], ['--name', 'a b'])).toEqual({
      form: 'exec',
      display: "/entry.sh --name 'a b'",
      argv: ['/entry.sh', '--name', 'a b'],
    });
    expect(commandForm([], []).display).toBe('');
  });
  test('shell form', () => {
    expect(commandForm([], ['/bin/sh', '-c', 'echo hi && sleep 5'])).toEqual({
      form: 'shell',
      display: 'echo hi && sleep 5',
      argv: ['/bin/sh', '-c', 'echo hi && sleep 5'],
    });
    expect(commandForm(['/bin/sh', '-c'], ['nginx -g "daemon off;"']).form).toBe('shell');
    expect(commandForm(['sh'], ['-c']).form).toBe('exec'); // no script: not a shell-form command
  });
});

describe('states and secrets', () => {
  test('stateTone and label', () => {
    expect(stateTone('running')).toBe('success');
    expect(stateTone('paused')).toBe('warning');
    expect(stateTone('restarting')).toBe('info');
    expect(stateTone('exited')).toBe('neutral');
    expect(stateTone('created')).toBe('neutral');
    expect(stateTone('dead')).toBe('danger');
    expect(stateLabel('running')).toBe('Running');
  });
  test('isSecretKey', () => {
    for (const k of [
      'DB_PASSWORD',
      'postgres_password',
      'API_KEY',
      'GITHUB_TOKEN',
      'JWT_SECRET',
      'AWS_SECRET_ACCESS_KEY',
    ])
      expect(isSecretKey(k), k).toBe(true);
    for (const k of ['PATH', 'HOME', 'FOO', 'LANG', 'NODE_ENV']) expect(isSecretKey(k), k).toBe(false);
  });
  test('plural', () => {
    expect(plural(1, 'container')).toBe('1 container');
    expect(plural(3, 'container')).toBe('3 containers');
  });
});
