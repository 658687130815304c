import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import WebSocket from 'ws';
import type { Envelope } from '../../shared/errors';
import type { ClientMessage, ServerMessage, StreamFrame } from '../../shared/protocol';
import { WS_PROTOCOL, WS_TOKEN_PREFIX } from '../../shared/protocol';
import type { WebServerHandle } from '../types';
import { cliEnv } from './cli';

/**
 * Starts the real web-mode server (`node dist/server/web.cjs --port 0`) against the bench engine with
 * a fixed per-run BERTH_TOKEN, like test/helpers/web.ts does for e2e tests.
 */
export async function startWebServer(dockerHost: string, log: (m: string) => void): Promise<WebServerHandle> {
  const dist = join(process.cwd(), 'dist');
  for (const need of [join(dist, 'server', 'web.cjs'), join(dist, 'renderer', 'index.html')]) {
    if (!existsSync(need)) throw new Error(`${need} is missing: run "npm run build" first (npm run bench does)`);
  }
  // Serve a snapshot of the build, so a rebuild of dist/ during the run cannot change or break what
  // is measured. web.cjs serves ../renderer relative to itself; node_modules come from NODE_PATH.
  const snapshot = await mkdtemp(join(tmpdir(), 'berth-bench-dist-'));
  await cp(join(dist, 'server'), join(snapshot, 'server'), { recursive: true });
  await cp(join(dist, 'renderer'), join(snapshot, 'renderer'), { recursive: true });
  const entry = join(snapshot, 'server', 'web.cjs');
  const token = randomBytes(16).toString('hex');
  const nodePath = [join(process.cwd(), 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(delimiter);
  const proc = spawn(process.execPath, [entry, '--port', '0'], {
    // Its own settings folder (inside the snapshot, removed with it): an engine switch during a
    // measure must not write the user's ~/.config/berth.
    env: { ...cliEnv(dockerHost), BERTH_TOKEN: token, NODE_PATH: nodePath, BERTH_CONFIG_DIR: join(snapshot, 'config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const removeSnapshot = (): Promise<void> => rm(snapshot, { recursive: true, force: true });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve())).then(removeSnapshot);
  let err = '';
  proc.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    if (err.length > 100_000) err = err.slice(-50_000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`web server did not start in 15 s: ${err}`));
    }, 15_000);
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Berth web UI: (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web server exited with ${code}: ${err}`));
    });
  });
  log(`web server at ${new URL(url).origin} (pid ${proc.pid}), serving a snapshot of dist/ in ${snapshot}`);
  return {
    url,
    origin: new URL(url).origin,
    token,
    pid: proc.pid ?? 0,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        const kill = setTimeout(() => proc.kill('SIGKILL'), 5000);
        proc.kill('SIGTERM');
        await exited;
        clearTimeout(kill);
      }
      await exited;
    },
  };
}

/** A minimal Node client for the web-mode wire protocol, used for API-level timings. */
export interface WireClient {
  invoke(channel: string, args: unknown): Promise<Envelope<unknown>>;
  /**
   * Subscribes to a stream channel and resolves with every payload once it ends (acking each batch as
   * it arrives); rejects with the stream's error. `onPayload` sees payloads as they come.
   */
  stream(channel: string, args: unknown, onPayload?: (payload: unknown) => void): Promise<unknown[]>;
  close(): void;
}

type StreamListener = (frame: StreamFrame) => void;

export function connectWire(web: WebServerHandle): Promise<WireClient> {
  const wsUrl = `${web.origin.replace(/^http/, 'ws')}/ws`;
  const ws = new WebSocket(wsUrl, [WS_PROTOCOL, `${WS_TOKEN_PREFIX}${web.token}`], { origin: web.origin });
  let nextId = 1;
  const pending = new Map<number, (msg: Extract<ServerMessage, { t: 'reply' }>) => void>();
  const streams = new Map<string, StreamListener>();
  const send = (msg: ClientMessage): void => ws.send(JSON.stringify(msg));
  ws.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString('utf8')) as ServerMessage;
    if (msg.t === 'reply') {
      pending.get(msg.id)?.(msg);
      pending.delete(msg.id);
    } else streams.get(msg.sub)?.(msg);
  });
  const stream = (channel: string, args: unknown, onPayload?: (payload: unknown) => void): Promise<unknown[]> =>
    new Promise((resolve, reject) => {
      const sub = `bench-${nextId++}`;
      const all: unknown[] = [];
      streams.set(sub, (frame) => {
        if (frame.kind === 'data') {
          for (const p of frame.payloads) {
            all.push(p);
            onPayload?.(p);
          }
          send({ t: 'ack', sub });
          return;
        }
        streams.delete(sub);
        if (frame.kind === 'end') resolve(all);
        else reject(new Error(`${channel} failed: ${frame.error.code}: ${frame.error.message}`));
      });
      send({ t: 'subscribe', sub, channel, args });
    });
  return new Promise<WireClient>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        invoke: (channel, args) =>
          new Promise((res) => {
            const id = nextId++;
            pending.set(id, (m) => res(m.envelope));
            send({ t: 'invoke', id, channel, args });
          }),
        stream,
        close: () => ws.close(),
      }),
    );
  });
}
