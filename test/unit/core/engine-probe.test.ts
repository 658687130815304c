/**
 * The engine probe is timed out by a timer (AbortSignal), not dockerode's socket `timeout` (which
 * crashed ssh:// engines): an endpoint that accepts and never answers is reported, not waited on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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
