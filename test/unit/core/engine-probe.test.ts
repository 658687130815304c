/**
 * The engine probe is timed out by a timer (AbortSignal), not dockerode's socket `timeout` (which
 * crashed ssh:// engines): an endpoint that accepts and never answers is reported, not waited on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { defaultConnectionEnv } from '../../../electron/engine/connection';
import { Engine } from '../../../electron/engine/engine';

const dir = mkdtempSync(join(tmpdir(), 'berth-silent-'));
const path = join(dir, 'silent.sock');
const held = new Set<Socket>();
const server = createServer((s) => {
  held.add(s); // accept, read, never answer
  s.resume();
});

beforeAll(() => new Promise<void>((resolve) => server.listen(path, resolve)));
afterAll(async () => {
  for (const s of held) s.destroy();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

test('a silent engine is reported after pingTimeoutMs', async () => {
  const engine = new Engine({ connectionEnv: defaultConnectionEnv(`unix://${path}`), pingTimeoutMs: 300 });
  const t0 = Date.now();
  await expect(engine.docker()).rejects.toThrow(/Cannot reach the container engine/);
  expect(Date.now() - t0).toBeLessThan(3000);
  expect(engine.status).toMatchObject({ state: 'unreachable' });
  expect(engine.status.tried[0]?.error).toBe('No answer within 0.3 s');
  await engine.stop();
});

test('a stopped engine dials nothing until it is started again', async () => {
  const sock = join(dir, 'answering.sock');
  let requests = 0;
  const answering = createHttpServer((req, res) => {
    requests++;
    res.setHeader('Content-Type', 'application/json');
    res.end(req.url?.endsWith('/version') ? JSON.stringify({ Version: '99.0', ApiVersion: '1.45' }) : 'OK');
  });
  await new Promise<void>((resolve) => answering.listen(sock, resolve));
  const engine = new Engine({ connectionEnv: defaultConnectionEnv(`unix://${sock}`), pingTimeoutMs: 2000 });
  try {
    await engine.docker();
    expect(engine.status.state).toBe('connected');
    await engine.stop();
    const before = requests;
    // A request still running at stop (a terminal's resize retry) must not bring the engine back.
    await expect(engine.docker()).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(engine.reconnect()).resolves.toMatchObject({ state: 'connected' });
    expect(requests).toBe(before);
    engine.start();
    await engine.docker();
    expect(requests).toBeGreaterThan(before);
  } finally {
    await engine.stop();
    answering.closeAllConnections();
    await new Promise((r) => answering.close(r));
  }
});
