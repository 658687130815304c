import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { contract } from '../../../shared/contract';
import { WS_PROTOCOL, WS_TOKEN_PREFIX } from '../../../shared/protocol';
import { Engine } from '../../../electron/engine/engine';
import { createHandlers } from '../../../electron/handlers';
import { createDispatcher } from '../../../electron/ipc/dispatcher';
import { SEND_BUFFER_HARD, SEND_STALL_MS } from '../../../electron/ipc/limits';
import { startWebServer, type RunningWebServer } from '../../../electron/ipc/web-server';
import {
  TEST_IMAGE,
  createTracker,
  docker,
  engineSocketPath,
  requireEngine,
  uniqueName,
  waitFor,
} from '../../helpers/engine';
import { startSocketProxy, type SocketProxy } from '../../helpers/proxy';

/**
 * Issue 9 item 4: a web client that acks stream frames without reading them must not grow the
 * server's memory. The real web server and handlers, the real engine (through the recording socket
 * proxy), a container printing as fast as it can, and a raw `ws` client that pauses its socket.
 */
const tracker = createTracker();
const TOKEN = 'slow-client-token-0123456789abcdef';
let root: string;
let proxy: SocketProxy;
let engine: Engine;
let server: RunningWebServer;
const logs: string[] = [];

beforeAll(async () => {
  requireEngine();
  root = mkdtempSync(join(tmpdir(), 'berth-slow-'));
  mkdirSync(join(root, 'static'));
  writeFileSync(join(root, 'static', 'index.html'), '<!doctype html>');
  proxy = await startSocketProxy(engineSocketPath());
  engine = new Engine({ setting: proxy.url, log: () => undefined });
  server = await startWebServer({
    dispatcher: createDispatcher(contract, createHandlers(engine), { log: () => undefined }),
    staticDir: join(root, 'static'),
    port: 0,
    token: TOKEN,
    log: (m) => logs.push(m),
  });
});

afterAll(async () => {
  await server?.close();
  engine?.stop();
  await proxy?.close();
  await tracker.cleanup();
  rmSync(root, { recursive: true, force: true });
});

describe('web mode: a client that acks without reading', () => {
  test('is paused, then dropped; the engine log stream stops; memory stays bounded', { timeout: 90_000 }, async () => {
    const name = tracker.container(uniqueName('flood'));
    await docker(['run', '-d', '--name', name, TEST_IMAGE, 'sh', '-c', 'yes "berth flood line 0123456789"']);

    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, [WS_PROTOCOL, `${WS_TOKEN_PREFIX}${TOKEN}`], {
      origin: server.origin,
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.on('error', () => undefined);
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const connectionsBefore = proxy.active;
    ws.send(JSON.stringify({ t: 'subscribe', sub: 'flood', channel: 'containers.logs', args: { id: name, tail: 0 } }));
    // Read the first frames, then stop reading for good (the socket is paused) while acking blindly.
    await new Promise<void>((resolve) => ws.once('message', () => resolve()));
    ws.pause();
    const acker = setInterval(() => {
      if (ws.readyState === ws.OPEN) for (let i = 0; i < 10; i++) ws.send('{"t":"ack","sub":"flood"}');
    }, 1);
    let maxBuffered = 0;
    let maxRss = rssBefore;
    const sampler = setInterval(() => {
      maxBuffered = Math.max(maxBuffered, server.stats().bufferedBytes);
      maxRss = Math.max(maxRss, process.memoryUsage().rss);
    }, 10);
    const started = Date.now();
    try {
      await waitFor(() => proxy.active > connectionsBefore, { message: 'the logs stream reached the engine' });
      await waitFor(() => server.stats().clients === 0, {
        timeoutMs: SEND_STALL_MS + 20_000,
        message: 'the client was dropped',
      });
      // The engine stream is closed with the session: no connection left through the proxy for it.
      await waitFor(() => proxy.active <= connectionsBefore, { timeoutMs: 5000, message: 'engine stream closed' });
      expect(maxBuffered).toBeLessThan(SEND_BUFFER_HARD);
      expect(maxRss - rssBefore).toBeLessThan(150 * 2 ** 20);
      expect(logs.some((l) => /dropped WebSocket .*not reading/.test(l))).toBe(true);
    } finally {
      console.log(
        `[slow-client] after ${Date.now() - started} ms: clients ${server.stats().clients}; largest send queue ` +
          `${(maxBuffered / 2 ** 20).toFixed(1)} MiB; RSS ${(rssBefore / 2 ** 20).toFixed(0)} → peak ${(maxRss / 2 ** 20).toFixed(0)} MiB`,
      );
      clearInterval(acker);
      clearInterval(sampler);
      ws.terminate();
    }
  });
});
