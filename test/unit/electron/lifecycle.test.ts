import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startApp, type Backend, type BackendHooks, type ElectronApi } from '../../../electron/app/lifecycle';
import { devToolsAllowed } from '../../../electron/app/devtools';
import { menuTemplate, type MenuItemTemplate } from '../../../electron/app/menu';
import type { WindowOptions } from '../../../electron/app/security';
import { createMainWindow, focusWindow } from '../../../electron/app/window';
import type { Dispatcher } from '../../../electron/ipc/dispatcher';

class FakeWebContents extends EventEmitter {
  reload = vi.fn();
  setWindowOpenHandler = vi.fn();
}

class FakeWindow extends EventEmitter {
  static instances: FakeWindow[] = [];
  static getAllWindows(): FakeWindow[] {
    return FakeWindow.instances.filter((w) => !w.destroyed);
  }
  readonly webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  minimized = false;
  loaded: string[] = [];
  focus = vi.fn();
  restore = vi.fn(() => {
    this.minimized = false;
  });
  constructor(readonly options: WindowOptions) {
    super();
    FakeWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  close(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

afterEach(() => {
  FakeWindow.instances = [];
  vi.useRealTimers();
});

interface FakeElectron {
  api: ElectronApi;
  app: EventEmitter & Record<string, ReturnType<typeof vi.fn>>;
  calls: string[];
  handled: Map<string, (request: Request) => Promise<Response>>;
  ipcHandlers: Map<string, unknown>;
  permissionRequest: ReturnType<typeof vi.fn>;
  permissionCheck: ReturnType<typeof vi.fn>;
  menus: MenuItemTemplate[][];
  openExternal: ReturnType<typeof vi.fn>;
  resolveReady: () => void;
}

function fakeElectron(lock = true): FakeElectron {
  const calls: string[] = [];
  let resolveReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((r) => (resolveReady = r));
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: vi.fn(() => {
      calls.push('lock');
      return lock;
    }),
    quit: vi.fn(() => calls.push('quit')),
    enableSandbox: vi.fn(() => calls.push('enableSandbox')),
    whenReady: vi.fn(() => readyPromise),
    setAppUserModelId: vi.fn(),
  });
  const handled = new Map<string, (request: Request) => Promise<Response>>();
  const ipcHandlers = new Map<string, unknown>();
  const permissionRequest = vi.fn();
  const permissionCheck = vi.fn();
  const menus: MenuItemTemplate[][] = [];
  const openExternal = vi.fn(() => Promise.resolve());
  const api = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: (channel: string, fn: unknown) => ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
      on: vi.fn(),
      removeListener: vi.fn(),
    },
    Menu: {
      buildFromTemplate: (template: MenuItemTemplate[]) => {
        menus.push(template);
        return { items: template };
      },
      setApplicationMenu: vi.fn(),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => calls.push('registerSchemesAsPrivileged')),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        calls.push(`handle:${scheme}`);
        handled.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: permissionRequest,
        setPermissionCheckHandler: permissionCheck,
      },
    },
    shell: { openExternal },
  } as unknown as ElectronApi;
  return {
    api,
    app: app as unknown as FakeElectron['app'],
    calls,
    handled,
    ipcHandlers,
    permissionRequest,
    permissionCheck,
    menus,
    openExternal,
    resolveReady: () => resolveReady(),
  };
}

function fakeBackend(): Backend & { start: ReturnType<typeof vi.fn>; stop: ReturnType<typeof vi.fn> } {
  const dispatcher: Dispatcher = { open: vi.fn() };
  return { dispatcher, start: vi.fn(), stop: vi.fn() };
}

const paths = { preloadPath: '/x/dist/electron/preload.cjs', rendererDir: '/x/dist/renderer' };

describe('startApp', () => {
  it('quits at once when another instance holds the lock', async () => {
    const e = fakeElectron(false);
    const createBackend = vi.fn(fakeBackend);
    const running = startApp(e.api, {
      ...paths,
      devTools: false,
      platform: 'linux',
      createBackend,
      log: () => undefined,
    });
    expect(running.primary).toBe(false);
    expect(e.calls).toEqual(['lock', 'quit']);
    e.resolveReady();
    await running.ready;
    expect(createBackend).not.toHaveBeenCalled();
    expect(FakeWindow.instances).toEqual([]);
  });

  it('registers app:// before ready, then wires protocol, permissions, menu, engine, IPC and the window', async () => {
    const e = fakeElectron();
    const backend = fakeBackend();
    const running = startApp(e.api, {
      ...paths,
      devTools: false,
      platform: 'linux',
      createBackend: () => backend,
      log: () => undefined,
    });
    expect(running.primary).toBe(true);
    // Before ready: sandbox everywhere + privileged scheme, nothing else yet.
    expect(e.calls).toEqual(['lock', 'enableSandbox', 'registerSchemesAsPrivileged']);
    expect(FakeWindow.instances).toEqual([]);
    expect(backend.start).not.toHaveBeenCalled();

    e.resolveReady();
    await running.ready;
    expect(e.calls).toContain('handle:app');
    expect(e.permissionRequest).toHaveBeenCalledTimes(1);
    expect(e.permissionCheck).toHaveBeenCalledTimes(1);
    expect(e.menus).toHaveLength(1);
    expect(backend.start).toHaveBeenCalledTimes(1);
    expect([...e.ipcHandlers.keys()]).toEqual(['berth:invoke']);

    expect(FakeWindow.instances).toHaveLength(1);
    const win = FakeWindow.instances[0];
    expect(win?.options.webPreferences.preload).toBe(paths.preloadPath);
    expect(win?.options.webPreferences.sandbox).toBe(true);
    expect(win?.loaded).toEqual(['app://berth/']);
    expect(win?.visible).toBe(false);
    win?.emit('ready-to-show');
    expect(win?.visible).toBe(true);
  });

  it('keeps DevTools out of a production window and menu, and in a development one', async () => {
    const roleList = (items: MenuItemTemplate[]): string[] =>
      items.flatMap((i) => [...(i.role ? [i.role] : []), ...roleList(i.submenu ?? [])]);
    for (const devTools of [false, true]) {
      FakeWindow.instances = [];
      const e = fakeElectron();
      const running = startApp(e.api, {
        ...paths,
        devTools,
        platform: 'linux',
        createBackend: fakeBackend,
        log: () => undefined,
      });
      e.resolveReady();
      await running.ready;
      expect(roleList(e.menus[0] ?? []).includes('toggleDevTools')).toBe(devTools);
      expect(FakeWindow.instances[0]?.options.webPreferences.devTools).toBe(devTools);
    }
  });

  it('guards every new webContents', () => {
    const e = fakeElectron();
    startApp(e.api, { ...paths, devTools: false, platform: 'linux', createBackend: fakeBackend, log: () => undefined });
    const contents = new FakeWebContents();
    e.app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
  });

  it('quits when the last window closes (except on macOS) and stops the engine on quit', async () => {
    const e = fakeElectron();
    const backend = fakeBackend();
    const running = startApp(e.api, {
      ...paths,
      devTools: false,
      platform: 'linux',
      createBackend: () => backend,
      log: () => undefined,
    });
    e.resolveReady();
    await running.ready;
    e.app.emit('window-all-closed');
    expect(e.app.quit).toHaveBeenCalledTimes(1);
    e.app.emit('will-quit');
    expect(backend.stop).toHaveBeenCalledTimes(1);
    expect(e.ipcHandlers.size).toBe(0);

    const mac = fakeElectron();
    startApp(mac.api, {
      ...paths,
      devTools: false,
      platform: 'darwin',
      createBackend: fakeBackend,
      log: () => undefined,
    });
    mac.app.emit('window-all-closed');
    expect(mac.app.quit).not.toHaveBeenCalled();
  });

  it('focuses the existing window when a second instance starts', async () => {
    const e = fakeElectron();
    const running = startApp(e.api, {
      ...paths,
      devTools: false,
      platform: 'linux',
      createBackend: fakeBackend,
      log: () => undefined,
    });
    e.resolveReady();
    await running.ready;
    const win = FakeWindow.instances[0];
    if (!win) throw new Error('no window');
    win.minimized = true;
    e.app.emit('second-instance');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('gives the backend a focusWindow hook that raises the window (notification clicks)', async () => {
    const e = fakeElectron();
    let hooks: BackendHooks | undefined;
    const running = startApp(e.api, {
      ...paths,
      devTools: false,
      platform: 'linux',
      createBackend: (_log, app) => {
        hooks = app;
        return fakeBackend();
      },
      log: () => undefined,
    });
    e.resolveReady();
    await running.ready;
    const win = FakeWindow.instances[0];
    if (!win || !hooks) throw new Error('no window or hooks');
    win.minimized = true;
    win.visible = false;
    hooks.focusWindow();
    expect(win.restore).toHaveBeenCalled();
    expect(win.visible).toBe(true);
    expect(win.focus).toHaveBeenCalled();
    // Once the window is gone, a late click does nothing (and does not throw).
    win.close();
    expect(() => hooks?.focusWindow()).not.toThrow();
  });

  it('re-creates the window on activate (macOS dock) when none is open', async () => {
    const e = fakeElectron();
    const running = startApp(e.api, {
      ...paths,
      devTools: false,
      platform: 'darwin',
      createBackend: fakeBackend,
      log: () => undefined,
    });
    e.resolveReady();
    await running.ready;
    FakeWindow.instances[0]?.close();
    e.app.emit('activate');
    expect(FakeWindow.getAllWindows()).toHaveLength(1);
    e.app.emit('activate');
    expect(FakeWindow.getAllWindows()).toHaveLength(1);
  });

  it('logs and quits when startup fails', async () => {
    const e = fakeElectron();
    const log = vi.fn();
    const running = startApp(e.api, {
      ...paths,
      devTools: false,
      platform: 'linux',
      createBackend: () => {
        throw new Error('boom');
      },
      log,
    });
    e.resolveReady();
    await expect(running.ready).rejects.toThrow('boom');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('boom'));
    expect(e.app.quit).toHaveBeenCalled();
  });
});

describe('createMainWindow', () => {
  it('shows the window anyway if ready-to-show never comes', () => {
    vi.useFakeTimers();
    const win = createMainWindow({
      BrowserWindow: FakeWindow,
      preloadPath: 'p',
      url: 'app://berth/',
      devTools: false,
      showFallbackMs: 100,
    });
    expect(win.visible).toBe(false);
    vi.advanceTimersByTime(100);
    expect(win.visible).toBe(true);
  });

  it('reloads a crashed renderer a bounded number of times', () => {
    const win = createMainWindow({
      BrowserWindow: FakeWindow,
      preloadPath: 'p',
      url: 'app://berth/',
      devTools: false,
      maxCrashReloads: 2,
    });
    for (let i = 0; i < 5; i++) win.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(win.webContents.reload).toHaveBeenCalledTimes(2);
    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit' });
    expect(win.webContents.reload).toHaveBeenCalledTimes(2);
  });

  it('focusWindow ignores a missing or destroyed window', () => {
    expect(() => focusWindow(undefined)).not.toThrow();
    const win = new FakeWindow({} as WindowOptions);
    win.destroyed = true;
    focusWindow(win);
    expect(win.focus).not.toHaveBeenCalled();
  });
});

describe('menuTemplate', () => {
  const roles = (items: MenuItemTemplate[]): string[] =>
    items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])]);

  it('has Edit (copy/paste), View (reload/devtools) and Window menus', () => {
    const t = menuTemplate('linux', { devTools: true });
    expect(t.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window']);
    const all = roles(t);
    for (const r of [
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
      'reload',
      'toggleDevTools',
      'minimize',
      'quit',
    ]) {
      expect(all).toContain(r);
    }
  });

  it('follows macOS conventions on darwin', () => {
    const t = menuTemplate('darwin', { devTools: false });
    expect(t[0]?.role).toBe('appMenu');
    expect(roles(t)).toContain('front');
  });

  it('has no DevTools item (nor its shortcut) in production, on any platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const all = roles(menuTemplate(platform, { devTools: false }));
      expect(all).not.toContain('toggleDevTools');
      expect(all).toContain('reload');
    }
  });
});

describe('devToolsAllowed', () => {
  it('allows DevTools when unpackaged, and in a packaged build only with BERTH_DEVTOOLS=1', () => {
    expect(devToolsAllowed(false, {})).toBe(true);
    expect(devToolsAllowed(true, {})).toBe(false);
    expect(devToolsAllowed(true, { BERTH_DEVTOOLS: '0' })).toBe(false);
    expect(devToolsAllowed(true, { BERTH_DEVTOOLS: 'yes' })).toBe(false);
    expect(devToolsAllowed(true, { BERTH_DEVTOOLS: '1' })).toBe(true);
  });
});
