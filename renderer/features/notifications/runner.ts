import { api } from '../../api';
import { navigate } from '../../lib/router';
import { isResync, onEngineEvent } from '../../stores/engineEvents';
import { useEngineStatusStore } from '../../stores/engineStatus';
import { toast } from '../../stores/toasts';
import { Notifier, type DesktopNotification } from './logic';
import { useNotificationPrefs } from './prefs';
import { showDesktopNotification } from './show';

/**
 * Feeds the app's one engine-events subscription to the Notifier and shows what it asks for. Started
 * once at start-up (main.tsx); costs nothing while notifications are off (the rules return at once).
 */
let stop: (() => void) | undefined;

/** A click: Berth's window to the front, on that container's logs. */
export function openContainerLogs(containerId: string): void {
  window.focus();
  // Electron: the main process raises the window (a page cannot); web mode: nothing to do there.
  void api.invoke('notifications.focusWindow', {}).catch(() => undefined);
  navigate(`/containers/${encodeURIComponent(containerId)}/logs`);
}

function present(n: DesktopNotification): void {
  showDesktopNotification(n, () => openContainerLogs(n.containerId));
  // The in-app record, once per series (a crash loop updates the desktop notification, not the toasts).
  if (n.count === 1) toast.error(n.title, 'Open the container’s Logs tab to see why.');
}

export function startNotifications(): void {
  if (stop) return;
  void useNotificationPrefs.getState().load();
  const notifier = new Notifier();
  stop = onEngineEvent((ev) => {
    if (isResync(ev)) return;
    // Every container event goes through (stops must be seen to tell a stop from a crash); the rules
    // return at once while notifications are off.
    const { prefs } = useNotificationPrefs.getState();
    const endpoint = useEngineStatusStore.getState().status?.endpoint;
    for (const n of notifier.handle(ev, Date.now(), { prefs, endpoint })) present(n);
  });
}

/** For tests and teardown. */
export function stopNotifications(): void {
  stop?.();
  stop = undefined;
}
