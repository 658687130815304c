/**
 * Engine.cliHost: the DOCKER_HOST a CLI (compose) gets is the endpoint Berth connected to, written
 * the way the docker CLI and docker-compose read it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { defaultConnectionEnv } from '../../../electron/engine/connection';
import { Engine } from '../../../electron/engine/engine';

const dir = mkdtempSync(join(tmpdir(), 'berth-clihost-'));
const path = join(dir, 'engine.sock');
/** Answers /version like an engine; nothing else is asked. */
const server = createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ Version: '99.0', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64' }));
});

beforeAll(() => new Promise<void>((resolve) => server.listen(path, resolve)));
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

test('a unix socket given as a bare path or a unix:// URL is passed as unix://', async () => {
  for (const setting of [path, `unix://${path}`]) {
    const engine = new Engine({ connectionEnv: defaultConnectionEnv(setting), pingTimeoutMs: 2000 });
    expect(await engine.cliHost()).toBe(`unix://${path}`);
    await engine.stop();
  }
});

test('no engine: ENGINE_UNREACHABLE, nothing to point a CLI at', async () => {
  const engine = new Engine({
    connectionEnv: defaultConnectionEnv(`unix://${join(dir, 'none.sock')}`),
    pingTimeoutMs: 300,
  });
  await expect(engine.cliHost()).rejects.toMatchObject({ code: 'ENGINE_UNREACHABLE' });
  await engine.stop();
});
