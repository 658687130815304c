import { APP_ORIGIN, isAppUrl } from './protocol';

/**
 * Electron hardening, written against minimal structural types so that tests drive it with fakes:
 * the window's webPreferences, navigation / window.open guards, and permission handlers.
 */

/** Dark background painted before the first frame, so a dark UI never flashes white. */
export const WINDOW_BACKGROUND = '#111318';

export interface WindowOptions {
  title: string;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  backgroundColor: string;
  autoHideMenuBar: boolean;
  webPreferences: {
    preload: string;
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    webviewTag: false;
    spellcheck: false;
    navigateOnDragDrop: false;
    safeDialogs: true;
    devTools: boolean;
  };
}

/**
 * BrowserWindow options for the main window. Pure; `preloadPath` is the bundled dist/electron/preload.cjs.
 * `devTools: false` makes the web contents refuse DevTools whatever asks (shortcut, menu, code).
 */
export function windowOptions(preloadPath: string, opts: { devTools: boolean }): WindowOptions {
  return {
    title: 'Berth',
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: opts.devTools,
    },
  };
}

/** Only plain http(s) URLs with a host may leave the app (opened in the system browser). */
export function isExternalWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0 && !u.username && !u.password;
  } catch {
    return false;
  }
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

interface PreventableEvent {
  preventDefault(): void;
}

type NavigationListener = (event: PreventableEvent & { url?: string }, url?: string) => void;

/** The slice of `WebContents` the guards need. */
export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: NavigationListener): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

export interface GuardOptions {
  log?: (msg: string) => void;
}

/**
 * - window.open / target=_blank: always denied; http(s) links (e.g. published ports) open in the
 *   system browser, nothing else (no file:, javascript:, custom schemes).
 * - navigation or redirect of any frame away from app://berth/: prevented.
 * - <webview>: never attached.
 */
export function installNavigationGuards(contents: GuardedContents, shell: ShellLike, opts: GuardOptions = {}): void {
  const log = opts.log ?? (() => undefined);
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) {
      shell.openExternal(url).catch((err: unknown) => log(`could not open ${url}: ${String(err)}`));
    } else {
      log(`blocked window.open of ${url.slice(0, 200)}`);
    }
    return { action: 'deny' };
  });
  const guard: NavigationListener = (event, legacyUrl) => {
    const url = event.url ?? legacyUrl ?? '';
    if (!isAppUrl(url)) {
      event.preventDefault();
      log(`blocked navigation to ${url.slice(0, 200)}`);
    }
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked <webview> attach');
  });
}

/**
 * The permissions we grant, only to the app itself: sanitized clipboard *writes* ("Copy ID" buttons) and
 * notifications (opt-in container alerts; the renderer's `Notification` is Electron's native one, see
 * renderer/features/notifications/show.ts). Everything else (camera, mic, geolocation, clipboard reads,
 * HID/USB/serial, ...) is denied.
 */
const APP_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'notifications']);

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return APP_PERMISSIONS.has(permission) && requestingUrl !== undefined && isAppUrl(requestingUrl);
}

export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (webContents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean,
  ): void;
  setDevicePermissionHandler?(handler: (details: unknown) => boolean): void;
}

export function denyPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details?.requestingUrl));
  });
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    // Check handlers get an origin ("app://berth"); request handlers get a full URL.
    isPermissionAllowed(permission, requestingOrigin === APP_ORIGIN ? `${APP_ORIGIN}/` : requestingOrigin),
  );
  session.setDevicePermissionHandler?.(() => false);
}
