import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClientMessage, ServerMessage } from '../../shared/protocol';
import { WS_PROTOCOL, WS_TOKEN_PREFIX } from '../../shared/protocol';
import type { Dispatcher } from './dispatcher';
import { CONTENT_SECURITY_POLICY, mimeType } from '../app/static-files';
import { MAX_CHANNEL_LENGTH, MAX_SUB_LENGTH } from '../app/ipc-channels';
import { HandshakeThrottle, type HandshakeThrottleOptions } from './handshake-throttle';
import { jsonTooDeep } from './json-depth';
import { MAX_CLIENT_MESSAGE_BYTES, MAX_JSON_DEPTH, MAX_WEB_CLIENTS, MIN_TOKEN_LENGTH } from './limits';
import { isLoopback, isWildcard } from './net-address';
import { SendGuard, type SendGuardOptions } from './send-guard';

/**
 * Web mode: the built renderer and the contract over one WebSocket. Loopback by default; the token
 * travels in the URL fragment (never sent to the server in requests) and then as a WebSocket
 * subprotocol, compared in constant time; Host and Origin must match the served origin so a page on
 * another site (or a DNS-rebound name) gets no engine access. Off loopback it needs TLS (or an
 * explicit `insecure`), and every client is held to limits (electron/ipc/limits.ts).
 */

export interface TlsFiles {
  /** PEM certificate (chain) and private key. */
  cert: string | Buffer;
  key: string | Buffer;
}

export interface WebServerOptions {
  dispatcher: Dispatcher;
  staticDir: string;
  host?: string;
  port?: number;
  token?: string;
  log?: (msg: string) => void;
  /** HTTPS + WSS with this certificate; required off loopback unless `insecure`. */
  tls?: TlsFiles;
  /** Allow a non-loopback bind without TLS (the token then crosses the network in clear). */
  insecure?: boolean;
  /** Max size of one client message (bytes). */
  maxPayload?: number;
  /** Authenticated connections at once. */
  maxClients?: number;
  /** Failed-handshake throttle and its log budget. */
  throttle?: Omit<HandshakeThrottleOptions, 'log'>;
  /** Slow-reader limits for each connection's send queue. */
  sendGuard?: Omit<SendGuardOptions, 'onDrop'>;
  /** Called when the app shell (index.html) is served to an allowed Host, e.g. to start loading data early. */
  onAppShell?: () => void;
}

export interface RunningWebServer {
  url: string;
  origin: string;
  token: string;
  port: number;
  host: string;
  server: Server;
  /** Live figures for tests and measurements. */
  stats(): { clients: number; bufferedBytes: number; handshakesRefused: number };
  close(): Promise<void>;
}

export { CONTENT_SECURITY_POLICY, isLoopback, isWildcard };

export function tokensEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  // Compare equal-length buffers so timing does not reveal the token; the length check leaks only the length.
  if (ab.length !== bb.length) {
    timingSafeEqual(bb, bb);
    return false;
  }
  return timingSafeEqual(ab, bb);
}

/** The Host header values we accept: exactly the served host:port (plus the loopback aliases). */
export function allowedHosts(host: string, port: number): Set<string> {
  const set = new Set<string>();
  const add = (h: string): void => {
    set.add(`${h}:${port}`);
  };
  if (host.includes(':') && !host.startsWith('[')) add(`[${host}]`);
  else add(host);
  if (isLoopback(host) || isWildcard(host)) {
    add('127.0.0.1');
    add('localhost');
    add('[::1]');
  }
  if (isWildcard(host)) {
    // Bound to every interface: accept this machine's own names and addresses, nothing else.
    add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) add(a.family === 'IPv6' ? `[${a.address.toLowerCase()}]` : a.address);
    }
  }
  return set;
}

export function tokenFromProtocols(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const parts = header.split(',').map((p) => p.trim());
  if (!parts.includes(WS_PROTOCOL)) return undefined;
  const tok = parts.find((p) => p.startsWith(WS_TOKEN_PREFIX));
  return tok?.slice(WS_TOKEN_PREFIX.length);
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

export async function startWebServer(opts: WebServerOptions): Promise<RunningWebServer> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? randomBytes(24).toString('hex');
  if (!new RegExp(`^[A-Za-z0-9_-]{${MIN_TOKEN_LENGTH},256}$`).test(token)) {
    throw new Error(
      `BERTH_TOKEN must be ${MIN_TOKEN_LENGTH}–256 characters of letters, digits, "-" or "_" ` +
        '(e.g. the output of `openssl rand -hex 24`).',
    );
  }
  if (!opts.tls && !isLoopback(host) && !opts.insecure) {
    throw new Error(
      `Refusing to serve ${host} without TLS: the token and all traffic would cross the network unencrypted. ` +
        'Give --tls-cert and --tls-key, or --insecure to accept that.',
    );
  }
  const scheme = opts.tls ? 'https' : 'http';
  const log = opts.log ?? (() => undefined);
  const maxClients = opts.maxClients ?? MAX_WEB_CLIENTS;
  const throttle = new HandshakeThrottle({ ...opts.throttle, log });
  const staticRoot = resolve(opts.staticDir);
  let hosts = new Set<string>();
  let origins = new Set<string>();

  const hostOk = (req: IncomingMessage): boolean => hosts.has(String(req.headers.host ?? '').toLowerCase());

  async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    securityHeaders(res);
    if (!hostOk(req)) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (pathname.includes('\0')) {
      res.writeHead(400).end();
      return;
    }
    const rel = normalize(pathname === '/' ? '/index.html' : pathname);
    const file = join(staticRoot, rel);
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) {
      res.writeHead(403).end();
      return;
    }
    let target = file;
    try {
      const st = await fs.stat(target);
      if (!st.isFile()) throw new Error('not a file');
    } catch {
      // Client-side routes fall back to the app shell; missing assets are 404s.
      if (extname(rel)) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
      target = join(staticRoot, 'index.html');
    }
    if (req.method === 'GET' && target === join(staticRoot, 'index.html')) opts.onAppShell?.();
    const type = mimeType(target);
    const cache = target.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': cache });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(target)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    serveStatic(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
  let server: Server;
  if (opts.tls) {
    try {
      server = createHttpsServer({ cert: opts.tls.cert, key: opts.tls.key }, onRequest);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new Error(
        `The TLS certificate or key cannot be used (${why}). Both must be PEM files that belong together.`,
      );
    }
  } else {
    server = createServer(onRequest);
  }

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: opts.maxPayload ?? MAX_CLIENT_MESSAGE_BYTES,
    // One message per event-loop turn: a client pouring frames in cannot hold the loop for a whole
    // socket read's worth of them (libuv reads up to ~2 MB at once) while other clients wait.
    allowSynchronousEvents: false,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });

  server.on('upgrade', (req, socket, head) => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const respond = (status: number, text: string): void => {
      socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    const reject = (status: number, text: string): void => {
      throttle.failed(address, text);
      respond(status, text);
    };
    // An address that used up its failures learns nothing more, not even whether its token was right.
    if (!throttle.allows(address)) {
      throttle.throttled();
      return respond(429, 'Too Many Requests');
    }
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/ws') return reject(404, 'Not Found');
    if (!hostOk(req)) return reject(403, 'Forbidden host');
    const origin = String(req.headers.origin ?? '');
    if (!origins.has(origin.toLowerCase())) return reject(403, 'Forbidden origin');
    const presented = tokenFromProtocols(req.headers['sec-websocket-protocol'] as string | undefined);
    if (!presented || !tokensEqual(presented, token)) return reject(401, 'Unauthorized');
    if (wss.clients.size >= maxClients) {
      log(`refused WebSocket from ${address}: ${maxClients} clients already connected`);
      return respond(503, 'Too many connections');
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  let nextSender = 0;
  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const sender = `ws-${++nextSender}`;
    const address = req.socket.remoteAddress ?? 'unknown';
    const guard = new SendGuard(ws, (sub) => session.ack(sub), {
      ...opts.sendGuard,
      onDrop: (reason) => log(`dropped WebSocket ${sender} from ${address}: ${reason}`),
    });
    const send = (msg: ServerMessage): void => {
      if (ws.readyState !== ws.OPEN) return;
      ws.send(JSON.stringify(msg));
      guard.afterSend();
    };
    const session = opts.dispatcher.open(sender, (frame) => send({ t: 'frame', ...frame }));
    const subOk = (sub: unknown): sub is string =>
      typeof sub === 'string' && sub.length > 0 && sub.length <= MAX_SUB_LENGTH;
    const channelOk = (channel: unknown): channel is string =>
      typeof channel === 'string' && channel.length <= MAX_CHANNEL_LENGTH;
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = String(data);
      // Nesting is checked before parsing: a deep frame is refused after one cheap pass.
      if (jsonTooDeep(text, MAX_JSON_DEPTH)) return;
      let msg: ClientMessage;
      try {
        msg = JSON.parse(text) as ClientMessage;
      } catch {
        return;
      }
      if (!msg || typeof msg !== 'object') return;
      switch (msg.t) {
        case 'invoke': {
          const { id, channel } = msg;
          if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof channel !== 'string') return;
          // An over-long channel name is answered like an unknown one, without being stored or echoed.
          void session
            .invoke(channelOk(channel) ? channel : '', msg.args)
            .then((envelope) => send({ t: 'reply', id, envelope }));
          return;
        }
        case 'subscribe':
          // Over-long ids are dropped unanswered: echoing a megabyte id back is what they are after.
          if (!subOk(msg.sub) || typeof msg.channel !== 'string') return;
          session.subscribe(msg.sub, channelOk(msg.channel) ? msg.channel : '', msg.args);
          return;
        case 'unsubscribe':
          if (subOk(msg.sub)) session.unsubscribe(msg.sub);
          return;
        case 'ack':
          if (subOk(msg.sub)) guard.ack(msg.sub);
          return;
        default:
          return;
      }
    });
    const closeSession = (): void => {
      guard.dispose();
      session.close();
    };
    ws.on('close', closeSession);
    ws.on('error', closeSession);
  });

  await new Promise<void>((resolvePromise, rejectPromise) => {
    server.once('error', rejectPromise);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', rejectPromise);
      resolvePromise();
    });
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host.toLowerCase(), port);
  origins = new Set([...hosts].map((h) => `${scheme}://${h}`));
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const origin = `${scheme}://${urlHost}:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    host,
    server,
    stats: () => {
      let bufferedBytes = 0;
      for (const client of wss.clients) bufferedBytes += client.bufferedAmount;
      return { clients: wss.clients.size, bufferedBytes, handshakesRefused: throttle.refused };
    },
    close: () =>
      new Promise<void>((res) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => res());
        server.closeAllConnections?.();
      }),
  };
}
