import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Berth's settings: one JSON object in one file. Writes go to a temp name then rename over it, so a
 * crash mid-write never leaves half a file. Keys this version does not know are kept as they are (a
 * newer Berth may have written them). A file that does not parse is renamed aside, never dropped.
 */

export type Settings = Record<string, unknown>;

/** BERTH_CONFIG_DIR, else $XDG_CONFIG_HOME/berth, else ~/.config/berth. */
export function defaultSettingsDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (env.BERTH_CONFIG_DIR) return env.BERTH_CONFIG_DIR;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'berth');
  return join(home, '.config', 'berth');
}

export const SETTINGS_FILE = 'settings.json';

export class SettingsStore {
  readonly file: string;
  /** Writes run one after another: two concurrent updates must not lose either's key. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dir: string = defaultSettingsDir()) {
    this.file = join(dir, SETTINGS_FILE);
  }

  /** The settings; {} when there is no file yet. A corrupt file is moved aside (see `moveAside`). */
  async read(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Settings;
    } catch {
      /* moved aside below */
    }
    await this.moveAside();
    return {};
  }

  async get(key: string): Promise<unknown> {
    return (await this.read())[key];
  }

  /** Sets `key` (undefined removes it), keeping every other key. */
  update(key: string, value: unknown): Promise<Settings> {
    const next = this.queue.then(async () => {
      const settings = { ...(await this.read()) };
      if (value === undefined) delete settings[key];
      else settings[key] = value;
      await this.write(settings);
      return settings;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(settings: Settings): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.file);
  }

  /** settings.json → settings.json.corrupt-<time>: the user's text is kept for them to recover. */
  private async moveAside(): Promise<void> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await rename(this.file, `${this.file}.corrupt-${stamp}`).catch(() => undefined);
  }
}
