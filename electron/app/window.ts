import { windowOptions, type WindowOptions } from './security';

/** The slice of BrowserWindow the app uses. */
export interface WindowLike {
  readonly webContents: {
    reload(): void;
    on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): unknown;
  };
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  show(): void;
  isVisible(): boolean;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
}

export interface MainWindowDeps<W extends WindowLike> {
  BrowserWindow: new (options: WindowOptions) => W;
  preloadPath: string;
  url: string;
  /** Whether this window may open DevTools (see devtools.ts). */
  devTools: boolean;
  log?: (msg: string) => void;
  /** Show anyway after this long if ready-to-show never fires (ms; default 4000). */
  showFallbackMs?: number;
  /** Reload a crashed renderer at most this many times (default 3). */
  maxCrashReloads?: number;
}

/**
 * Creates the one main window: hidden until the first paint (no white flash), loads the app URL,
 * and reloads a crashed renderer a few times instead of leaving a blank window.
 */
export function createMainWindow<W extends WindowLike>(deps: MainWindowDeps<W>): W {
  const log = deps.log ?? (() => undefined);
  const win = new deps.BrowserWindow(windowOptions(deps.preloadPath, { devTools: deps.devTools }));
  const reveal = (): void => {
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  };
  win.once('ready-to-show', reveal);
  const fallback = setTimeout(reveal, deps.showFallbackMs ?? 4000);
  fallback.unref?.();
  win.on('closed', () => clearTimeout(fallback));

  let crashReloads = 0;
  win.webContents.on('render-process-gone', (_event, details) => {
    log(`renderer process gone: ${details.reason}`);
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    if (crashReloads >= (deps.maxCrashReloads ?? 3)) return;
    crashReloads++;
    win.webContents.reload();
  });

  win.loadURL(deps.url).catch((err: unknown) => log(`could not load ${deps.url}: ${String(err)}`));
  return win;
}

/** Brings an existing window to the front (second instance launched, dock icon clicked). */
export function focusWindow(win: WindowLike | undefined): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
