import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_URL,
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  isAppUrl,
  PRIVILEGED_SCHEMES,
  resolveInside,
} from '../../../electron/app/protocol';

let base: string;
let root: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'berth-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Berth</title>');
  await writeFile(join(root, 'assets', 'app-1234.js'), 'console.log(1);');
  await writeFile(join(root, 'assets', 'app-1234.css'), 'body{}');
  await writeFile(join(root, 'assets', 'logo.svg'), '<svg/>');
  // Next to the served folder, never reachable through app://.
  await writeFile(join(base, 'secret.txt'), 'TOP SECRET');
  handler = createAppProtocolHandler(root);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const get = (url: string, method = 'GET'): Promise<Response> => handler(new Request(url, { method }));

describe('app:// scheme', () => {
  it('is registered as a standard, secure, fetch-capable scheme named app', () => {
    expect(PRIVILEGED_SCHEMES).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }),
      }),
    ]);
    expect(APP_URL).toBe('app://berth/');
  });

  it('recognises only app://berth URLs as the app', () => {
    expect(isAppUrl('app://berth/')).toBe(true);
    expect(isAppUrl('app://berth/index.html#/containers')).toBe(true);
    expect(isAppUrl('app://evil/')).toBe(false);
    expect(isAppUrl('https://berth/')).toBe(false);
    expect(isAppUrl('file:///work/dist/renderer/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('protocol handler', () => {
  it('serves index.html at the root with the strict CSP header', async () => {
    const res = await get('app://berth/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Berth</title>');
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "frame-ancestors 'none'; form-action 'none'",
    );
  });

  it('serves assets with their MIME types', async () => {
    const js = await get('app://berth/assets/app-1234.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1);');
    expect((await get('app://berth/assets/app-1234.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://berth/assets/logo.svg')).headers.get('content-type')).toBe('image/svg+xml');
    expect((await get('app://berth/assets/app-1234.js')).headers.get('content-security-policy')).toBe(
      CONTENT_SECURITY_POLICY,
    );
  });

  it('answers 404 for missing files', async () => {
    const res = await get('app://berth/assets/missing.js');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('TOP SECRET');
  });

  it('falls back to index.html for client-side routes', async () => {
    const res = await get('app://berth/containers/abc');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Berth</title>');
  });

  it.each([
    'app://berth/../secret.txt',
    'app://berth/assets/../../secret.txt',
    'app://berth/..%2fsecret.txt',
    'app://berth/assets/..%2f..%2fsecret.txt',
    'app://berth/%2e%2e/secret.txt',
    'app://berth/..%5csecret.txt',
    'app://berth/%2e%2e%5csecret.txt',
    'app://berth/index.html%00.js',
  ])('refuses path traversal: %s', async (url) => {
    const res = await get(url);
    expect(res.status).not.toBe(200);
    expect(await res.text()).not.toContain('TOP SECRET');
  });

  it('resolveInside never returns a path outside the root', () => {
    expect(resolveInside(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveInside(root, '/assets/app-1234.js')).toBe(join(root, 'assets', 'app-1234.js'));
    expect(resolveInside(root, '/../secret.txt')).toBeUndefined();
    expect(resolveInside(root, '/..%2fsecret.txt')).toBeUndefined();
    expect(resolveInside(root, '/a\\..\\..\\secret.txt')).toBeUndefined();
    expect(resolveInside(root, '/%E0%A4%A')).toBeUndefined();
    expect(resolveInside(root, '/x%00y')).toBeUndefined();
  });

  it('serves only the berth host and only GET/HEAD', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://berth/index.html', 'POST')).status).toBe(405);
    const head = await get('app://berth/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('says the renderer is not built when index.html is missing', async () => {
    const empty = createAppProtocolHandler(join(base, 'nowhere'));
    const res = await empty(new Request('app://berth/'));
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/npm run build/);
  });
});
