import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { SETTINGS_VERSION, type KeptAside } from '../../shared/contracts/settings';

/**
 * Berth's settings: one JSON object in one file. Writes go to a temp name then rename over it, so a
 * crash mid-write never leaves half a file. Keys this version does not know are kept as they are (a
 * newer Berth may have written them). A file that does not parse, or that a newer Berth wrote (its
 * `version` is higher than SETTINGS_VERSION), is renamed aside, never dropped, and remembered in
 * `keptAside` so the Settings page can say where it went.
 */

export type Settings = Record<string, unknown>;

/** BERTH_CONFIG_DIR, else $XDG_CONFIG_HOME/berth, else ~/.config/berth. */
export function defaultSettingsDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (env.BERTH_CONFIG_DIR) return env.BERTH_CONFIG_DIR;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'berth');
  return join(home, '.config', 'berth');
}

export const SETTINGS_FILE = 'settings.json';

type Listener = (settings: Settings) => void;

export class SettingsStore {
  readonly file: string;
  /** Writes run one after another: two concurrent updates must not lose either's key. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly aside: KeptAside[] = [];
  private readonly listeners = new Set<Listener>();

  constructor(dir: string = defaultSettingsDir()) {
    this.file = join(dir, SETTINGS_FILE);
  }

  /** Files moved or copied aside since this store was made, oldest first. */
  get keptAside(): readonly KeptAside[] {
    return this.aside;
  }

  /** Called after every write with the new settings; returns the unsubscribe. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The settings; {} when there is no file yet. A corrupt file, or one from a newer Berth, is moved
   * aside (see `moveAside`) and {} returned: defaults apply until the next write makes a fresh file.
   */
  async read(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      await this.moveAside('corrupt', `not JSON: ${err instanceof Error ? err.message : String(err)}`);
      return {};
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      await this.moveAside('corrupt', 'not a JSON object');
      return {};
    }
    const settings = value as Settings;
    const version = settings.version;
    if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version) || version < 1)) {
      await this.moveAside('corrupt', `"version" is ${JSON.stringify(version)}, not a format number`);
      return {};
    }
    if (typeof version === 'number' && version > SETTINGS_VERSION) {
      await this.moveAside('newer', `written by a newer Berth (format ${version}; this one knows ${SETTINGS_VERSION})`);
      return {};
    }
    return settings;
  }

  async get(key: string): Promise<unknown> {
    return (await this.read())[key];
  }

  /** Sets `key` (undefined removes it), keeping every other key. */
  update(key: string, value: unknown): Promise<Settings> {
    return this.change((settings) => {
      if (value === undefined) delete settings[key];
      else settings[key] = value;
      return settings;
    });
  }

  /**
   * Read-modify-write in the queue: `fn` gets a copy of the settings and returns what to write (keys it
   * leaves alone stay as they are). Every write stamps the current `version`.
   */
  change(fn: (settings: Settings) => Settings): Promise<Settings> {
    const next = this.queue.then(async () => {
      const settings = fn({ ...(await this.read()) });
      const written = { ...settings, version: SETTINGS_VERSION };
      await this.write(written);
      this.listeners.forEach((l) => l(written));
      return written;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Copies the file as it is to settings.json.<reason>-<time> (for a file whose content is readable but
   * partly unusable: the caller then rewrites the file without the bad part). Returns the copy's path.
   */
  async keepCopy(reason: KeptAside['reason'], detail: string): Promise<string> {
    const path = this.asidePath(reason);
    await copyFile(this.file, path);
    this.aside.push({ reason, path, detail, at: Date.now() });
    return path;
  }

  private async write(settings: Settings): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.file);
  }

  private asidePath(reason: string): string {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return `${this.file}.${reason}-${stamp}-${randomBytes(2).toString('hex')}`;
  }

  /** settings.json → settings.json.<reason>-<time>: the user's text is kept for them to recover. */
  private async moveAside(reason: KeptAside['reason'], detail: string): Promise<void> {
    const path = this.asidePath(reason);
    try {
      await rename(this.file, path);
      this.aside.push({ reason, path, detail, at: Date.now() });
    } catch (err) {
      // Another reader moved it first (ENOENT): that one reported it.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}
