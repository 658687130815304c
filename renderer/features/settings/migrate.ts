import { DEFAULT_SETTINGS, type SettingsPatch, type SettingsValues } from '../../../shared/contracts/settings';

/** The localStorage keys Berth used before the settings file. */
export const LEGACY_KEYS = {
  theme: 'berth.theme',
  terminal: 'berth.terminal.prefs',
  logs: 'berth.logs.prefs',
} as const;

function json(text: string | null): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text ?? '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Pure: what to save from the old localStorage preferences. Only values the file still has at their
 * default are taken (one set in the file, e.g. from another browser, wins), and only valid ones.
 */
export function legacyPatch(values: SettingsValues, read: (key: string) => string | null): SettingsPatch {
  const patch: SettingsPatch = {};
  const theme = read(LEGACY_KEYS.theme);
  if ((theme === 'dark' || theme === 'light') && values.theme === DEFAULT_SETTINGS.theme) patch.theme = theme;
  const term = json(read(LEGACY_KEYS.terminal));
  if (typeof term.cursorBlink === 'boolean' && values.terminal.cursorBlink === DEFAULT_SETTINGS.terminal.cursorBlink) {
    if (term.cursorBlink !== values.terminal.cursorBlink) patch.terminal = { cursorBlink: term.cursorBlink };
  }
  const logs = json(read(LEGACY_KEYS.logs));
  const logsPatch: NonNullable<SettingsPatch['logs']> = {};
  for (const key of ['timestamps', 'wrap'] as const) {
    const v = logs[key];
    if (typeof v === 'boolean' && values.logs[key] === DEFAULT_SETTINGS.logs[key] && v !== values.logs[key]) {
      logsPatch[key] = v;
    }
  }
  const tail = logs.tail;
  if (
    (tail === 'all' || (typeof tail === 'number' && Number.isInteger(tail) && tail >= 1 && tail <= 1_000_000)) &&
    values.logs.tail === DEFAULT_SETTINGS.logs.tail &&
    tail !== values.logs.tail
  ) {
    logsPatch.tail = tail;
  }
  if (Object.keys(logsPatch).length > 0) patch.logs = logsPatch;
  return patch;
}
