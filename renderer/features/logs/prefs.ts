import type { LogTail } from '../../../shared/models';

/** Viewer preferences kept across views and restarts (localStorage). */
export interface LogPrefs {
  timestamps: boolean;
  wrap: boolean;
  tail: LogTail;
}

const KEY = 'berth.logs.prefs';
export const DEFAULT_PREFS: LogPrefs = { timestamps: false, wrap: false, tail: 1000 };
export const TAIL_OPTIONS: readonly LogTail[] = [100, 1000, 10_000, 'all'];

export function loadPrefs(): LogPrefs {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<LogPrefs>;
    return {
      timestamps: typeof raw.timestamps === 'boolean' ? raw.timestamps : DEFAULT_PREFS.timestamps,
      wrap: typeof raw.wrap === 'boolean' ? raw.wrap : DEFAULT_PREFS.wrap,
      tail: TAIL_OPTIONS.includes(raw.tail as LogTail) ? (raw.tail as LogTail) : DEFAULT_PREFS.tail,
    };
  } catch {
    return DEFAULT_PREFS;
  }
}

export function savePrefs(p: LogPrefs): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(p));
  } catch {
    /* storage full or blocked: preferences just do not persist */
  }
}
