/**
 * The desktop app, two ways:
 *
 * 1. Smoke test of the real Electron app: Playwright's `_electron` launches the built app (`.` →
 *    package.json main → dist/electron/main.cjs) against the private engine. Runs only where
 *    Electron's binary and a display exist; otherwise it is skipped and prints why.
 *
 * 2. The built main bundle (dist/electron/main.cjs) loaded in Node with a stand-in `electron`
 *    module: checks its wiring (paths of the preload and renderer, protocol, IPC) on the real engine.
 *
 * 3. The Electron code path without the Electron binary: the built renderer served by the app://
 *    protocol handler (with its CSP), the BUILT preload bundle (dist/electron/preload.cjs) running
 *    in the page, and main's transport (`registerIpc`) + the real dispatcher/handlers/engine in this
 *    process. Only Electron's IPC pipe is simulated (Playwright bindings carry the messages, and
 *    the sender frame claims app://berth/). Runs wherever Chromium and the engine exist.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import type { StreamFrame } from '../../shared/protocol';
import { createAppProtocolHandler } from '../../electron/app/protocol';
import { Engine } from '../../electron/engine/engine';
import { createHandlers } from '../../electron/handlers';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import {
  registerIpc,
  type ElectronTransport,
  type IpcEventLike,
  type IpcMainLike,
  type NavigationDetails,
} from '../../electron/ipc/electron-transport';
import { CHROMIUM_PATH, launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { createTracker, docker, isEngineEnabled, requireEngine, TEST_IMAGE, uniqueName } from '../helpers/engine';

const root = process.cwd();
const built = (...p: string[]): string => join(root, 'dist', ...p);

function electronBinary(): { path: string } | { reason: string } {
  const pkgDir = join(root, 'node_modules', 'electron');
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { reason: "Electron's binary is not installed (node_modules/electron/path.txt is missing)" };
  }
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkgDir, 'dist');
  const binary = join(distDir, readFileSync(pathFile, 'utf8').trim() || 'electron');
  return existsSync(binary) ? { path: binary } : { reason: `Electron's binary is missing at ${binary}` };
}

function commonReason(): string | undefined {
  if (!isEngineEnabled()) return 'the private test engine is not configured (BERTH_TEST_ENGINE=1 and DOCKER_HOST)';
  for (const f of [built('electron', 'main.cjs'), built('electron', 'preload.cjs'), built('renderer', 'index.html')]) {
    if (!existsSync(f)) return `${f} is missing (run \`npm run build\`)`;
  }
  return undefined;
}

function electronReason(): string | undefined {
  const bin = electronBinary();
  if ('reason' in bin) return bin.reason;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display (set DISPLAY or WAYLAND_DISPLAY, e.g. run the tests under xvfb-run)';
  }
  return commonReason();
}

function simulatedReason(): string | undefined {
  if (!existsSync(CHROMIUM_PATH)) return `Chromium not found at ${CHROMIUM_PATH}`;
  return commonReason();
}

const skipElectron = electronReason();
if (skipElectron) console.log(`electron smoke test skipped: ${skipElectron}`);
const skipSimulated = simulatedReason();
if (skipSimulated) console.log(`electron IPC path test (Chromium) skipped: ${skipSimulated}`);

interface PageProbe {
  keys: string[];
  invoke: string;
  subscribe: string;
  require: string;
  process: string;
  module: string;
  ipcRenderer: string;
}

/** Runs in the page: what the renderer can see of the bridge and of Node. */
function probeGlobals(): PageProbe {
  const w = window as unknown as Record<string, unknown>;
  const berth = w.berth as Record<string, unknown> | undefined;
  return {
    keys: berth ? Object.keys(berth).sort() : [],
    invoke: typeof berth?.invoke,
    subscribe: typeof berth?.subscribe,
    require: typeof w.require,
    process: typeof w.process,
    module: typeof w.module,
    ipcRenderer: typeof w.ipcRenderer,
  };
}

const EXPECTED_PROBE: PageProbe = {
  keys: ['invoke', 'subscribe'],
  invoke: 'function',
  subscribe: 'function',
  require: 'undefined',
  process: 'undefined',
  module: 'undefined',
  ipcRenderer: 'undefined',
};

describe.skipIf(skipElectron !== undefined)('Electron app (smoke)', () => {
  const tracker = createTracker();
  let app: ElectronApplication | undefined;
  let page: Page;

  beforeAll(async () => {
    const dockerHost = requireEngine();
    const bin = electronBinary();
    if (!('path' in bin)) throw new Error(bin.reason);
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    env.BERTH_DOCKER_HOST = dockerHost;
    delete env.ELECTRON_RUN_AS_NODE;
    app = await electron.launch({
      executablePath: bin.path,
      // Chromium refuses to run as root with its OS sandbox (CI containers); the renderer stays
      // sandboxed in Electron's sense (sandbox: true, contextIsolation) either way.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '.'],
      cwd: root,
      env,
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    await tracker.cleanup();
  });

  it('opens one window titled Berth on app://berth/', async () => {
    await expect.poll(() => page.title()).toBe('Berth');
    expect(page.url()).toMatch(/^app:\/\/berth\//);
    expect(app?.windows()).toHaveLength(1);
  });

  it('exposes exactly window.berth = { invoke, subscribe } and no Node globals', async () => {
    expect(await page.evaluate(probeGlobals)).toEqual(EXPECTED_PROBE);
  });

  it('refuses channels outside the contract', async () => {
    const reply = await page.evaluate(async () => {
      const w = window as unknown as { berth: { invoke(c: string, a: unknown): Promise<unknown> } };
      return w.berth.invoke('fs.readFile', { path: '/etc/passwd' });
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('shows a container created with the docker CLI in the Containers table', async () => {
    const name = tracker.container(uniqueName('electron'));
    await docker(['run', '-d', '--name', name, TEST_IMAGE, 'sleep', '300']);
    // The app opens on the Containers view; the engine's events push the new container in.
    await page.getByRole('row', { name: new RegExp(name) }).waitFor({ state: 'visible', timeout: 20_000 });
  });
});

/**
 * Main-process side of the simulation: an ipcMain and one webContents whose `send` delivers frames
 * into the page. Each page load is one document; a reload fires did-start-navigation like Electron.
 */
class SimulatedMain implements IpcMainLike {
  private readonly handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  private readonly listeners = new Map<string, Array<(event: IpcEventLike, ...args: unknown[]) => void>>();
  private readonly contentsListeners = new Map<string, Array<(...args: never[]) => void>>();
  readonly sentFrames: StreamFrame[] = [];
  destroyed = false;
  page: Page | undefined;

  readonly contents = {
    id: 1,
    isDestroyed: (): boolean => this.destroyed,
    send: (_channel: string, frame: unknown): void => {
      this.sentFrames.push(frame as StreamFrame);
      void this.page
        ?.evaluate((f) => (window as unknown as { __berthFrame(f: unknown): void }).__berthFrame(f), frame)
        .catch(
          () => undefined, // page navigating or closed
        );
    },
    sendToFrame: (): void => {
      throw new Error('no subframes in this test');
    },
    on: (event: string, listener: (...args: never[]) => void): void => {
      this.contentsListeners.set(event, [...(this.contentsListeners.get(event) ?? []), listener]);
    },
  };

  private event(): IpcEventLike {
    return { sender: this.contents, senderFrame: { url: 'app://berth/', processId: 7, routingId: 1, parent: null } };
  }

  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  }
  removeListener(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): void {
    this.listeners.set(
      channel,
      (this.listeners.get(channel) ?? []).filter((l) => l !== listener),
    );
  }

  /** ipcRenderer.invoke from the page. */
  async fromPageInvoke(channel: string, args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h(this.event(), ...args);
  }
  /** ipcRenderer.send from the page. */
  fromPageSend(channel: string, args: unknown[]): void {
    for (const l of this.listeners.get(channel) ?? []) l(this.event(), ...args);
  }
  mainFrameNavigation(): void {
    const details: NavigationDetails = { isMainFrame: true, isSameDocument: false, frame: null };
    for (const l of this.contentsListeners.get('did-start-navigation') ?? []) {
      (l as (d: NavigationDetails) => void)(details);
    }
  }
}

/** In the page, before the app's scripts: run the built preload with a shim of its `electron` module. */
function preloadInitScript(preloadSource: string): string {
  return `(() => {
  const listeners = new Map();
  const ipcRenderer = {
    invoke: (channel, ...args) => window.__berthIpcInvoke(channel, args),
    send: (channel, ...args) => { void window.__berthIpcSend(channel, args); },
    on: (channel, listener) => { listeners.set(channel, [...(listeners.get(channel) || []), listener]); return ipcRenderer; },
  };
  Object.defineProperty(window, '__berthFrame', {
    value: (frame) => { for (const l of listeners.get('berth:frame') || []) l({}, frame); },
  });
  const contextBridge = { exposeInMainWorld: (key, api) => { window[key] = Object.freeze({ ...api }); } };
  const require = (name) => {
    if (name === 'electron') return { ipcRenderer, contextBridge };
    throw new Error('sandboxed preloads can only require electron, not ' + name);
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports);
})();`;
}

describe.skipIf(skipSimulated !== undefined)('Electron IPC path in Chromium (built preload + transport)', () => {
  const tracker = createTracker();
  let browser: LaunchedChromium;
  let page: Page;
  let engine: Engine;
  let transport: ElectronTransport;
  const main = new SimulatedMain();
  // A loopback origin that nothing listens on: page.route answers every request, and should anything
  // slip through it would stay on this machine.
  const ORIGIN = 'http://127.0.0.1:59997';
  const csp: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const dockerHost = requireEngine();
    engine = new Engine({ setting: dockerHost });
    engine.start();
    transport = registerIpc(main, createDispatcher(contract, createHandlers(engine)));
    const serve = createAppProtocolHandler(built('renderer'));

    browser = await launchChromium({ viewport: { width: 1400, height: 860 } });
    page = await browser.context.newPage();
    main.page = page;
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.exposeBinding('__berthIpcInvoke', (_src, channel: string, args: unknown[]) =>
      main.fromPageInvoke(channel, args),
    );
    await page.exposeBinding('__berthIpcSend', (_src, channel: string, args: unknown[]) => {
      main.fromPageSend(channel, args);
    });
    await page.addInitScript({ content: preloadInitScript(readFileSync(built('electron', 'preload.cjs'), 'utf8')) });
    // Every request of the page is answered by the app:// handler (nothing goes to the network).
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) return route.abort();
      const res = await serve(
        new Request(`app://berth${url.pathname}${url.search}`, { method: route.request().method() }),
      );
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => (headers[k] = v));
      if (headers['content-security-policy']) csp.push(headers['content-security-policy']);
      await route.fulfill({ status: res.status, headers, body: Buffer.from(await res.arrayBuffer()) });
    });
    await page.goto(`${ORIGIN}/`);
  });

  afterAll(async () => {
    await browser?.close();
    transport?.dispose();
    engine?.stop();
    await tracker.cleanup();
  });

  it('the page sees exactly window.berth = { invoke, subscribe } and no Node globals', async () => {
    expect(await page.evaluate(probeGlobals)).toEqual(EXPECTED_PROBE);
    expect(csp.length).toBeGreaterThan(0);
    expect(csp[0]).toContain("script-src 'self'");
  });

  it('refuses channels outside the contract in the page, before IPC', async () => {
    const reply = await page.evaluate(async () => {
      const w = window as unknown as { berth: { invoke(c: string, a: unknown): Promise<unknown> } };
      return w.berth.invoke('fs.readFile', { path: '/etc/passwd' });
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('renders the Containers view under the CSP, and a new container appears through the event stream', async () => {
    await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 20_000 });
    const name = tracker.container(uniqueName('electron-ipc'));
    await docker(['run', '-d', '--name', name, TEST_IMAGE, 'sleep', '300']);
    await page.getByRole('row', { name: new RegExp(name) }).waitFor({ state: 'visible', timeout: 20_000 });
    expect(main.sentFrames.some((f) => f.kind === 'data')).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('a reload closes the old page session (its streams end) and the new page works', async () => {
    expect(transport.sessionCount).toBe(1);
    main.mainFrameNavigation(); // what Electron emits when the page reloads
    expect(transport.sessionCount).toBe(0);
    await page.reload();
    await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 20_000 });
    expect(transport.sessionCount).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(commonReason() !== undefined)('built main bundle with a stand-in electron module', () => {
  type Loader = (request: string, ...rest: unknown[]) => unknown;
  const loader = Module as unknown as { _load: Loader };
  const original = loader._load;
  const calls: string[] = [];
  const ipcHandlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>>();
  let serve: ((request: Request) => Promise<Response>) | undefined;
  let windowOptions: { webPreferences: { preload: string; sandbox: boolean } } | undefined;
  let loadedUrl: string | undefined;
  const userData = mkdtempSync(join(tmpdir(), 'berth-userdata-'));
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: () => true,
    quit: () => calls.push('quit'),
    enableSandbox: () => calls.push('enableSandbox'),
    whenReady: () => Promise.resolve(),
    setAppUserModelId: () => undefined,
    // Settings (the compose CLI path) go to Electron's user-data folder.
    getPath: (name: string) => {
      calls.push(`getPath:${name}`);
      return userData;
    },
  });

  beforeAll(async () => {
    const dockerHost = requireEngine();
    class BrowserWindow extends EventEmitter {
      static getAllWindows(): unknown[] {
        return [];
      }
      readonly webContents = Object.assign(new EventEmitter(), { reload: () => undefined });
      constructor(options: typeof windowOptions) {
        super();
        windowOptions = options;
      }
      loadURL(url: string): Promise<void> {
        loadedUrl = url;
        return Promise.resolve();
      }
      show(): void {}
      isVisible(): boolean {
        return false;
      }
      isDestroyed(): boolean {
        return false;
      }
      isMinimized(): boolean {
        return false;
      }
      restore(): void {}
      focus(): void {}
    }
    const standIn = {
      app,
      BrowserWindow,
      ipcMain: {
        handle: (c: string, f: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>) => ipcHandlers.set(c, f),
        removeHandler: (c: string) => ipcHandlers.delete(c),
        on: () => undefined,
        removeListener: () => undefined,
      },
      Menu: { buildFromTemplate: (t: unknown[]) => ({ items: t }), setApplicationMenu: () => calls.push('menu') },
      protocol: {
        registerSchemesAsPrivileged: () => calls.push('registerSchemesAsPrivileged'),
        handle: (scheme: string, h: (request: Request) => Promise<Response>) => {
          calls.push(`handle:${scheme}`);
          serve = h;
        },
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: () => calls.push('permissionRequest'),
          setPermissionCheckHandler: () => calls.push('permissionCheck'),
        },
      },
      shell: { openExternal: () => Promise.resolve() },
    };
    loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
      return request === 'electron' ? standIn : original.call(this, request, ...rest);
    };
    const previous = process.env.BERTH_DOCKER_HOST;
    process.env.BERTH_DOCKER_HOST = dockerHost;
    try {
      createRequire(import.meta.url)(built('electron', 'main.cjs'));
    } finally {
      loader._load = original;
      if (previous === undefined) delete process.env.BERTH_DOCKER_HOST;
      else process.env.BERTH_DOCKER_HOST = previous;
    }
    await new Promise((r) => setTimeout(r, 50)); // let whenReady's continuation run
  });

  afterAll(() => {
    app.emit('will-quit'); // stops the engine and disposes the transport
    rmSync(userData, { recursive: true, force: true });
  });

  it('points the window at the bundled preload and app://berth/, sandboxed', () => {
    expect(calls.slice(0, 2)).toEqual(['enableSandbox', 'registerSchemesAsPrivileged']);
    expect(windowOptions?.webPreferences.preload).toBe(built('electron', 'preload.cjs'));
    expect(windowOptions?.webPreferences.sandbox).toBe(true);
    expect(loadedUrl).toBe('app://berth/');
    // Berth's settings live in Electron's user-data folder.
    expect(calls).toContain('getPath:userData');
  });

  it('serves the built renderer through app://', async () => {
    const res = await serve?.(new Request('app://berth/'));
    expect(res?.status).toBe(200);
    expect(res?.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res?.text()).toContain('<div id="root">');
  });

  it('answers the contract over ipcMain from the engine named by BERTH_DOCKER_HOST', async () => {
    const invoke = ipcHandlers.get('berth:invoke');
    const event: IpcEventLike = {
      sender: Object.assign(new EventEmitter(), { id: 99, isDestroyed: () => false, send() {}, sendToFrame() {} }),
      senderFrame: { url: 'app://berth/', processId: 1, routingId: 1, parent: null },
    };
    const status = (await invoke?.(event, 'engine.status', {})) as { ok: boolean; data?: { source?: string } };
    expect(status).toMatchObject({ ok: true, data: { source: 'setting' } });
    const list = (await invoke?.(event, 'containers.list', {})) as { ok: boolean; data?: unknown };
    expect(list.ok).toBe(true);
    expect(Array.isArray(list.data)).toBe(true);
    const evil = { ...event, senderFrame: { url: 'https://evil.example/', processId: 1, routingId: 2, parent: null } };
    expect(await invoke?.(evil, 'containers.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
