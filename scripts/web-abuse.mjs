#!/usr/bin/env node
// Measures how the web-mode server (`dist/server/web.cjs`) holds up against an abusive client, for
// issue 9: failed-handshake floods, 100k subscriptions, 1 MB subscription ids, deep JSON frames.
// No engine is involved: DOCKER_HOST points at a socket that does not exist and the streams used
// (`engine.watch`) never call the engine.
//
//   node scripts/web-abuse.mjs [path/to/web.cjs]    (default dist/server/web.cjs; run `npm run build`)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';

const entry = resolve(process.argv[2] ?? 'dist/server/web.cjs');
const token = randomBytes(24).toString('hex');

function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function startServer(nodeArgs = []) {
  const proc = spawn(process.execPath, [...nodeArgs, entry, '--port', '0'], {
    env: {
      ...process.env,
      BERTH_TOKEN: token,
      DOCKER_HOST: `unix://${join(tmpdir(), 'berth-no-engine.sock')}`,
      NODE_PATH: join(process.cwd(), 'node_modules'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logLines = 0;
  proc.stderr.on('data', (d) => (logLines += String(d).split('\n').length - 1));
  const url = await new Promise((res, rej) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /Berth web UI: (\S+)/.exec(out);
      if (m) res(m[1]);
    });
    proc.once('exit', (c) => rej(new Error(`server exited ${c}`)));
  });
  const origin = new URL(url).origin;
  return {
    proc,
    origin,
    logLines: () => logLines,
    stop: () => new Promise((r) => (proc.exitCode !== null ? r() : (proc.once('exit', r), proc.kill('SIGKILL')))),
  };
}

function open(s, tok = token) {
  return new WebSocket(`${s.origin.replace(/^http/, 'ws')}/ws`, ['berth.v1', `token.${tok}`], { origin: s.origin });
}

function handshake(s, tok) {
  return new Promise((res) => {
    const ws = open(s, tok);
    ws.on('open', () => (ws.close(), res(101)));
    ws.on('unexpected-response', (_q, r) => (r.resume(), res(r.statusCode)));
    ws.on('error', (e) => res(Number(/(\d{3})/.exec(e.message)?.[1] ?? -1)));
  });
}

async function connected(s) {
  const ws = open(s);
  await new Promise((res, rej) => (ws.once('open', res), ws.once('error', rej)));
  return ws;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function handshakeFlood() {
  const s = await startServer();
  const statuses = new Map();
  const logsBefore = s.logLines();
  const end = Date.now() + 3000;
  const worker = async () => {
    while (Date.now() < end) {
      const st = await handshake(s, randomBytes(24).toString('hex'));
      statuses.set(st, (statuses.get(st) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await sleep(200);
  const refused = [...statuses].filter(([k]) => k !== 101).reduce((n, [, v]) => n + v, 0);
  console.log(
    `handshake flood (8 in flight, wrong tokens, 3 s): refused ${Math.round(refused / 3)}/s, ` +
      `token checks (401) ${Math.round((statuses.get(401) ?? 0) / 3)}/s, log lines ${Math.round((s.logLines() - logsBefore) / 3)}/s ` +
      `(${JSON.stringify(Object.fromEntries(statuses))})`,
  );
  await s.stop();
}

async function manySubs(count, idBytes, nodeArgs = []) {
  const s = await startServer(nodeArgs);
  let exited = '';
  s.proc.once('exit', (code, signal) => (exited = ` (server exited: ${signal ?? code})`));
  const ws = await connected(s);
  let frames = 0;
  const codes = new Map();
  ws.on('message', (d) => {
    frames++;
    const m = JSON.parse(String(d));
    if (m.kind === 'error') codes.set(m.error.code, (codes.get(m.error.code) ?? 0) + 1);
    if (m.kind === 'data') ws.send(JSON.stringify({ t: 'ack', sub: m.sub }));
  });
  let closed = '';
  ws.on('close', (c) => (closed = ` (socket closed ${c})`));
  await sleep(300);
  const before = rssMb(s.proc.pid);
  const pad = idBytes > 0 ? 'x'.repeat(idBytes) : '';
  for (let i = 0; i < count && ws.readyState === ws.OPEN; i++) {
    ws.send(JSON.stringify({ t: 'subscribe', sub: `${pad}s${i}`, channel: 'engine.watch', args: {} }));
    if (i % 1000 === 999) await sleep(1);
  }
  await sleep(3000);
  const after = exited ? NaN : rssMb(s.proc.pid);
  console.log(
    `${count} subscriptions${idBytes ? ` with ${idBytes / 1e6} MB ids` : ''}${nodeArgs.length ? ` (${nodeArgs.join(' ')})` : ''}: ` +
      `RSS ${before} → ${after} MB; frames back ${frames}, errors ${JSON.stringify(Object.fromEntries(codes))}${closed}${exited}`,
  );
  ws.terminate();
  await s.stop();
}

async function deepJson(frames, bytes) {
  const s = await startServer();
  const probe = await connected(s);
  const attacker = await connected(s);
  let closed = '';
  attacker.on('close', (c) => (closed = ` (attacker socket closed ${c})`));
  attacker.on('error', () => undefined);
  let worst = 0;
  let id = 0;
  let sentAt = 0;
  let running = true;
  probe.on('message', () => {
    worst = Math.max(worst, performance.now() - sentAt);
    if (running) setTimeout(ping, 5);
  });
  const ping = () => {
    sentAt = performance.now();
    probe.send(JSON.stringify({ t: 'invoke', id: ++id, channel: 'engine.status', args: {} }));
  };
  ping();
  await sleep(300);
  worst = 0;
  const half = Math.floor(bytes / 2);
  const frame = '['.repeat(half) + ']'.repeat(half);
  const started = performance.now();
  for (let i = 0; i < frames && attacker.readyState === attacker.OPEN; i++) attacker.send(frame);
  await sleep(2000);
  while (performance.now() - sentAt > 1000 && performance.now() - started < 30_000) await sleep(100);
  running = false;
  console.log(
    `${frames} deep JSON frames of ${bytes / 2 ** 20} MiB: worst invoke round trip meanwhile ${Math.round(worst)} ms${closed}`,
  );
  probe.terminate();
  attacker.terminate();
  await s.stop();
}

console.log(`measuring ${entry}`);
await handshakeFlood();
await manySubs(100_000, 0);
await manySubs(60_000, 0, ['--max-old-space-size=160']);
await manySubs(200, 1_000_000);
await deepJson(5, 16 * 2 ** 20);
await deepJson(5, 2 * 2 ** 20 - 1024);
