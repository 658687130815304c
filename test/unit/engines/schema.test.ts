import { describe, expect, test } from 'vitest';
import { AddEngineInput } from '../../../shared/contracts/engines';
import { parseEnginesSettings } from '../../../electron/engine/engines-settings';

const issues = (v: unknown): Record<string, string> => {
  const r = AddEngineInput.safeParse(v);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('add-engine input', () => {
  test('accepts each kind', () => {
    expect(AddEngineInput.parse({ kind: 'unix', name: ' Mine ', path: '/run/x.sock' })).toEqual({
      kind: 'unix',
      name: 'Mine',
      path: '/run/x.sock',
    });
    expect(
      AddEngineInput.parse({
        kind: 'tcp',
        name: 'Lab',
        host: 'tcp://10.0.0.2:2376',
        tls: { ca: '', cert: '/a', key: '/b' },
      }),
    ).toEqual({
      kind: 'tcp',
      name: 'Lab',
      host: 'tcp://10.0.0.2:2376',
      tls: { cert: '/a', key: '/b' },
    });
    expect(AddEngineInput.parse({ kind: 'tcp', name: 'v6', host: 'tcp://[::1]:2375' }).kind).toBe('tcp');
    expect(AddEngineInput.parse({ kind: 'ssh', name: 'Far', host: 'ssh://me@far.example:2222' }).kind).toBe('ssh');
    expect(AddEngineInput.parse({ kind: 'ssh', name: 'Far', host: 'ssh://far' }).kind).toBe('ssh');
  });

  test('says what is wrong, per field', () => {
    expect(issues({ kind: 'unix', name: '', path: 'run/x.sock' })).toEqual({
      name: 'Give the engine a name',
      path: 'The socket path must be absolute (start with /)',
    });
    expect(issues({ kind: 'tcp', name: 'x', host: 'http://a:1' })).toEqual({
      host: 'Use tcp://host:port, e.g. tcp://192.168.1.20:2376',
    });
    expect(issues({ kind: 'tcp', name: 'x', host: 'tcp://a:70000' })).toEqual({ host: 'The port must be 1–65535' });
    expect(issues({ kind: 'tcp', name: 'x', host: 'tcp://a:1', tls: { cert: '/c' } })).toEqual({
      'tls.key': 'Give both the client certificate and its key, or neither',
    });
    expect(issues({ kind: 'tcp', name: 'x', host: 'tcp://a:1', tls: { ca: 'ca.pem' } })).toEqual({
      'tls.ca': 'The CA certificate path must be absolute (start with /)',
    });
    // An ssh option smuggled in as a user or host is refused.
    expect(Object.keys(issues({ kind: 'ssh', name: 'x', host: 'ssh://-oProxyCommand=x@h' }))).toEqual(['host']);
    expect(Object.keys(issues({ kind: 'ssh', name: 'x', host: 'ssh://me@-h' }))).toEqual(['host']);
  });
});

describe('engines settings key', () => {
  test('keeps valid added engines and the choice, skips what does not parse', () => {
    const logs: string[] = [];
    const state = parseEnginesSettings(
      {
        current: 'added:abc',
        added: [
          { id: 'added:abc', kind: 'unix', name: 'Mine', path: '/x.sock' },
          { id: 'added:bad', kind: 'unix', name: 'Rel', path: 'x.sock' },
          { id: 'nope', kind: 'unix', name: 'NoPrefix', path: '/y.sock' },
          { id: 'added:abc', kind: 'unix', name: 'Dup', path: '/z.sock' },
        ],
      },
      (m) => logs.push(m),
    );
    expect(state).toEqual({
      current: 'added:abc',
      added: [{ id: 'added:abc', kind: 'unix', name: 'Mine', path: '/x.sock' }],
    });
    expect(logs).toHaveLength(3);
  });

  test('no key, or a key of the wrong shape, gives no added engines and no choice', () => {
    expect(parseEnginesSettings(undefined)).toEqual({ added: [] });
    expect(parseEnginesSettings('default')).toEqual({ added: [] });
    expect(parseEnginesSettings({ added: 'x' })).toEqual({ added: [] });
  });
});
