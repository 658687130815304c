import { create } from 'zustand';
import {
  DEFAULT_SETTINGS,
  SettingsValues,
  type SettingsPatch,
  type SettingsSection,
  type SettingsState,
} from '../../../shared/contracts/settings';
import { api } from '../../api';
import { applyThemeChoice, setThemePersist } from '../../lib/theme';
import { toast } from '../../stores/toasts';
import { LEGACY_KEYS, legacyPatch } from './migrate';

/**
 * The settings as the server has them (`settings.watch`: pushed after every change, from this window
 * or another one), and the calls that change them. Until the first frame arrives, the values come from
 * a localStorage cache of the last ones seen (so a new log view, opened at start-up, already takes the
 * saved tail), else the defaults.
 *
 *   const fontSize = useSettings((v) => v.terminal.fontSize);
 *   const { errors } = await saveSettings({ logs: { tail: 500 } });
 */
interface SettingsStoreState {
  values: SettingsValues;
  /** The last state from the server; undefined until it has answered. */
  state: SettingsState | undefined;
}

const CACHE_KEY = 'berth.settings.cache';
const MIGRATED_KEY = 'berth.settings.migrated';

function cachedValues(): SettingsValues {
  try {
    const raw = window.localStorage.getItem(CACHE_KEY);
    const parsed = raw ? SettingsValues.safeParse(JSON.parse(raw)) : undefined;
    return parsed?.success ? parsed.data : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export const useSettingsStore = create<SettingsStoreState>(() => ({ values: cachedValues(), state: undefined }));

export function useSettings<T>(select: (values: SettingsValues) => T): T {
  return useSettingsStore((s) => select(s.values));
}

/** The values now (event handlers, code outside React). */
export function settingsNow(): SettingsValues {
  return useSettingsStore.getState().values;
}

/** Kept-aside files already told about in this page (the Settings page keeps showing them). */
const told = new Set<string>();

function tellKeptAside(state: SettingsState): void {
  for (const a of state.keptAside) {
    if (told.has(a.path)) continue;
    told.add(a.path);
    const what =
      a.reason === 'newer' ? 'was from a newer Berth' : a.reason === 'corrupt' ? 'was corrupt' : 'had invalid values';
    toast.error(`Your settings file ${what}`, [`Kept as ${a.path}`, 'Defaults are in use; see Settings.']);
  }
}

function receive(state: SettingsState): void {
  useSettingsStore.setState({ state, values: state.values });
  tellKeptAside(state);
  applyThemeChoice(state.values.theme);
  try {
    window.localStorage.setItem(CACHE_KEY, JSON.stringify(state.values));
  } catch {
    /* only the start-up values of the next load may be older */
  }
}

/** Saves a change; `errors` are refused fields (field path → why). Invalid values throw INVALID_ARGUMENT. */
export async function saveSettings(patch: SettingsPatch): Promise<{ errors: Record<string, string> }> {
  // Shown at once (a checkbox ticks when clicked); the reply, or the last state on a refusal, settles it.
  useSettingsStore.setState((s) => ({ values: withPatch(s.values, patch) }));
  try {
    const { state, errors } = await api.invoke('settings.set', patch);
    receive(state);
    return { errors };
  } catch (err) {
    const last = useSettingsStore.getState().state;
    if (last) useSettingsStore.setState({ values: last.values });
    throw err;
  }
}

/** The values with a patch applied (the compose path only once the server has tried it). */
function withPatch(v: SettingsValues, p: SettingsPatch): SettingsValues {
  return {
    theme: p.theme ?? v.theme,
    terminal: { ...v.terminal, ...p.terminal },
    logs: { ...v.logs, ...p.logs },
    compose: v.compose,
    confirmations: { ...v.confirmations, ...p.confirmations },
  };
}

export async function resetSettings(section: SettingsSection | 'all'): Promise<void> {
  receive(await api.invoke('settings.reset', { section }));
}

/**
 * Theme, terminal and log preferences lived in localStorage before the settings file: carried over
 * once, into values still at their defaults (a value already set in the file wins).
 */
function migrateOnce(values: SettingsValues, legacy: Map<string, string | null>): void {
  try {
    if (window.localStorage.getItem(MIGRATED_KEY)) return;
    window.localStorage.setItem(MIGRATED_KEY, '1');
    const patch = legacyPatch(values, (key) => legacy.get(key) ?? null);
    if (Object.keys(patch).length > 0) void saveSettings(patch).catch(() => undefined);
  } catch {
    /* storage blocked: nothing to carry over */
  }
}

let started = false;
let retry = 500;

/** The old keys as they were at start-up (before the theme cache, which shares its key, is rewritten). */
function readLegacy(): Map<string, string | null> {
  const legacy = new Map<string, string | null>();
  try {
    for (const key of Object.values(LEGACY_KEYS)) legacy.set(key, window.localStorage.getItem(key));
  } catch {
    /* storage blocked */
  }
  return legacy;
}

function watch(legacy: Map<string, string | null>): void {
  let first = true;
  api.subscribe(
    'settings.watch',
    {},
    {
      onData: (state) => {
        retry = 500;
        receive(state);
        if (first) migrateOnce(state.values, legacy);
        first = false;
      },
      onError: () => rewatch(),
      onEnd: () => rewatch(),
    },
  );
}

function rewatch(): void {
  setTimeout(() => watch(new Map()), retry);
  retry = Math.min(retry * 2, 10_000);
}

/** Once at start-up: follows the settings and saves the sidebar's theme toggle into them. */
export function startSettings(): void {
  if (started) return;
  started = true;
  setThemePersist((theme) => void saveSettings({ theme }).catch(() => undefined));
  watch(readLegacy());
}
