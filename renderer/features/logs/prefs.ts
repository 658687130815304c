import type { LogsSettings } from '../../../shared/contracts/settings';
import type { LogTail } from '../../../shared/models';
import { saveSettings, settingsNow } from '../settings/store';

/**
 * Viewer preferences: the defaults a new log view starts with (tail, timestamps, wrap). They live in
 * the settings file (Settings → Logs); changing them in a viewer saves them as the new defaults.
 */
export type LogPrefs = LogsSettings;

export const TAIL_OPTIONS: readonly LogTail[] = [100, 1000, 10_000, 'all'];

/** The tail menu's choices, with the saved default among them when it is not one of the usual ones. */
export function tailOptions(current: LogTail): readonly LogTail[] {
  if (TAIL_OPTIONS.includes(current)) return TAIL_OPTIONS;
  const numbers = [...TAIL_OPTIONS.filter((t): t is number => t !== 'all'), current as number].sort((a, b) => a - b);
  return [...numbers, 'all'];
}

export function loadPrefs(): LogPrefs {
  return { ...settingsNow().logs };
}

export function savePrefs(p: LogPrefs): void {
  // A refusal (e.g. the link is down) leaves this view as it is; the default just stays the old one.
  void saveSettings({ logs: p }).catch(() => undefined);
}
