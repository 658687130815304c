import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import {
  denyPermissions,
  installNavigationGuards,
  isExternalWebUrl,
  windowOptions,
  type GuardedContents,
  type PermissionSession,
} from '../../../electron/app/security';

describe('windowOptions', () => {
  const opts = windowOptions('/app/dist/electron/preload.cjs', { devTools: false });

  it('locks down the renderer', () => {
    expect(opts.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
    expect(windowOptions('p', { devTools: true }).webPreferences.devTools).toBe(true);
  });

  it('is titled Berth, hidden until painted, on a dark background', () => {
    expect(opts.title).toBe('Berth');
    expect(opts.show).toBe(false);
    expect(opts.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(opts.backgroundColor.slice(i, i + 2), 16));
    expect((r ?? 255) + (g ?? 255) + (b ?? 255)).toBeLessThan(150);
    expect(opts.width).toBeGreaterThanOrEqual(1024);
    expect(opts.height).toBeGreaterThanOrEqual(700);
  });
});

type OpenHandler = (details: { url: string }) => { action: 'deny' };

class FakeContents extends EventEmitter {
  openHandler: OpenHandler | undefined;
  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }
}

function navEvent(url: string): { url: string; preventDefault: ReturnType<typeof vi.fn> } {
  return { url, preventDefault: vi.fn() };
}

function guarded(): { contents: FakeContents; shell: { openExternal: ReturnType<typeof vi.fn> } } {
  const contents = new FakeContents();
  const shell = { openExternal: vi.fn(() => Promise.resolve()) };
  installNavigationGuards(contents as GuardedContents, shell);
  return { contents, shell };
}

describe('navigation guards', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s away from the app is prevented', (name) => {
    const { contents, shell } = guarded();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:8080/', 'app://evil/']) {
      const ev = navEvent(url);
      contents.emit(name, ev);
      expect(ev.preventDefault, url).toHaveBeenCalledTimes(1);
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('lets the app navigate within app://berth/ (reloads, routes)', () => {
    const { contents } = guarded();
    const ev = navEvent('app://berth/index.html#/containers');
    contents.emit('will-navigate', ev);
    expect(ev.preventDefault).not.toHaveBeenCalled();
  });

  it('understands the legacy (event, url) listener form', () => {
    const { contents } = guarded();
    const ev = { preventDefault: vi.fn() };
    contents.emit('will-navigate', ev, 'https://evil.example/');
    expect(ev.preventDefault).toHaveBeenCalled();
  });

  it('denies every window.open and opens only http(s) links in the system browser', () => {
    const { contents, shell } = guarded();
    const open = contents.openHandler;
    expect(open).toBeDefined();
    expect(open?.({ url: 'http://localhost:8080/' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'https://example.com/docs' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(2);
    expect(shell.openExternal).toHaveBeenNthCalledWith(1, 'http://localhost:8080/');
    expect(shell.openExternal).toHaveBeenNthCalledWith(2, 'https://example.com/docs');
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://berth/',
    'smb://host/share',
    'vscode://x',
    'data:text/html,<script>alert(1)</script>',
    'http://user:pass@example.com/',
    'about:blank',
    '',
  ])('never opens %s externally', (url) => {
    const { contents, shell } = guarded();
    expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('survives openExternal failing', async () => {
    const contents = new FakeContents();
    const log = vi.fn();
    installNavigationGuards(
      contents as GuardedContents,
      { openExternal: () => Promise.reject(new Error('no')) },
      { log },
    );
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith(expect.stringContaining('could not open')));
  });

  it('blocks <webview> attachment', () => {
    const { contents } = guarded();
    const ev = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', ev);
    expect(ev.preventDefault).toHaveBeenCalled();
  });

  it('isExternalWebUrl accepts only http(s) with a host', () => {
    expect(isExternalWebUrl('http://localhost:3000')).toBe(true);
    expect(isExternalWebUrl('https://example.com')).toBe(true);
    expect(isExternalWebUrl('ftp://example.com')).toBe(false);
    expect(isExternalWebUrl('http:/relative')).toBe(true); // WHATWG parses this to http://relative/
    expect(isExternalWebUrl('nonsense')).toBe(false);
  });
});

describe('permissions', () => {
  function session(): {
    request: (permission: string, requestingUrl: string) => boolean;
    check: (permission: string, origin: string) => boolean;
    device: (() => boolean) | undefined;
  } {
    let requestHandler: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | undefined;
    let checkHandler: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | undefined;
    let device: (() => boolean) | undefined;
    denyPermissions({
      setPermissionRequestHandler: (h) => {
        requestHandler = h;
      },
      setPermissionCheckHandler: (h) => {
        checkHandler = h;
      },
      setDevicePermissionHandler: (h) => {
        device = () => h({});
      },
    });
    return {
      request: (permission, requestingUrl) => {
        let granted: boolean | undefined;
        requestHandler?.({}, permission, (g) => (granted = g), { requestingUrl });
        if (granted === undefined) throw new Error('callback not called');
        return granted;
      },
      check: (permission, origin) => checkHandler?.({}, permission, origin, {}) ?? true,
      device,
    };
  }

  it.each([
    'media',
    'geolocation',
    'midi',
    'openExternal',
    'clipboard-read',
    'fullscreen',
    'display-capture',
    'hid',
    'serial',
    'usb',
  ])('denies %s, even to the app', (permission) => {
    const s = session();
    expect(s.request(permission, 'app://berth/')).toBe(false);
    expect(s.request(permission, 'https://evil.example/')).toBe(false);
    expect(s.check(permission, 'app://berth')).toBe(false);
  });

  it('allows only sanitized clipboard writes, only from the app', () => {
    const s = session();
    expect(s.request('clipboard-sanitized-write', 'app://berth/')).toBe(true);
    expect(s.check('clipboard-sanitized-write', 'app://berth')).toBe(true);
    expect(s.request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(s.check('clipboard-sanitized-write', 'https://evil.example')).toBe(false);
  });

  it('allows notifications only to the app (opt-in container alerts)', () => {
    const s = session();
    expect(s.request('notifications', 'app://berth/')).toBe(true);
    expect(s.check('notifications', 'app://berth')).toBe(true);
    expect(s.request('notifications', 'https://evil.example/')).toBe(false);
    expect(s.check('notifications', 'https://evil.example')).toBe(false);
  });

  it('denies device (USB/HID/serial) access', () => {
    expect(session().device?.()).toBe(false);
  });
});
