import { promises as fs } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, mimeType } from './static-files';

export { CONTENT_SECURITY_POLICY };

/**
 * The renderer is served from a privileged custom scheme, `app://berth/`, instead of file://:
 * a real origin (so CSP 'self', fetch and storage behave like a web page), no access to the rest of
 * the disk, and one trusted URL prefix that the IPC transport checks on every message.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'berth';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/`;

/** True only for URLs of the bundled renderer (`app://berth/...`). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Passed to `protocol.registerSchemesAsPrivileged` before `app` is ready. */
export const PRIVILEGED_SCHEMES = [
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false },
  },
] as const;

function securityHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...extra,
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: securityHeaders({ 'Content-Type': 'text/plain; charset=utf-8' }),
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Resolves a request path to a file strictly inside `root`, or undefined when it would escape it
 * (`..`, encoded `%2e%2e`/`%2f`, backslashes, NUL). Exported for tests.
 */
export function resolveInside(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..')) return undefined;
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const file = resolve(base, rel);
  if (!file.startsWith(base + sep)) return undefined;
  return file;
}

/**
 * The `protocol.handle('app', ...)` handler: GET/HEAD of files under `rootDir` (the built renderer),
 * with the CSP and other security headers. Unknown extensionless paths fall back to index.html
 * (client-side routes); missing assets are 404s. Uses only fetch-standard Request/Response, so
 * tests run it under plain Node.
 */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  const root = resolve(rootDir);
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveInside(root, url.pathname);
    if (!file) return plain(403, 'Forbidden');
    const index = resolve(root, 'index.html');
    let target = file;
    if (!(await isFile(target))) {
      if (extname(file) && file !== index) return plain(404, 'Not found');
      target = index;
      if (!(await isFile(target))) return plain(404, 'Not found: the renderer is not built (run `npm run build`).');
    }
    const body = request.method === 'HEAD' ? null : await fs.readFile(target);
    const cache = target.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    return new Response(body, {
      status: 200,
      headers: securityHeaders({ 'Content-Type': mimeType(target), 'Cache-Control': cache }),
    });
  };
}
