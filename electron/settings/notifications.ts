import { z } from 'zod';
import { DEFAULT_NOTIFICATION_PREFS, NotificationPrefs } from '../../shared/contracts/notifications';
import type { SettingsStore } from './store';

/** The settings file's top-level key owned by notifications. */
export const NOTIFICATIONS_KEY = 'notifications';

export interface LoadedNotificationPrefs {
  prefs: NotificationPrefs;
  /** Set when a saved value did not validate: the defaults are used, and the value stays in the file until the user saves. */
  issue?: string;
}

/** Reads and validates the `notifications` key (missing → defaults: notifications off). */
export async function loadNotificationPrefs(store: SettingsStore): Promise<LoadedNotificationPrefs> {
  const raw = await store.get(NOTIFICATIONS_KEY);
  if (raw === undefined) return { prefs: DEFAULT_NOTIFICATION_PREFS };
  const parsed = NotificationPrefs.safeParse(raw);
  if (parsed.success) return { prefs: parsed.data };
  return {
    prefs: DEFAULT_NOTIFICATION_PREFS,
    issue: `The saved notification preferences are not valid (${z.prettifyError(parsed.error).replace(/\s+/g, ' ').trim()}); defaults are shown, and saving replaces them.`,
  };
}

/** Validates and writes the `notifications` key, keeping every other key of the file. */
export async function saveNotificationPrefs(store: SettingsStore, prefs: unknown): Promise<NotificationPrefs> {
  const valid = NotificationPrefs.parse(prefs);
  await store.update(NOTIFICATIONS_KEY, valid);
  return valid;
}
