import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TransferFrame } from '../../../shared/contracts/registry';
import {
  createTracker,
  docker,
  dockerJson,
  requireEngine,
  TEST_IMAGE,
  uniqueName,
  waitFor,
} from '../../helpers/engine';
import { requireRegistries, tempDockerConfig, type TestRegistries } from '../../helpers/registry';
import { createStack, type Stack } from '../handlers/harness';

/**
 * Pull, push, tag, history and login through the real handlers on the private engine, against
 * Debian's docker-registry on loopback (open :5000 and htpasswd :5001), with a temp DOCKER_CONFIG.
 */

const tracker = createTracker();
let stack: Stack;
let reg: TestRegistries;
let config: ReturnType<typeof tempDockerConfig>;
const savedDockerConfig = process.env.DOCKER_CONFIG;

beforeAll(() => {
  requireEngine();
  reg = requireRegistries();
  config = tempDockerConfig();
  process.env.DOCKER_CONFIG = config.dir;
  stack = createStack();
});

afterAll(async () => {
  stack?.close();
  await tracker.cleanup();
  if (savedDockerConfig === undefined) delete process.env.DOCKER_CONFIG;
  else process.env.DOCKER_CONFIG = savedDockerConfig;
  config?.remove();
});

async function imageExists(ref: string): Promise<boolean> {
  return (await docker(['image', 'inspect', ref], { allowFail: true })).code === 0;
}

/** Runs a pull/push stream to its end: the `done` frame, or the stream's error. */
async function run(
  channel: 'images.pull' | 'images.push',
  ref: string,
): Promise<{ frames: TransferFrame[]; done: Extract<TransferFrame, { kind: 'done' }> }> {
  const sub = stack.subscribe(channel, { ref });
  try {
    const done = (await sub.waitFor((p) => p.kind === 'done', { timeoutMs: 60_000 })) as Extract<
      TransferFrame,
      { kind: 'done' }
    >;
    return { frames: sub.payloads, done };
  } finally {
    sub.unsubscribe();
  }
}

/** The error frame of a stream that is expected to fail. */
async function runError(
  channel: 'images.pull' | 'images.push',
  ref: string,
): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  const sub = stack.subscribe(channel, { ref });
  try {
    await waitFor(() => sub.frames.some((f) => f.kind !== 'data'), { timeoutMs: 60_000, message: `${channel} ended` });
    const end = sub.frames.find((f) => f.kind !== 'data');
    if (!end || end.kind !== 'error') throw new Error(`${channel} ${ref} did not fail: ${JSON.stringify(end)}`);
    return end.error as { code: string; message: string; details?: Record<string, unknown> };
  } finally {
    sub.unsubscribe();
  }
}

async function repoDigests(ref: string): Promise<string[]> {
  const [info] = await dockerJson<Array<{ RepoDigests: string[] }>>(['image', 'inspect', ref]);
  return info?.RepoDigests ?? [];
}

describe('tag, push, pull on the open registry', () => {
  test('tags two names at once, pushes one with per-layer progress, pulls it back with the same digest', async () => {
    const repo = `${reg.open}/${uniqueName('reg')}`;
    const a = tracker.image(`${repo}:v1`);
    const b = tracker.image(`${repo}:v2`);
    const res = await stack.call('images.tag', { source: TEST_IMAGE, tags: [a, b] });
    expect(res.tagged).toEqual([a, b]);
    expect(await imageExists(a)).toBe(true);
    expect(await imageExists(b)).toBe(true);

    const pushed = await run('images.push', a);
    expect(pushed.done.ref).toBe(`${a}`);
    expect(pushed.done.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Every layer ends pushed (or already there), and the overall figure is complete.
    expect(pushed.done.layers.length).toBeGreaterThan(0);
    expect(pushed.done.layers.every((l) => ['pushed', 'exists', 'mounted'].includes(l.phase))).toBe(true);
    expect(pushed.done.overall.percent).toBe(100);

    await docker(['rmi', a]);
    expect(await imageExists(a)).toBe(false);
    const pulled = await run('images.pull', a);
    expect(pulled.done.digest).toBe(pushed.done.digest);
    expect(pulled.done.status).toMatch(/Downloaded newer image|Image is up to date/);
    expect(await imageExists(a)).toBe(true);
    expect(await repoDigests(a)).toContain(`${repo}@${pushed.done.digest}`);
    // name:tag@digest pulls by the digest.
    const byDigest = await run('images.pull', `${a}@${pushed.done.digest}`);
    expect(byDigest.done.digest).toBe(pushed.done.digest);

    // History of what came back: newest first, the CLI's own rows.
    const history = await stack.call('images.history', { id: a });
    const cli = (await docker(['history', '--no-trunc', '--format', '{{.CreatedBy}}', a])).stdout.trim().split('\n');
    expect(history.map((h) => h.createdBy)).toEqual(cli);
  });

  test('a bad tag is refused before anything is tagged', async () => {
    const good = `${uniqueName('reg-ok')}:v1`;
    const err = await stack.fail('images.tag', { source: TEST_IMAGE, tags: [good, 'Bad/Upper:x'] });
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toMatch(/lowercase/);
    expect(await imageExists(good)).toBe(false);
  });

  test('pulling a tag the registry does not have is NOT_FOUND with the registry reason', async () => {
    const err = await runError('images.pull', `${reg.open}/${uniqueName('reg-missing')}:nope`);
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toMatch(/manifest unknown|not found/);
  });

  test('an invalid reference is INVALID_ARGUMENT', async () => {
    const err = await runError('images.pull', 'UPPER/case');
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toMatch(/lowercase/);
  });

  test('unsubscribing cancels a pull: the image does not appear', async () => {
    // A big layer so the pull takes long enough to be cancelled mid-way.
    const ref = tracker.image(`${reg.open}/${uniqueName('reg-big')}:v1`);
    await docker(['build', '-q', '-t', ref, '-'], {
      input: `FROM ${TEST_IMAGE}\nRUN dd if=/dev/urandom of=/big bs=1M count=160 2>/dev/null\n`,
      timeoutMs: 180_000,
    });
    await run('images.push', ref);
    await docker(['rmi', ref]);
    const sub = stack.subscribe('images.pull', { ref });
    await sub.waitFor((p) => p.kind === 'progress' && p.layers.some((l) => l.phase === 'downloading'), {
      timeoutMs: 60_000,
    });
    sub.unsubscribe();
    // The engine drops the pull when the request goes away; the image never lands (watched for 10 s,
    // longer than the whole pull takes here).
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      expect(await imageExists(ref)).toBe(false);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(sub.payloads.some((p) => p.kind === 'done')).toBe(false);
  }, 240_000);
});

describe('the htpasswd registry', () => {
  test('unauthorized without login; wrong password refused with the reason; login stores, push/pull work; logout erases', async () => {
    const ref = tracker.image(`${reg.auth}/${uniqueName('reg-auth')}:v1`);
    await docker(['tag', TEST_IMAGE, ref]);

    const denied = await runError('images.push', ref);
    expect(denied.code).toBe('UNAUTHORIZED');
    expect(denied.details?.registry).toBe(reg.auth);
    const deniedPull = await runError('images.pull', ref);
    expect(deniedPull.code).toBe('UNAUTHORIZED');
    expect(deniedPull.message).toMatch(/no basic auth credentials|unauthorized/i);

    const wrong = await stack.fail('registry.login', { registry: reg.auth, username: reg.user, password: 'wrong' });
    expect(wrong.code).toBe('UNAUTHORIZED');
    expect(wrong.message).toMatch(/401 Unauthorized/);
    expect(existsSync(config.configPath)).toBe(false);

    const ok = await stack.call('registry.login', {
      registry: `http://${reg.auth}`,
      username: reg.user,
      password: reg.password,
    });
    expect(ok.registry).toBe(reg.auth);
    const saved = JSON.parse(readFileSync(config.configPath, 'utf8')) as { auths: Record<string, { auth: string }> };
    expect(Buffer.from(saved.auths[reg.auth]?.auth ?? '', 'base64').toString()).toBe(`${reg.user}:${reg.password}`);
    expect(await stack.call('registry.list', {})).toEqual([
      { registry: reg.auth, username: reg.user, store: 'config.json' },
    ]);

    const pushed = await run('images.push', ref);
    expect(pushed.done.digest).toMatch(/^sha256:/);
    await docker(['rmi', ref]);
    const pulled = await run('images.pull', ref);
    expect(pulled.done.digest).toBe(pushed.done.digest);
    expect(await imageExists(ref)).toBe(true);

    await stack.call('registry.logout', { registry: reg.auth });
    const after = JSON.parse(readFileSync(config.configPath, 'utf8')) as { auths: Record<string, unknown> };
    expect(after.auths[reg.auth]).toBeUndefined();
    expect(await stack.call('registry.list', {})).toEqual([]);
    expect((await stack.fail('registry.logout', { registry: reg.auth })).code).toBe('NOT_FOUND');
    await docker(['rmi', ref]);
    expect((await runError('images.pull', ref)).code).toBe('UNAUTHORIZED');
  });
});
