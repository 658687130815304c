import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { z } from 'zod';
import { createDispatcher } from '../../../electron/ipc/dispatcher';
import {
  CONTENT_SECURITY_POLICY,
  allowedHosts,
  isLoopback,
  startWebServer,
  tokenFromProtocols,
  tokensEqual,
  type RunningWebServer,
} from '../../../electron/ipc/web-server';
import { invoke, stream, type Handlers } from '../../../shared/contract-kit';
import { WS_PROTOCOL, WS_TOKEN_PREFIX, type ServerMessage } from '../../../shared/protocol';
import { makeSelfSigned } from '../../helpers/tls';

/** The transport is under test here, not the engine: a tiny contract with fake handlers. */
const testContract = {
  'echo.say': invoke(z.object({ text: z.string() }), z.string()),
  /** Shaped like exec.write: up to 1 MiB of text. */
  'echo.length': invoke(z.object({ data: z.string().max(1_048_576) }), z.number()),
  'ticks.forever': stream(z.object({}), z.number()),
  /** 64 KiB payloads as fast as the window allows, like the logs of a container printing nonstop. */
  'flood.fast': stream(z.object({}), z.string()),
} as const;

const calls: string[] = [];
const streamSignals: AbortSignal[] = [];
const handlers: Handlers<typeof testContract> = {
  'echo.say': async ({ text }) => {
    calls.push(`echo:${text}`);
    return `echo: ${text}`;
  },
  'echo.length': async ({ data }) => {
    calls.push('length');
    return data.length;
  },
  'ticks.forever': async (_args, sink, signal) => {
    calls.push('ticks');
    streamSignals.push(signal);
    sink.emit(1);
    await new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }));
  },
  'flood.fast': async (_args, sink, signal) => {
    calls.push('flood');
    streamSignals.push(signal);
    const chunk = 'x'.repeat(64 * 1024);
    while (!signal.aborted) {
      sink.emit(chunk);
      sink.flush?.(); // one chunk a frame, as the engine handlers cut their batches (batch-cap.ts)
      if (sink.pressured) await sink.drained();
      else await new Promise((r) => setImmediate(r));
    }
  },
};

const TOKEN = 'unit-test-token-0123456789abcdef';
const SECRET = 'TOP-SECRET-OUTSIDE-STATIC-ROOT';
const INDEX = '<!doctype html><title>Berth</title><div id="root"></div>';

let root: string;
let server: RunningWebServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'berth-web-'));
  const staticDir = join(root, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), INDEX);
  writeFileSync(join(staticDir, 'assets', 'app-123.js'), 'console.log("app")');
  writeFileSync(join(root, 'secret.txt'), SECRET);
  writeFileSync(join(root, 'static-evil.txt'), SECRET); // a sibling whose name starts with the root's name
  server = await startWebServer({
    dispatcher: createDispatcher(testContract, handlers, { log: () => undefined }),
    staticDir,
    port: 0,
    token: TOKEN,
    // These tests refuse many handshakes on purpose; the throttle has its own server below.
    throttle: { burst: 10_000 },
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP request: the path is sent exactly as given (no client-side normalisation). */
function http(path: string, opts: { method?: string; host?: string } = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: opts.method ?? 'GET',
        headers: { Host: opts.host ?? `127.0.0.1:${server.port}` },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

interface WsOptions {
  token?: string | null;
  origin?: string | null;
  host?: string;
  protocols?: string[];
}

function openWs(opts: WsOptions = {}): WebSocket {
  const protocols =
    opts.protocols ?? (opts.token === null ? [WS_PROTOCOL] : [WS_PROTOCOL, `${WS_TOKEN_PREFIX}${opts.token ?? TOKEN}`]);
  const headers: Record<string, string> = {};
  if (opts.host) headers.Host = opts.host;
  return new WebSocket(`ws://127.0.0.1:${server.port}/ws`, protocols, {
    ...(opts.origin === null ? {} : { origin: opts.origin ?? server.origin }),
    headers,
  });
}

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opened. */
function upgradeStatus(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.on('error', (err) => {
      const m = /Unexpected server response: (\d+)/.exec(err.message);
      resolve(m ? Number(m[1]) : -1);
    });
  });
}

function nextMessage(ws: WebSocket, pred: (m: ServerMessage) => boolean): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching message in 3 s')), 3000);
    const onMessage = (data: Buffer): void => {
      const m = JSON.parse(String(data)) as ServerMessage;
      if (pred(m)) {
        clearTimeout(timer);
        ws.off('message', onMessage);
        resolve(m);
      }
    };
    ws.on('message', onMessage);
  });
}

async function until(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('helpers', () => {
  test('tokensEqual: equal, different, different length', () => {
    expect(tokensEqual(TOKEN, TOKEN)).toBe(true);
    expect(tokensEqual(TOKEN, TOKEN.replace(/f$/, 'e'))).toBe(false);
    expect(tokensEqual(TOKEN, TOKEN.slice(0, -1))).toBe(false);
    expect(tokensEqual(TOKEN, `${TOKEN}x`)).toBe(false);
    expect(tokensEqual('', TOKEN)).toBe(false);
    // Multi-byte input of the same character length but different byte length does not throw.
    expect(tokensEqual('é'.repeat(4), 'e'.repeat(4))).toBe(false);
  });

  test('tokenFromProtocols requires the Berth subprotocol', () => {
    expect(tokenFromProtocols(`${WS_PROTOCOL}, ${WS_TOKEN_PREFIX}abc`)).toBe('abc');
    expect(tokenFromProtocols(`${WS_TOKEN_PREFIX}abc`)).toBeUndefined();
    expect(tokenFromProtocols(WS_PROTOCOL)).toBeUndefined();
    expect(tokenFromProtocols(undefined)).toBeUndefined();
  });

  test('isLoopback: IP literals in 127/8 and ::1 (also IPv4-mapped) and localhost, no look-alike names', () => {
    for (const h of [
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
      '0:0:0:0:0:0:0:1',
      'localhost',
      'LOCALHOST',
    ]) {
      expect(isLoopback(h), h).toBe(true);
    }
    for (const h of [
      '127.evil.com',
      '127.0.0.1.nip.io',
      '128.0.0.1',
      '0.0.0.0',
      '::',
      '::ffff:10.0.0.1',
      '10.0.0.1',
      'localhost.evil.com',
      '',
      '127',
    ]) {
      expect(isLoopback(h), h).toBe(false);
    }
  });

  test('a non-loopback host without TLS is refused unless insecure is asked for', async () => {
    const dispatcher = createDispatcher(testContract, handlers);
    for (const host of ['0.0.0.0', '10.1.2.3', '127.evil.com']) {
      await expect(startWebServer({ dispatcher, staticDir: root, host, port: 0, token: TOKEN })).rejects.toThrow(
        /without TLS.*unencrypted/,
      );
    }
  });

  test('allowedHosts for loopback: the served host and loopback aliases on that port only', () => {
    expect([...allowedHosts('127.0.0.1', 7878)].sort()).toEqual(['127.0.0.1:7878', '[::1]:7878', 'localhost:7878']);
  });

  test('a BERTH_TOKEN with bad characters (or too short) is refused', async () => {
    const dispatcher = createDispatcher(testContract, handlers);
    for (const token of [
      'has space in the token!!',
      'short',
      'a'.repeat(300),
      'semi;colon-0123456789',
      'x,berth.v1-0123456',
      'a'.repeat(31),
    ]) {
      await expect(startWebServer({ dispatcher, staticDir: root, port: 0, token })).rejects.toThrow(
        /BERTH_TOKEN must be/,
      );
    }
  });
});

describe('static files', () => {
  test('GET / serves index.html with CSP, nosniff and anti-framing headers', async () => {
    const r = await http('/');
    expect(r.status).toBe(200);
    expect(r.body).toBe(INDEX);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cache-control']).toBe('no-cache');
  });

  test('assets are served with their type and long caching', async () => {
    const r = await http('/assets/app-123.js');
    expect(r.status).toBe(200);
    expect(r.body).toBe('console.log("app")');
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.headers['cache-control']).toContain('immutable');
  });

  test('HEAD answers without a body', async () => {
    const r = await http('/', { method: 'HEAD' });
    expect(r.status).toBe(200);
    expect(r.body).toBe('');
  });

  test.each([
    '/../secret.txt',
    '/../../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/../static-evil.txt',
    '/%2e%2e%2fstatic-evil.txt',
  ])('path traversal %s is refused (never the outside file)', async (path) => {
    const r = await http(path);
    expect(r.body).not.toContain(SECRET);
    expect([400, 403, 404]).toContain(r.status);
  });

  test('a NUL byte or a broken escape is a 400', async () => {
    expect((await http('/index.html%00.js')).status).toBe(400);
    expect((await http('/%E0%A4%A')).status).toBe(400);
  });

  test('a missing asset is a 404; an unknown route falls back to index.html', async () => {
    const missing = await http('/assets/nope-999.js');
    expect(missing.status).toBe(404);
    expect(missing.body).not.toContain('<title>');
    const route = await http('/containers/abc/logs');
    expect(route.status).toBe(200);
    expect(route.body).toBe(INDEX);
  });

  test.each(['POST', 'PUT', 'DELETE', 'PATCH'])('%s → 405', async (method) => {
    const r = await http('/', { method });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD');
  });

  test('a wrong Host header (DNS rebinding) → 421', async () => {
    for (const host of [`evil.example:${server.port}`, 'localhost:1', '127.0.0.1', `127.0.0.1.nip.io:${server.port}`]) {
      const r = await http('/', { host });
      expect(r.status, host).toBe(421);
      expect(r.body).not.toContain('<title>');
    }
    expect((await http('/', { host: `localhost:${server.port}` })).status).toBe(200);
  });

  test('no Host header at all (HTTP/1.0) → 421', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const sock = connect(server.port, '127.0.0.1', () => sock.end('GET / HTTP/1.0\r\n\r\n'));
      let out = '';
      sock.setEncoding('utf8');
      sock.on('data', (d: string) => (out += d));
      sock.on('end', () => resolve(out));
      sock.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.[01] 421 /);
    expect(raw).not.toContain('<title>');
  });
});

describe('WebSocket', () => {
  test('correct token, Origin and Host: an invoke round trip works', async () => {
    const ws = openWs();
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    expect(ws.protocol).toBe(WS_PROTOCOL);
    const reply = nextMessage(ws, (m) => m.t === 'reply');
    ws.send(JSON.stringify({ t: 'invoke', id: 7, channel: 'echo.say', args: { text: 'hi' } }));
    expect(await reply).toEqual({ t: 'reply', id: 7, envelope: { ok: true, data: 'echo: hi' } });
    const bad = nextMessage(ws, (m) => m.t === 'reply' && m.id === 8);
    ws.send(JSON.stringify({ t: 'invoke', id: 8, channel: 'echo.say', args: { text: 5 } }));
    expect(await bad).toMatchObject({ envelope: { ok: false, error: { code: 'INVALID_ARGUMENT' } } });
    // Garbage and unknown message kinds are ignored, the socket stays usable.
    ws.send('not json');
    ws.send(JSON.stringify({ t: 'nope' }));
    ws.send(Buffer.from([1, 2, 3]));
    const again = nextMessage(ws, (m) => m.t === 'reply' && m.id === 9);
    ws.send(JSON.stringify({ t: 'invoke', id: 9, channel: 'echo.say', args: { text: 'still' } }));
    expect(await again).toMatchObject({ envelope: { ok: true, data: 'echo: still' } });
    ws.close();
  });

  test('localhost origin + host work too', async () => {
    const ws = openWs({ origin: `http://localhost:${server.port}`, host: `localhost:${server.port}` });
    expect(await upgradeStatus(ws)).toBe(101);
  });

  test('wrong token → 401 and no handler is called', async () => {
    const before = calls.length;
    expect(await upgradeStatus(openWs({ token: 'wrong-token-wrong-token-wrong-tok' }))).toBe(401);
    expect(await upgradeStatus(openWs({ token: TOKEN.slice(0, -1) }))).toBe(401);
    expect(calls.length).toBe(before);
  });

  test('missing token → 401; token without the Berth subprotocol → 401', async () => {
    expect(await upgradeStatus(openWs({ token: null }))).toBe(401);
    expect(await upgradeStatus(openWs({ protocols: [`${WS_TOKEN_PREFIX}${TOKEN}`] }))).toBe(401);
  });

  test('foreign Origin → 403', async () => {
    expect(await upgradeStatus(openWs({ origin: 'http://evil.example' }))).toBe(403);
    expect(await upgradeStatus(openWs({ origin: `http://evil.example:${server.port}` }))).toBe(403);
    expect(await upgradeStatus(openWs({ origin: `https://127.0.0.1:${server.port}` }))).toBe(403);
    expect(await upgradeStatus(openWs({ origin: 'null' }))).toBe(403);
  });

  test('missing Origin → 403', async () => {
    expect(await upgradeStatus(openWs({ origin: null }))).toBe(403);
  });

  test('foreign Host (DNS rebinding: Host: evil.example:PORT) → 403 even with the right token', async () => {
    expect(await upgradeStatus(openWs({ host: `evil.example:${server.port}` }))).toBe(403);
    expect(
      await upgradeStatus(
        openWs({ host: `evil.example:${server.port}`, origin: `http://evil.example:${server.port}` }),
      ),
    ).toBe(403);
  });

  test('a path other than /ws is not upgraded', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/other`, [WS_PROTOCOL, `${WS_TOKEN_PREFIX}${TOKEN}`], {
      origin: server.origin,
    });
    expect(await upgradeStatus(ws)).toBe(404);
  });

  test('closing the socket aborts the session streams', async () => {
    const ws = openWs();
    await new Promise<void>((resolve) => ws.once('open', () => resolve()));
    const firstFrame = nextMessage(ws, (m) => m.t === 'frame');
    const before = streamSignals.length;
    ws.send(JSON.stringify({ t: 'subscribe', sub: 's1', channel: 'ticks.forever', args: {} }));
    expect(await firstFrame).toEqual({ t: 'frame', sub: 's1', kind: 'data', payloads: [1] });
    ws.send(JSON.stringify({ t: 'ack', sub: 's1' }));
    await until(() => streamSignals.length === before + 1);
    const signal = streamSignals[before] as AbortSignal;
    expect(signal.aborted).toBe(false);
    ws.close();
    await until(() => signal.aborted);
  });

  test('unsubscribe over the socket aborts only that stream', async () => {
    const ws = openWs();
    await new Promise<void>((resolve) => ws.once('open', () => resolve()));
    const before = streamSignals.length;
    ws.send(JSON.stringify({ t: 'subscribe', sub: 'a', channel: 'ticks.forever', args: {} }));
    ws.send(JSON.stringify({ t: 'subscribe', sub: 'b', channel: 'ticks.forever', args: {} }));
    await until(() => streamSignals.length === before + 2);
    ws.send(JSON.stringify({ t: 'unsubscribe', sub: 'a' }));
    const [a, b] = streamSignals.slice(before) as [AbortSignal, AbortSignal];
    await until(() => a.aborted);
    expect(b.aborted).toBe(false);
    ws.close();
    await until(() => b.aborted);
  });
});

function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
}

/** Collects every message a socket receives. */
function collect(ws: WebSocket): ServerMessage[] {
  const out: ServerMessage[] = [];
  ws.on('message', (data: Buffer) => out.push(JSON.parse(String(data)) as ServerMessage));
  return out;
}

describe('limits per client', () => {
  test('257 subscriptions: the 257th gets a LIMIT_EXCEEDED error frame and starts nothing', async () => {
    const ws = openWs();
    await opened(ws);
    const got = collect(ws);
    const before = calls.filter((c) => c === 'ticks').length;
    for (let i = 0; i <= 256; i++)
      ws.send(JSON.stringify({ t: 'subscribe', sub: `s${i}`, channel: 'ticks.forever', args: {} }));
    await until(() => got.length >= 257);
    const errors = got.filter((m) => m.t === 'frame' && m.kind === 'error');
    expect(errors).toEqual([
      {
        t: 'frame',
        sub: 's256',
        kind: 'error',
        error: { code: 'LIMIT_EXCEEDED', message: expect.stringMatching(/256/) },
      },
    ]);
    expect(calls.filter((c) => c === 'ticks').length - before).toBe(256);
    // Closing one makes room for another.
    ws.send(JSON.stringify({ t: 'unsubscribe', sub: 's0' }));
    ws.send(JSON.stringify({ t: 'subscribe', sub: 'again', channel: 'ticks.forever', args: {} }));
    await until(() => got.some((m) => m.t === 'frame' && m.sub === 'again'));
    expect(got.find((m) => m.t === 'frame' && m.sub === 'again')).toMatchObject({ kind: 'data' });
    ws.close();
  });

  test('a subscription id over 128 characters is dropped unanswered; 128 is fine', async () => {
    const ws = openWs();
    await opened(ws);
    const got = collect(ws);
    const before = calls.length;
    ws.send(JSON.stringify({ t: 'subscribe', sub: 'x'.repeat(129), channel: 'ticks.forever', args: {} }));
    ws.send(JSON.stringify({ t: 'subscribe', sub: 'y'.repeat(1_000_000), channel: 'ticks.forever', args: {} }));
    ws.send(JSON.stringify({ t: 'subscribe', sub: 'z'.repeat(128), channel: 'ticks.forever', args: {} }));
    await until(() => got.length >= 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(got.map((m) => (m.t === 'frame' ? m.sub : ''))).toEqual(['z'.repeat(128)]);
    expect(calls.length - before).toBe(1);
    ws.close();
  });

  test('a maximal exec.write-sized frame fits; a bigger frame closes the socket (1009)', async () => {
    const ws = openWs();
    await opened(ws);
    // 1 MiB of quotes: each escapes to two bytes, the worst case for pasted text.
    const reply = nextMessage(ws, (m) => m.t === 'reply' && m.id === 1);
    const frame = JSON.stringify({ t: 'invoke', id: 1, channel: 'echo.length', args: { data: '"'.repeat(1_048_576) } });
    expect(frame.length).toBeGreaterThan(2 * 1024 * 1024);
    ws.send(frame);
    expect(await reply).toMatchObject({ envelope: { ok: true, data: 1_048_576 } });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(
      JSON.stringify({ t: 'invoke', id: 2, channel: 'echo.length', args: { data: 'a'.repeat(2.2 * 1024 * 1024) } }),
    );
    expect(await closed).toBe(1009);
  });

  test('over-deep JSON is refused before parsing: no reply, no handler; the socket stays usable', async () => {
    const ws = openWs();
    await opened(ws);
    const got = collect(ws);
    const before = calls.length;
    const deep = `${'['.repeat(65)}${']'.repeat(65)}`;
    ws.send(`{"t":"invoke","id":1,"channel":"echo.say","args":{"text":"deep","x":${deep}}}`);
    ws.send('['.repeat(1_000_000) + ']'.repeat(1_000_000));
    // Brackets inside strings do not count.
    ws.send(JSON.stringify({ t: 'invoke', id: 2, channel: 'echo.say', args: { text: '['.repeat(1000) } }));
    await until(() => got.length >= 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual([{ t: 'reply', id: 2, envelope: { ok: true, data: `echo: ${'['.repeat(1000)}` } }]);
    expect(calls.slice(before)).toEqual([`echo:${'['.repeat(1000)}`]);
    ws.close();
  });

  test('concurrent clients are capped: one more gets 503', async () => {
    const small = await startWebServer({
      dispatcher: createDispatcher(testContract, handlers, { log: () => undefined }),
      staticDir: root,
      port: 0,
      token: TOKEN,
      maxClients: 2,
    });
    const open = (): WebSocket =>
      new WebSocket(`ws://127.0.0.1:${small.port}/ws`, [WS_PROTOCOL, `${WS_TOKEN_PREFIX}${TOKEN}`], {
        origin: small.origin,
      });
    const a = open();
    const b = open();
    await Promise.all([opened(a), opened(b)]);
    expect(await upgradeStatus(open())).toBe(503);
    a.close();
    await until(() => small.stats().clients === 1);
    expect(await upgradeStatus(open())).toBe(101);
    b.close();
    await small.close();
  });

  test('a client that acks without reading is paused, then dropped; the stream stops and memory stays bounded', async () => {
    const hard = 16 * 1024 * 1024;
    const small = await startWebServer({
      dispatcher: createDispatcher(testContract, handlers, { log: () => undefined }),
      staticDir: root,
      port: 0,
      token: TOKEN,
      sendGuard: { high: 1024 * 1024, low: 256 * 1024, hard, stallMs: 1500 },
      log: (m) => logs.push(m),
    });
    const logs: string[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${small.port}/ws`, [WS_PROTOCOL, `${WS_TOKEN_PREFIX}${TOKEN}`], {
      origin: small.origin,
    });
    await opened(ws);
    ws.on('error', () => undefined);
    const before = streamSignals.length;
    ws.send(JSON.stringify({ t: 'subscribe', sub: 'f', channel: 'flood.fast', args: {} }));
    ws.pause(); // never reads again
    // ...but acks as if it did, 1000 a second.
    const acker = setInterval(() => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'ack', sub: 'f' }));
    }, 1);
    let maxBuffered = 0;
    const sampler = setInterval(() => (maxBuffered = Math.max(maxBuffered, small.stats().bufferedBytes)), 5);
    try {
      await until(() => streamSignals.length === before + 1);
      const signal = streamSignals[before] as AbortSignal;
      await until(() => small.stats().clients === 0, 10_000);
      expect(signal.aborted).toBe(true);
      expect(maxBuffered).toBeLessThan(hard);
      expect(logs.some((l) => /dropped WebSocket .*not reading/.test(l))).toBe(true);
    } finally {
      clearInterval(acker);
      clearInterval(sampler);
      ws.terminate();
      await small.close();
    }
  });
});

describe('failed handshakes', () => {
  test('are throttled per address (429, even with the right token) and their log lines are capped', async () => {
    const logs: string[] = [];
    const small = await startWebServer({
      dispatcher: createDispatcher(testContract, handlers, { log: () => undefined }),
      staticDir: root,
      port: 0,
      token: TOKEN,
      throttle: { burst: 3, perSecond: 0.01, logLines: 2, logWindowMs: 60_000 },
      log: (m) => logs.push(m),
    });
    const open = (token: string): WebSocket =>
      new WebSocket(`ws://127.0.0.1:${small.port}/ws`, [WS_PROTOCOL, `${WS_TOKEN_PREFIX}${token}`], {
        origin: small.origin,
      });
    const wrong = 'w'.repeat(TOKEN.length);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await upgradeStatus(open(wrong)));
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    expect(await upgradeStatus(open(TOKEN))).toBe(429);
    expect(logs.filter((l) => l.startsWith('rejected WebSocket'))).toHaveLength(2);
    expect(small.stats().handshakesRefused).toBe(7);
    await small.close();
  });
});

describe('TLS', () => {
  test('serves HTTPS and WSS; the accepted Origin is https://', async () => {
    const tls = makeSelfSigned(root);
    const secure = await startWebServer({
      dispatcher: createDispatcher(testContract, handlers, { log: () => undefined }),
      staticDir: join(root, 'static'),
      port: 0,
      token: TOKEN,
      tls: { cert: tls.cert, key: tls.key },
    });
    expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/#token=/);
    expect(secure.origin).toBe(`https://127.0.0.1:${secure.port}`);
    const open = (origin: string): WebSocket =>
      new WebSocket(`wss://127.0.0.1:${secure.port}/ws`, [WS_PROTOCOL, `${WS_TOKEN_PREFIX}${TOKEN}`], {
        origin,
        ca: tls.cert,
      });
    expect(await upgradeStatus(open(`http://127.0.0.1:${secure.port}`))).toBe(403);
    const ws = open(secure.origin);
    await opened(ws);
    const reply = nextMessage(ws, (m) => m.t === 'reply');
    ws.send(JSON.stringify({ t: 'invoke', id: 1, channel: 'echo.say', args: { text: 'tls' } }));
    expect(await reply).toMatchObject({ envelope: { ok: true, data: 'echo: tls' } });
    ws.close();
    await secure.close();
  });

  test('an invalid certificate or a key that does not match is a clear error', async () => {
    const a = makeSelfSigned(root, 'a');
    const b = makeSelfSigned(root, 'b');
    const dispatcher = createDispatcher(testContract, handlers);
    for (const pair of [
      { cert: 'not a pem', key: a.key },
      { cert: a.cert, key: b.key },
    ]) {
      await expect(startWebServer({ dispatcher, staticDir: root, port: 0, token: TOKEN, tls: pair })).rejects.toThrow(
        /TLS certificate or key cannot be used/,
      );
    }
  });
});
