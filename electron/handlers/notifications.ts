import type { Handlers } from '../../shared/contract-kit';
import type { notificationsContract } from '../../shared/contracts/notifications';
import { loadNotificationPrefs, saveNotificationPrefs } from '../settings/notifications';
import type { SettingsStore } from '../settings/store';

type NotificationHandlers = Handlers<typeof notificationsContract>;

/**
 * Notification preferences (the settings file's `notifications` key) and the window raise on a click.
 * `focusWindow` is Electron's (app/lifecycle.ts); web mode has none: the page focuses itself.
 */
export function notificationHandlers(settings: SettingsStore, focusWindow?: () => void): NotificationHandlers {
  return {
    'notifications.prefs.get': async () => {
      const loaded = await loadNotificationPrefs(settings);
      return loaded.issue ? { prefs: loaded.prefs, issue: loaded.issue } : { prefs: loaded.prefs };
    },
    'notifications.prefs.set': ({ prefs }) => saveNotificationPrefs(settings, prefs),
    'notifications.focusWindow': async () => {
      focusWindow?.();
    },
  };
}
