import type { DesktopNotification } from './logic';

/**
 * The one place that touches the Notification API.
 *
 * Why the renderer's `Notification` in Electron too (not Electron's main-process `Notification` over
 * IPC): in an Electron renderer the web Notification API *is* Electron's native one (libnotify, the
 * macOS Notification Center, Windows toasts), with the same `tag` replacement and `onclick`, so one code
 * path serves web mode and the app and the rules stay in the renderer next to the event stream they
 * read. The main process only grants the `notifications` permission to the app's own origin
 * (electron/app/security.ts) and raises the window on a click (`notifications.focusWindow`), which a
 * page cannot do by itself in Electron.
 */

export type PermissionState = NotificationPermission | 'unsupported';

function api(): typeof Notification | undefined {
  return typeof window !== 'undefined' && 'Notification' in window ? window.Notification : undefined;
}

export function notificationPermission(): PermissionState {
  return api()?.permission ?? 'unsupported';
}

/** Asks the browser/OS (a no-op answer when already decided). */
export async function requestNotificationPermission(): Promise<PermissionState> {
  const N = api();
  if (!N) return 'unsupported';
  try {
    return await N.requestPermission();
  } catch {
    return N.permission;
  }
}

/**
 * Shows (or, with the same tag, replaces) a desktop notification. Returns false when it cannot be shown
 * (no API, no permission, or the browser refused it).
 */
export function showDesktopNotification(n: DesktopNotification, onClick: () => void): boolean {
  const N = api();
  if (!N || N.permission !== 'granted') return false;
  try {
    const shown = new N(n.title, { body: n.body, tag: n.tag, renotify: n.renotify } as NotificationOptions);
    shown.onclick = (e) => {
      e.preventDefault();
      shown.close();
      onClick();
    };
    return true;
  } catch (err) {
    console.warn('notification not shown', err);
    return false;
  }
}
