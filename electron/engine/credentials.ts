import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { DOCKER_HUB_AUTH_KEY, registryAuthKey, registryHostname } from '../../shared/reference';

/**
 * Registry credentials read and written the way the docker CLI does (cli/config/configfile):
 * `$DOCKER_CONFIG/config.json` (default ~/.docker) with `auths.<key>.auth` = base64("user:password")
 * (or `identitytoken`), and, when configured, `credHelpers[<host>]` or `credsStore` naming a
 * `docker-credential-<name>` program spoken to with JSON on stdin (get / store / erase / list).
 *
 * Secrets never go to logs or error messages: errors quote a helper's first line of output only for
 * `get`/`erase`, which carry no secret.
 */

export interface RegistryAuth {
  username: string;
  /** Password, or empty when `identityToken` is set. */
  password: string;
  identityToken?: string;
  /** The config.json key (also the `serveraddress` sent to the engine). */
  serverAddress: string;
}

export interface StoredCredential {
  registry: string;
  username?: string;
  store: string;
}

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  [k: string]: unknown;
}

interface ConfigFile {
  auths?: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [k: string]: unknown;
}

export class CredentialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialError';
  }
}

export interface CredentialStoreOptions {
  /** Directory of config.json; default `$DOCKER_CONFIG` or ~/.docker, read at each call. */
  configDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Kills a credential helper that does not answer in time (default 30 s: keychains may prompt). */
  helperTimeoutMs?: number;
}

const HELPER_NAME = /^[A-Za-z0-9._-]{1,64}$/;
const NOT_FOUND = /credentials not found/i;

export class CredentialStore {
  constructor(private readonly opts: CredentialStoreOptions = {}) {}

  private env(): NodeJS.ProcessEnv {
    return this.opts.env ?? process.env;
  }

  configDir(): string {
    return this.opts.configDir ?? (this.env().DOCKER_CONFIG || join(homedir(), '.docker'));
  }

  configPath(): string {
    return join(this.configDir(), 'config.json');
  }

  private async read(): Promise<ConfigFile> {
    let text: string;
    try {
      text = await fs.readFile(this.configPath(), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new CredentialError(`Cannot read ${this.configPath()}: ${(e as Error).message}`);
    }
    if (text.trim() === '') return {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
      return parsed as ConfigFile;
    } catch (e) {
      throw new CredentialError(`${this.configPath()} is not valid JSON: ${(e as Error).message}`);
    }
  }

  /**
   * Writes atomically (temp file + rename), mode 0600 like the CLI, keeping every other field. The temp
   * name is random and opened with `wx` (O_EXCL): a file or symlink planted at a guessable name in a shared
   * folder is never followed or written through.
   */
  private async write(cfg: ConfigFile): Promise<void> {
    const path = this.configPath();
    await fs.mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.berth-${randomBytes(12).toString('hex')}.tmp`;
    try {
      await fs.writeFile(tmp, `${JSON.stringify(cfg, null, '\t')}\n`, { mode: 0o600, flag: 'wx' });
      await fs.rename(tmp, path);
    } catch (e) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
  }

  /** The helper for a registry: `credHelpers[host]`, else `credsStore`, else none (plain config.json). */
  private helperFor(cfg: ConfigFile, key: string): string | undefined {
    const host = registryHostname(key);
    const helpers = cfg.credHelpers;
    const named =
      own(helpers, key) ??
      own(helpers, host) ??
      Object.entries(helpers ?? {}).find(([k]) => registryAuthKey(k) === registryAuthKey(key))?.[1] ??
      cfg.credsStore;
    if (named === undefined || named === '') return undefined;
    if (typeof named !== 'string' || !HELPER_NAME.test(named))
      throw new CredentialError(`Invalid credential helper name "${named}" in config.json`);
    return named;
  }

  /** The config.json entry for a registry: exact key first, then any key naming the same host. */
  private findEntry(cfg: ConfigFile, key: string): [string, AuthEntry] | undefined {
    const exact = own(cfg.auths, key);
    if (exact) return [key, exact];
    const want = registryAuthKey(key);
    return Object.entries(cfg.auths ?? {}).find(([k]) => registryAuthKey(k) === want);
  }

  /** Stored credentials for a registry (any spelling: `docker.io`, `localhost:5000`...), or undefined. */
  async get(registry: string): Promise<RegistryAuth | undefined> {
    const key = registryAuthKey(registry);
    const cfg = await this.read();
    const helper = this.helperFor(cfg, key);
    if (helper) {
      const r = await this.runHelper(helper, 'get', key);
      if (r.code !== 0) {
        if (NOT_FOUND.test(r.stdout) || NOT_FOUND.test(r.stderr)) return undefined;
        throw new CredentialError(`docker-credential-${helper} get failed: ${firstLine(r.stdout || r.stderr)}`);
      }
      const out = parseJson(r.stdout) as { Username?: string; Secret?: string } | undefined;
      if (!out || typeof out.Secret !== 'string') return undefined;
      // The CLI stores identity tokens with the user name "<token>".
      if (out.Username === '<token>')
        return { username: '', password: '', identityToken: out.Secret, serverAddress: key };
      return { username: out.Username ?? '', password: out.Secret, serverAddress: key };
    }
    const found = this.findEntry(cfg, key);
    if (!found) return undefined;
    const [, e] = found;
    let username = e.username ?? '';
    let password = e.password ?? '';
    if (typeof e.auth === 'string' && e.auth !== '') {
      const decoded = Buffer.from(e.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) throw new CredentialError(`Invalid auth entry for ${key} in config.json`);
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1);
    }
    if (e.identitytoken) return { username, password: '', identityToken: e.identitytoken, serverAddress: key };
    if (!username && !password) return undefined;
    return { username, password, serverAddress: key };
  }

  /** Stores credentials where the CLI would: the helper (plus an empty `auths` entry), else config.json. */
  async store(registry: string, auth: Omit<RegistryAuth, 'serverAddress'>): Promise<{ key: string; store: string }> {
    const key = registryAuthKey(registry);
    const cfg = await this.read();
    const helper = this.helperFor(cfg, key);
    if (helper) {
      const payload = auth.identityToken
        ? { ServerURL: key, Username: '<token>', Secret: auth.identityToken }
        : { ServerURL: key, Username: auth.username, Secret: auth.password };
      const r = await this.runHelper(helper, 'store', JSON.stringify(payload));
      // Never echo the helper's output here: some helpers print what they were given.
      if (r.code !== 0) throw new CredentialError(`docker-credential-${helper} store failed (exit ${r.code})`);
      // A computed key always makes an own property (`auths[key] = …` with "__proto__" would not).
      cfg.auths = { ...cfg.auths, [key]: {} };
      await this.write(cfg);
      return { key, store: helper };
    }
    const entry: AuthEntry = auth.identityToken
      ? { auth: '', identitytoken: auth.identityToken }
      : { auth: Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64') };
    cfg.auths = { ...cfg.auths, [key]: entry };
    await this.write(cfg);
    return { key, store: 'config.json' };
  }

  /** Erases a registry's credentials from the helper and config.json; false when none were stored. */
  async erase(registry: string): Promise<boolean> {
    const key = registryAuthKey(registry);
    const cfg = await this.read();
    const helper = this.helperFor(cfg, key);
    let erased = false;
    if (helper) {
      const r = await this.runHelper(helper, 'erase', key);
      if (r.code === 0) erased = true;
      else if (!NOT_FOUND.test(r.stdout) && !NOT_FOUND.test(r.stderr))
        throw new CredentialError(`docker-credential-${helper} erase failed: ${firstLine(r.stdout || r.stderr)}`);
    }
    const found = this.findEntry(cfg, key);
    if (found && cfg.auths) {
      const rest = { ...cfg.auths };
      delete rest[found[0]];
      cfg.auths = rest;
      await this.write(cfg);
      erased = true;
    }
    return erased;
  }

  /** Registries with credentials: config.json `auths` keys plus what a `credsStore` helper lists. */
  async list(): Promise<StoredCredential[]> {
    const cfg = await this.read();
    const out = new Map<string, StoredCredential>();
    for (const [k, e] of Object.entries(cfg.auths ?? {})) {
      const key = registryAuthKey(k);
      const helper = this.helperFor(cfg, key);
      if (helper) {
        out.set(key, { registry: key, store: helper });
        continue;
      }
      let username = e.username;
      if (typeof e.auth === 'string' && e.auth !== '') {
        const decoded = Buffer.from(e.auth, 'base64').toString('utf8');
        username = decoded.slice(0, Math.max(0, decoded.indexOf(':')));
      }
      if (!username && !e.identitytoken && !e.password) continue;
      out.set(
        key,
        username ? { registry: key, username, store: 'config.json' } : { registry: key, store: 'config.json' },
      );
    }
    if (cfg.credsStore && HELPER_NAME.test(cfg.credsStore)) {
      const r = await this.runHelper(cfg.credsStore, 'list', '').catch(() => undefined);
      const listed = r && r.code === 0 ? (parseJson(r.stdout) as Record<string, string> | undefined) : undefined;
      for (const [url, user] of Object.entries(listed ?? {})) {
        const key = registryAuthKey(url);
        if (this.helperFor(cfg, key) !== cfg.credsStore) continue;
        out.set(key, { registry: key, username: user, store: cfg.credsStore });
      }
    }
    // Usernames for helper-held entries that the listing did not name.
    for (const c of out.values()) {
      if (c.username === undefined && c.store !== 'config.json') {
        const got = await this.get(c.registry).catch(() => undefined);
        if (got?.username) c.username = got.username;
      }
    }
    return [...out.values()].sort((a, b) =>
      a.registry === DOCKER_HUB_AUTH_KEY
        ? -1
        : b.registry === DOCKER_HUB_AUTH_KEY
          ? 1
          : a.registry.localeCompare(b.registry),
    );
  }

  private runHelper(
    name: string,
    action: 'get' | 'store' | 'erase' | 'list',
    input: string,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const program = `docker-credential-${name}`;
      const child = spawn(program, [action], { env: this.env(), stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      const timer = setTimeout(() => child.kill('SIGKILL'), this.opts.helperTimeoutMs ?? 30_000);
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      child.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(
          new CredentialError(
            e.code === 'ENOENT'
              ? `${program} is not installed (config.json names it as the credential helper)`
              : `${program} failed to start: ${e.message}`,
          ),
        );
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({
          code: code ?? -1,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        });
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    });
  }
}

/**
 * `record[key]` for a key the user typed, only when the record itself holds it: config.json maps are
 * plain objects, and "constructor" must not find Object.prototype's.
 */
function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

function firstLine(s: string): string {
  return (s.trim().split('\n')[0] ?? '').slice(0, 200);
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
