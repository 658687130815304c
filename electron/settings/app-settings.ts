import type { ZodType } from 'zod';
import {
  ConfirmationSettings,
  DEFAULT_SETTINGS,
  LogsSettings,
  TerminalSettings,
  ThemeChoice,
  type SettingsPatch,
  type SettingsSection,
  type SettingsState,
  type SettingsValues,
} from '../../shared/contracts/settings';
import { CLI_PATH_SETTING } from '../engine/compose/cli-state';
import type { Settings, SettingsStore } from './store';

/**
 * Berth's own keys of the settings file (theme, terminal, logs, compose CLI path, confirmations):
 * validated against their schema, defaults filled in, other features' keys left as they are. A key
 * that fails its schema (hand-edited, or an older Berth's bug) is not dropped silently: the whole
 * file is copied aside first, then that key alone goes back to its defaults.
 */

/** The compose path is set through ComposeCliState, which probes it first and drops its cache. */
export interface ComposePathSetter {
  setPath(path: string | null): Promise<{ userPath?: string; error?: string }>;
  /** The path setting went away with the whole file: detect again at the next use. */
  forget(): void;
}

type ObjectSection = 'terminal' | 'logs' | 'confirmations';
const OBJECT_SCHEMAS: Record<ObjectSection, ZodType> = {
  terminal: TerminalSettings.partial(),
  logs: LogsSettings.partial(),
  confirmations: ConfirmationSettings.partial(),
};

interface Checked {
  values: SettingsValues;
  /** "key: why" for each owned key that failed its schema. */
  problems: string[];
  bad: string[];
}

function issueText(key: string, err: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const first = err.issues[0];
  const where = [key, ...(first?.path ?? []).map(String)].join('.');
  return `${where}: ${first?.message ?? 'invalid'}`;
}

/** The owned values of a raw settings object, with defaults for what is missing or invalid. */
export function checkSettings(raw: Settings): Checked {
  const values: SettingsValues = structuredClone(DEFAULT_SETTINGS);
  const problems: string[] = [];
  const bad: string[] = [];
  const fail = (key: string, text: string): void => {
    problems.push(text);
    bad.push(key);
  };
  if (raw.theme !== undefined) {
    const r = ThemeChoice.safeParse(raw.theme);
    if (r.success) values.theme = r.data;
    else fail('theme', issueText('theme', r.error));
  }
  for (const key of Object.keys(OBJECT_SCHEMAS) as ObjectSection[]) {
    if (raw[key] === undefined) continue;
    const r = OBJECT_SCHEMAS[key].safeParse(raw[key]);
    if (r.success) Object.assign(values[key], r.data);
    else fail(key, issueText(key, r.error));
  }
  const cliPath = raw[CLI_PATH_SETTING];
  if (cliPath !== undefined) {
    if (typeof cliPath === 'string' && cliPath.startsWith('/')) values.compose.cliPath = cliPath;
    else fail(CLI_PATH_SETTING, `${CLI_PATH_SETTING}: not an absolute path`);
  }
  return { values, problems, bad };
}

const SECTION_KEYS: Record<SettingsSection, string> = {
  theme: 'theme',
  terminal: 'terminal',
  logs: 'logs',
  compose: CLI_PATH_SETTING,
  confirmations: 'confirmations',
};

export class AppSettings {
  constructor(
    private readonly store: SettingsStore,
    private readonly compose: ComposePathSetter,
  ) {}

  private toState(values: SettingsValues): SettingsState {
    return { values, file: this.store.file, keptAside: [...this.store.keptAside] };
  }

  /** The values now. Owned keys that fail their schema are copied aside and reset (see above). */
  async state(): Promise<SettingsState> {
    const checked = checkSettings(await this.store.read());
    if (checked.bad.length === 0) return this.toState(checked.values);
    await this.store.keepCopy('invalid', checked.problems.join('; '));
    const fixed = await this.store.change((s) => {
      for (const key of checked.bad) delete s[key];
      return s;
    });
    return this.toState(checkSettings(fixed).values);
  }

  /** The state after every write, whoever made it; returns the unsubscribe. */
  onChange(listener: (state: SettingsState) => void): () => void {
    return this.store.onChange((settings) => listener(this.toState(checkSettings(settings).values)));
  }

  /** Applies an already validated patch; `errors` names refused fields (only the compose path can be). */
  async set(patch: SettingsPatch): Promise<{ state: SettingsState; errors: Record<string, string> }> {
    const errors: Record<string, string> = {};
    const { compose, ...rest } = patch;
    if (Object.keys(rest).length > 0) {
      await this.state(); // an invalid file is kept aside before it is rewritten
      await this.store.change((s) => {
        const current = checkSettings(s).values;
        if (rest.theme) s.theme = rest.theme;
        if (rest.terminal) s.terminal = { ...current.terminal, ...rest.terminal };
        if (rest.logs) s.logs = { ...current.logs, ...rest.logs };
        if (rest.confirmations) s.confirmations = { ...current.confirmations, ...rest.confirmations };
        return s;
      });
    }
    if (compose) {
      const info = await this.compose.setPath(compose.cliPath);
      if (compose.cliPath !== null && (info.error || info.userPath !== compose.cliPath)) {
        errors['compose.cliPath'] = info.error ?? `${compose.cliPath} is not a compose CLI`;
      }
    }
    return { state: await this.state(), errors };
  }

  /**
   * Back to defaults. A section removes its key (defaults fill in on read); `all` writes a file with
   * only the version, so other features' keys (engines, notifications) go too.
   */
  async reset(section: SettingsSection | 'all'): Promise<SettingsState> {
    if (section === 'all') {
      await this.store.change(() => ({}));
      this.compose.forget();
    } else if (section === 'compose') {
      await this.compose.setPath(null);
    } else {
      await this.store.update(SECTION_KEYS[section], undefined);
    }
    return this.state();
  }
}
