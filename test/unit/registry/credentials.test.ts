import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CredentialStore } from '../../../electron/engine/credentials';
import { DOCKER_HUB_AUTH_KEY } from '../../../shared/reference';

/**
 * The docker CLI's credential rules on a temp DOCKER_CONFIG; credential helpers are a real
 * `docker-credential-berthfake` program on PATH that keeps its secrets in a JSON file.
 */

let dir: string;
let bin: string;
let helperDb: string;
let env: NodeJS.ProcessEnv;

const FAKE_HELPER = `#!/usr/bin/env node
const fs = require('fs');
const db = process.env.BERTH_FAKE_HELPER_DB;
const read = () => (fs.existsSync(db) ? JSON.parse(fs.readFileSync(db, 'utf8')) : {});
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const all = read();
  const action = process.argv[2];
  fs.appendFileSync(db + '.log', action + '\\n');
  if (action === 'store') {
    const c = JSON.parse(input);
    all[c.ServerURL] = { Username: c.Username, Secret: c.Secret };
    fs.writeFileSync(db, JSON.stringify(all));
  } else if (action === 'get') {
    const c = all[input.trim()];
    if (!c) { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1); }
    process.stdout.write(JSON.stringify({ ServerURL: input.trim(), Username: c.Username, Secret: c.Secret }));
  } else if (action === 'erase') {
    if (!all[input.trim()]) { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1); }
    delete all[input.trim()];
    fs.writeFileSync(db, JSON.stringify(all));
  } else if (action === 'list') {
    const out = {};
    for (const [k, v] of Object.entries(all)) out[k] = v.Username;
    process.stdout.write(JSON.stringify(out));
  } else process.exit(2);
});
`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-cred-'));
  bin = join(dir, 'bin');
  helperDb = join(dir, 'helper.json');
  mkdirSync(bin);
  const helper = join(bin, 'docker-credential-berthfake');
  writeFileSync(helper, FAKE_HELPER);
  chmodSync(helper, 0o755);
  env = {
    ...process.env,
    DOCKER_CONFIG: join(dir, 'cfg'),
    PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
    BERTH_FAKE_HELPER_DB: helperDb,
  };
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const configPath = () => join(dir, 'cfg', 'config.json');
const readConfig = () => JSON.parse(readFileSync(configPath(), 'utf8')) as Record<string, unknown>;
const writeConfig = (cfg: unknown) => {
  mkdirSync(join(dir, 'cfg'), { recursive: true });
  writeFileSync(configPath(), JSON.stringify(cfg));
};

describe('config.json auths (no helper)', () => {
  test('store writes base64 user:password under the CLI key, keeps other fields, mode 0600; get reads it back', async () => {
    writeConfig({ currentContext: 'x', auths: { 'ghcr.io': { auth: Buffer.from('me:tok').toString('base64') } } });
    const s = new CredentialStore({ env });
    const r = await s.store('docker.io', { username: 'alice', password: 'p:w' });
    expect(r).toEqual({ key: DOCKER_HUB_AUTH_KEY, store: 'config.json' });
    const cfg = readConfig() as { currentContext: string; auths: Record<string, { auth: string }> };
    expect(cfg.currentContext).toBe('x');
    expect(Buffer.from(cfg.auths[DOCKER_HUB_AUTH_KEY]!.auth, 'base64').toString()).toBe('alice:p:w');
    expect(cfg.auths['ghcr.io']).toBeDefined();
    expect(statSync(configPath()).mode & 0o777).toBe(0o600);
    expect(await s.get('index.docker.io')).toEqual({
      username: 'alice',
      password: 'p:w',
      serverAddress: DOCKER_HUB_AUTH_KEY,
    });
    expect(await s.get('ghcr.io')).toEqual({ username: 'me', password: 'tok', serverAddress: 'ghcr.io' });
    expect(await s.get('quay.io')).toBeUndefined();
  });

  test('keys spelled with a scheme match by host; identity tokens; list never returns secrets', async () => {
    writeConfig({
      auths: {
        'https://localhost:5000': { auth: Buffer.from('bob:secret').toString('base64') },
        'registry.example.com': { identitytoken: 'idtok' },
      },
    });
    const s = new CredentialStore({ env });
    expect(await s.get('localhost:5000')).toMatchObject({ username: 'bob', password: 'secret' });
    expect(await s.get('registry.example.com')).toMatchObject({ identityToken: 'idtok', password: '' });
    const list = await s.list();
    expect(list).toEqual([
      { registry: 'localhost:5000', username: 'bob', store: 'config.json' },
      { registry: 'registry.example.com', store: 'config.json' },
    ]);
    expect(JSON.stringify(list)).not.toMatch(/secret|idtok/);
  });

  test('erase removes the entry; false when there was none; a missing config is empty', async () => {
    const s = new CredentialStore({ env });
    expect(await s.list()).toEqual([]);
    expect(await s.erase('localhost:5000')).toBe(false);
    await s.store('localhost:5000', { username: 'u', password: 'p' });
    expect(await s.erase('http://localhost:5000')).toBe(true);
    expect((readConfig() as { auths: object }).auths).toEqual({});
  });

  test('a broken config.json is a clear error, not a crash or an overwrite', async () => {
    mkdirSync(join(dir, 'cfg'));
    writeFileSync(configPath(), '{ not json');
    const s = new CredentialStore({ env });
    await expect(s.get('x.io')).rejects.toThrow(/not valid JSON/);
    await expect(s.store('x.io', { username: 'u', password: 'p' })).rejects.toThrow(/not valid JSON/);
    expect(readFileSync(configPath(), 'utf8')).toBe('{ not json');
  });
});

describe('credential helpers', () => {
  test('credsStore: secrets go to the helper, config.json gets an empty entry, get/list/erase go through it', async () => {
    writeConfig({ credsStore: 'berthfake' });
    const s = new CredentialStore({ env });
    expect(await s.store('localhost:5000', { username: 'carol', password: 'hunter2' })).toEqual({
      key: 'localhost:5000',
      store: 'berthfake',
    });
    const cfg = readConfig() as { auths: Record<string, unknown> };
    expect(cfg.auths).toEqual({ 'localhost:5000': {} });
    expect(readFileSync(configPath(), 'utf8')).not.toContain('hunter2');
    expect(JSON.parse(readFileSync(helperDb, 'utf8'))).toEqual({
      'localhost:5000': { Username: 'carol', Secret: 'hunter2' },
    });
    expect(await s.get('localhost:5000')).toEqual({
      username: 'carol',
      password: 'hunter2',
      serverAddress: 'localhost:5000',
    });
    expect(await s.get('other:1')).toBeUndefined();
    expect(await s.list()).toEqual([{ registry: 'localhost:5000', username: 'carol', store: 'berthfake' }]);
    expect(await s.erase('localhost:5000')).toBe(true);
    expect(JSON.parse(readFileSync(helperDb, 'utf8'))).toEqual({});
    expect((readConfig() as { auths: object }).auths).toEqual({});
  });

  test('credHelpers wins over credsStore for its host; identity tokens use the <token> user', async () => {
    writeConfig({ credsStore: 'missing-helper', credHelpers: { 'ghcr.io': 'berthfake' } });
    const s = new CredentialStore({ env });
    await s.store('ghcr.io', { username: 'x', password: '', identityToken: 'tok123' });
    expect(JSON.parse(readFileSync(helperDb, 'utf8'))).toEqual({
      'ghcr.io': { Username: '<token>', Secret: 'tok123' },
    });
    expect(await s.get('ghcr.io')).toEqual({
      username: '',
      password: '',
      identityToken: 'tok123',
      serverAddress: 'ghcr.io',
    });
    // Other hosts use credsStore, which is not installed: a clear error naming it.
    await expect(s.get('quay.io')).rejects.toThrow(/docker-credential-missing-helper is not installed/);
  });

  test('a helper name that is not a plain name is refused (never run as a path)', async () => {
    writeConfig({ credsStore: '../../bin/sh' });
    await expect(new CredentialStore({ env }).get('x.io')).rejects.toThrow(/Invalid credential helper name/);
  });
});

describe('lookups keyed by what the user typed', () => {
  // "constructor" is a valid registry host; on a plain object it found Object.prototype's function.
  // "__proto__" (refused by the contract, not by the store) set the prototype instead of a key.
  for (const name of ['constructor', '__proto__']) {
    test(`"${name}" is a registry like any other: nothing stored, nothing found, no crash`, async () => {
      writeConfig({ auths: { 'ghcr.io': { auth: Buffer.from('me:tok').toString('base64') } }, credHelpers: {} });
      const s = new CredentialStore({ env });
      expect(await s.get(name)).toBeUndefined();
      expect(await s.erase(name)).toBe(false);
      await s.store(name, { username: 'u', password: 'p' });
      const cfg = readConfig() as { auths: Record<string, { auth: string }> };
      expect(Object.keys(cfg.auths).sort()).toEqual(['ghcr.io', name].sort());
      expect(await s.get(name)).toEqual({ username: 'u', password: 'p', serverAddress: name });
      expect(await s.erase(name)).toBe(true);
      expect(await s.get(name)).toBeUndefined();
    });
  }

  test('a config.json without auths or credHelpers answers "constructor" with nothing', async () => {
    writeConfig({});
    const s = new CredentialStore({ env });
    expect(await s.get('constructor')).toBeUndefined();
    expect(await s.erase('constructor')).toBe(false);
    expect(await s.list()).toEqual([]);
  });
});

describe('config.json temp file', () => {
  test('written under a random name opened exclusively: a planted symlink at the old name is never followed', async () => {
    writeConfig({});
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'untouched');
    // The old name was config.json.berth-<pid>-<Date.now()>.tmp: plant links for every millisecond around now.
    const now = Date.now();
    for (let t = now - 50; t < now + 2000; t++) {
      symlinkSync(victim, join(dir, 'cfg', `config.json.berth-${process.pid}-${t}.tmp`));
    }
    const s = new CredentialStore({ env });
    await s.store('localhost:5000', { username: 'u', password: 'p' });
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(await s.get('localhost:5000')).toMatchObject({ username: 'u', password: 'p' });
    // Only the planted links and config.json remain: the temp file was renamed into place.
    const left = readdirSync(join(dir, 'cfg')).filter((f) => !f.startsWith(`config.json.berth-${process.pid}-`));
    expect(left).toEqual(['config.json']);
  });
});
