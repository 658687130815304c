import type { Dispatcher } from '../ipc/dispatcher';
import { registerIpc, type ElectronTransport, type IpcMainLike } from '../ipc/electron-transport';
import { menuTemplate, type MenuItemTemplate } from './menu';
import { APP_SCHEME, APP_URL, createAppProtocolHandler, isAppUrl, PRIVILEGED_SCHEMES } from './protocol';
import {
  denyPermissions,
  installNavigationGuards,
  type GuardedContents,
  type PermissionSession,
  type ShellLike,
  type WindowOptions,
} from './security';
import { createMainWindow, focusWindow, type WindowLike } from './window';

/**
 * The Electron app's life cycle, with Electron injected (main.ts passes the real module; tests
 * pass fakes): single-instance lock, privileged app:// scheme, hardening, engine + IPC, one window.
 */

type Privileges = (typeof PRIVILEGED_SCHEMES)[number];

/** An opaque built menu (Electron's Menu). */
export interface MenuHandle {
  readonly items: readonly unknown[];
}

export interface ElectronApi {
  app: {
    requestSingleInstanceLock(): boolean;
    quit(): void;
    enableSandbox(): void;
    whenReady(): Promise<void>;
    setAppUserModelId(id: string): void;
    on(event: 'second-instance', listener: () => void): unknown;
    on(event: 'window-all-closed', listener: () => void): unknown;
    on(event: 'activate', listener: () => void): unknown;
    on(event: 'will-quit', listener: () => void): unknown;
    on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void): unknown;
  };
  BrowserWindow: { getAllWindows(): unknown[] } & (new (options: WindowOptions) => WindowLike);
  ipcMain: IpcMainLike;
  Menu: {
    buildFromTemplate(template: MenuItemTemplate[]): MenuHandle;
    setApplicationMenu(menu: MenuHandle | null): void;
  };
  protocol: {
    registerSchemesAsPrivileged(schemes: Privileges[]): void;
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
  };
  session: { defaultSession: PermissionSession };
  shell: ShellLike;
}

/** What the app shell offers the engine side. */
export interface BackendHooks {
  /** Raises the window (restored, shown, focused): a notification was clicked. */
  focusWindow(): void;
}

/** The engine side, built once the app is ready. */
export interface Backend {
  dispatcher: Dispatcher;
  start(): void;
  stop(): void;
}

export interface StartOptions {
  preloadPath: string;
  rendererDir: string;
  platform: NodeJS.Platform;
  /** DevTools in the menu and the window: only for unpackaged builds or an explicit opt-in (devtools.ts). */
  devTools: boolean;
  createBackend: (log: (msg: string) => void, app: BackendHooks) => Backend;
  log?: (msg: string) => void;
}

export interface RunningApp {
  /** Resolves when the window has been created (or rejects with the startup error). */
  ready: Promise<void>;
  /** False when another instance already runs (this one quits). */
  primary: boolean;
}

export function startApp(electron: ElectronApi, opts: StartOptions): RunningApp {
  const { app } = electron;
  const log = opts.log ?? ((msg: string) => console.error(`[berth] ${msg}`));

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { ready: Promise.resolve(), primary: false };
  }

  // Before 'ready': every renderer sandboxed, and app:// a standard, secure, fetch-capable origin.
  app.enableSandbox();
  electron.protocol.registerSchemesAsPrivileged([...PRIVILEGED_SCHEMES]);
  if (opts.platform === 'win32') app.setAppUserModelId('dev.berth.app');

  let win: WindowLike | undefined;
  let backend: Backend | undefined;
  let transport: ElectronTransport | undefined;

  const openWindow = (): void => {
    win = createMainWindow({
      BrowserWindow: electron.BrowserWindow,
      preloadPath: opts.preloadPath,
      url: APP_URL,
      devTools: opts.devTools,
      log,
    });
    win.on('closed', () => {
      win = undefined;
    });
  };

  // Every web contents (the window, devtools, anything created later) gets the same guards.
  app.on('web-contents-created', (_event, contents) => installNavigationGuards(contents, electron.shell, { log }));
  app.on('second-instance', () => focusWindow(win));
  app.on('window-all-closed', () => {
    if (opts.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (backend && electron.BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('will-quit', () => {
    transport?.dispose();
    backend?.stop();
  });

  const ready = app.whenReady().then(() => {
    denyPermissions(electron.session.defaultSession);
    electron.protocol.handle(APP_SCHEME, createAppProtocolHandler(opts.rendererDir));
    electron.Menu.setApplicationMenu(
      electron.Menu.buildFromTemplate(menuTemplate(opts.platform, { devTools: opts.devTools })),
    );
    backend = opts.createBackend(log, { focusWindow: () => focusWindow(win) });
    backend.start();
    transport = registerIpc(electron.ipcMain, backend.dispatcher, { isTrustedUrl: isAppUrl, log });
    openWindow();
  });
  ready.catch((err: unknown) => {
    log(`startup failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    app.quit();
  });
  return { ready, primary: true };
}
