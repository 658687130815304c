import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { makeSelfSigned } from '../../helpers/tls';

/**
 * The real web-mode CLI (`node dist/server/web.cjs`, built by `npm run build`). It is pointed at a
 * socket that does not exist so these tests never talk to any engine; the server still starts.
 */
const ENTRY = join(process.cwd(), 'dist', 'server', 'web.cjs');
const built = existsSync(ENTRY);
if (!built) console.warn(`[web-cli.test] ${ENTRY} is missing: run "npm run build" first; skipping the CLI tests.`);

const scratch = mkdtempSync(join(tmpdir(), 'berth-cli-'));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(args: string[], extraEnv: Record<string, string> = {}): Run {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DOCKER_HOST: `unix://${join(scratch, 'no-engine.sock')}`,
    ...extraEnv,
  };
  if (!('BERTH_TOKEN' in extraEnv)) delete env.BERTH_TOKEN;
  delete env.DOCKER_CONTEXT;
  const proc = spawn(process.execPath, [ENTRY, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  let out = '';
  let err = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, stdout: () => out, stderr: () => err, exited };
}

async function until(cond: () => boolean, what: () => string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function stop(r: Run): Promise<void> {
  if (r.proc.exitCode !== null) return;
  r.proc.kill('SIGTERM');
  const timer = setTimeout(() => r.proc.kill('SIGKILL'), 3000);
  await r.exited;
  clearTimeout(timer);
}

const URL_LINE = /^Berth web UI: http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+)$/;

describe.skipIf(!built)('web CLI (dist/server/web.cjs)', { timeout: 30_000 }, () => {
  test('--port 0 prints exactly one line with the URL and a random token, and serves the UI', async () => {
    const r = run(['--port', '0']);
    await until(
      () => r.stdout().includes('\n'),
      () => `stdout=${r.stdout()} stderr=${r.stderr()}`,
    );
    await new Promise((res) => setTimeout(res, 300)); // anything else printed would show up by now
    const lines = r.stdout().split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const m = URL_LINE.exec(lines[0] ?? '');
    expect(m, lines[0]).not.toBeNull();
    const [, port, token] = m as RegExpExecArray;
    expect(Number(port)).toBeGreaterThan(0);
    expect(token?.length).toBeGreaterThanOrEqual(32);
    expect(r.stderr()).not.toMatch(/WARNING/);
    const status = await new Promise<number>((resolve, reject) =>
      get({ host: '127.0.0.1', port: Number(port), path: '/' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject),
    );
    expect(status).toBe(200);
    // Two runs get different tokens.
    const r2 = run(['--port', '0']);
    await until(
      () => r2.stdout().includes('\n'),
      () => r2.stderr(),
    );
    expect(URL_LINE.exec(r2.stdout().trim())?.[2]).not.toBe(token);
    await Promise.all([stop(r), stop(r2)]);
    expect(await r.exited).toBe(0); // SIGTERM shuts down cleanly
  });

  test('BERTH_TOKEN is used when set', async () => {
    const token = 'fixed_token-For-Tests-0123456789';
    const r = run(['--port', '0'], { BERTH_TOKEN: token });
    await until(
      () => r.stdout().includes('\n'),
      () => r.stderr(),
    );
    expect(r.stdout().trim()).toMatch(new RegExp(`^Berth web UI: http://127\\.0\\.0\\.1:\\d+/#token=${token}$`));
    await stop(r);
  });

  test('a BERTH_TOKEN with bad characters is refused with a message', async () => {
    const r = run(['--port', '0'], { BERTH_TOKEN: 'bad token with spaces and ; semicolons' });
    const code = await r.exited;
    expect(code).not.toBe(0);
    expect(r.stderr()).toMatch(/BERTH_TOKEN must be/);
    expect(r.stdout()).toBe('');
  });

  test('a BERTH_TOKEN shorter than 32 characters is refused with a message', async () => {
    const r = run(['--port', '0'], { BERTH_TOKEN: 'a'.repeat(31) });
    expect(await r.exited).not.toBe(0);
    expect(r.stderr()).toMatch(/BERTH_TOKEN must be 32–256 characters/);
    expect(r.stdout()).toBe('');
  });

  test('--host 0.0.0.0 without TLS is refused: the token would travel in clear', async () => {
    const r = run(['--port', '0', '--host', '0.0.0.0']);
    expect(await r.exited).toBe(2);
    expect(r.stderr()).toMatch(/Refusing to bind 0\.0\.0\.0 without TLS.*unencrypted.*--insecure/);
    expect(r.stdout()).toBe('');
  });

  test('a name that merely starts with 127. is not loopback', async () => {
    const r = run(['--port', '0', '--host', '127.evil.example']);
    expect(await r.exited).toBe(2);
    expect(r.stderr()).toMatch(/Refusing to bind 127\.evil\.example without TLS/);
  });

  test('--host 0.0.0.0 --insecure prints a WARNING that the traffic is unencrypted (killed right away)', async () => {
    const r = run(['--port', '0', '--host', '0.0.0.0', '--insecure']);
    await until(
      () => r.stderr().includes('WARNING') || r.stdout().includes('Berth web UI'),
      () => r.stderr(),
    );
    r.proc.kill('SIGKILL');
    await r.exited;
    const warning = r
      .stderr()
      .split('\n')
      .find((l) => l.startsWith('WARNING'));
    expect(warning).toMatch(/^WARNING: binding to 0\.0\.0\.0 .*reachable from the network.*UNENCRYPTED/);
  });

  test('--tls-cert without --tls-key (and the reverse) is refused', async () => {
    const { certPath, keyPath } = makeSelfSigned(scratch, 'half');
    for (const args of [
      ['--tls-cert', certPath],
      ['--tls-key', keyPath],
    ]) {
      const r = run(['--port', '0', ...args]);
      expect(await r.exited).toBe(2);
      expect(r.stderr()).toMatch(/--tls-cert and --tls-key go together/);
    }
  });

  test('an unreadable or invalid PEM is a clear error', async () => {
    const { certPath, keyPath } = makeSelfSigned(scratch, 'bad');
    const missing = run(['--port', '0', '--tls-cert', join(scratch, 'nope.pem'), '--tls-key', keyPath]);
    expect(await missing.exited).toBe(2);
    expect(missing.stderr()).toMatch(/Cannot read --tls-cert .*nope\.pem/);
    const notPem = join(scratch, 'not.pem');
    writeFileSync(notPem, 'hello');
    const plain = run(['--port', '0', '--tls-cert', certPath, '--tls-key', notPem]);
    expect(await plain.exited).toBe(2);
    expect(plain.stderr()).toMatch(/--tls-key .*not\.pem is not a PEM file/);
    const broken = join(scratch, 'broken.pem');
    writeFileSync(broken, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    const bad = run(['--port', '0', '--tls-cert', broken, '--tls-key', keyPath]);
    expect(await bad.exited).not.toBe(0);
    expect(bad.stderr()).toMatch(/TLS certificate or key cannot be used/);
    // A key that is not the certificate's own.
    const other = makeSelfSigned(scratch, 'other');
    const mismatch = run(['--port', '0', '--tls-cert', certPath, '--tls-key', other.keyPath]);
    expect(await mismatch.exited).not.toBe(0);
    expect(mismatch.stderr()).toMatch(/TLS certificate or key cannot be used/);
  });

  test('--tls-cert/--tls-key serve HTTPS on an https:// URL', async () => {
    const tls = makeSelfSigned(scratch, 'ok');
    const r = run(['--port', '0', '--tls-cert', tls.certPath, '--tls-key', tls.keyPath]);
    await until(
      () => r.stdout().includes('\n'),
      () => r.stderr(),
    );
    const m = /^Berth web UI: https:\/\/127\.0\.0\.1:(\d+)\/#token=[A-Za-z0-9_-]+$/.exec(r.stdout().trim());
    expect(m, r.stdout()).not.toBeNull();
    const status = await new Promise<number>((resolve, reject) => {
      httpsGet({ host: '127.0.0.1', port: Number(m?.[1]), path: '/', ca: tls.cert }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(status).toBe(200);
    await stop(r);
  });

  test.each([['abc'], ['-1'], ['70000'], ['1.5'], [''], ['0x50']])(
    '--port=%s exits non-zero with a message',
    async (port) => {
      const r = run([`--port=${port}`]);
      const code = await r.exited;
      expect(code).not.toBe(0);
      expect(r.stderr()).toContain(`Invalid --port "${port}"`);
      expect(r.stdout()).toBe('');
    },
  );

  test('an unknown option exits non-zero with a message', async () => {
    const r = run(['--frobnicate']);
    const code = await r.exited;
    expect(code).not.toBe(0);
    expect(r.stderr()).toMatch(/frobnicate/);
  });
});
