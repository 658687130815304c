/**
 * 'images.build' through the real dispatcher + Engine + handlers on the private engine: the context a
 * .dockerignore shapes (checked inside the built image, and against `docker build` itself), several
 * tags, build args, target, no-cache, pull, a failing step, a bad Dockerfile, cancel.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { createHandlers } from '../../../electron/handlers';
import { createDispatcher } from '../../../electron/ipc/dispatcher';
import { contract } from '../../../shared/contract';
import type { BuildFrame } from '../../../shared/contracts/build';
import { BerthError } from '../../../shared/errors';
import type { StreamFrame } from '../../../shared/protocol';
import { FIXTURES, newRunId, removeRunImages } from '../../helpers/build';
import { createTracker, docker, dockerJson, requireEngine, uniqueName, waitFor } from '../../helpers/engine';
import { createStack, type Stack, type Subscription } from '../handlers/harness';

const tracker = createTracker();
const runId = newRunId();
const runArg = { BERTH_TEST_RUN: runId };
let stack: Stack;
const tempDirs: string[] = [];

beforeAll(() => {
  requireEngine();
  stack = createStack();
});
afterAll(async () => {
  stack?.close();
  await tracker.cleanup();
  await removeRunImages(runId);
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

type Sub = Subscription<BuildFrame>;

/** Resolves with the stream's closing frame (end or error). */
function ended(sub: Sub, timeoutMs = 90_000): Promise<StreamFrame> {
  return waitFor(() => sub.frames.find((f) => f.kind !== 'data'), { timeoutMs, intervalMs: 50 });
}

function outputLines(sub: Sub): string[] {
  return sub.payloads.flatMap((p) => (p.kind === 'output' ? p.lines : []));
}

async function build(args: Parameters<Stack['subscribe']>[1] & object): Promise<{ sub: Sub; end: StreamFrame }> {
  const sub = stack.subscribe('images.build', args as never) as Sub;
  return { sub, end: await ended(sub) };
}

function errorOf(end: StreamFrame): BerthError {
  if (end.kind !== 'error') throw new Error(`expected the build to fail, it ended with ${JSON.stringify(end)}`);
  return BerthError.fromShape(end.error);
}

async function imageId(ref: string): Promise<string> {
  const [info] = await dockerJson<Array<{ Id: string }>>(['image', 'inspect', ref]);
  if (!info) throw new Error(`no image ${ref}`);
  return info.Id;
}

async function run(ref: string, script: string): Promise<string> {
  return (await docker(['run', '--rm', ref, 'sh', '-c', script])).stdout;
}

const exists = async (ref: string): Promise<boolean> =>
  (await docker(['image', 'inspect', ref], { allowFail: true })).code === 0;

function tempContext(dockerfile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-build-it-'));
  tempDirs.push(dir);
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  return dir;
}

const EXPECTED_CTX = [
  '/ctx/#hash.txt',
  '/ctx/.dockerignore',
  '/ctx/Dockerfile',
  '/ctx/app.txt',
  '/ctx/docs/2024/final.txt',
  '/ctx/keep.bak',
  '/ctx/secrets/public.txt',
  '/ctx/sub/guide.md',
  '/ctx/tools/app-link',
  '/ctx/tools/run.sh',
];

describe('images.build', () => {
  test('the .dockerignore fixture: excluded files are absent from the image, exceptions present, every tag set', async () => {
    const repo = uniqueName('build-ctx');
    const tags = [`${repo}:1.0`, `${repo}:latest`, `localhost:5000/${repo}/app:v2`].map((t) => tracker.image(t));
    const { sub, end } = await build({
      context: join(FIXTURES, 'ignore-context'),
      tags,
      buildArgs: runArg,
    });
    expect(end).toMatchObject({ kind: 'end' });

    // Every tag names the same new image, the one the last frame reports.
    const built = sub.payloads.find((p) => p.kind === 'built');
    const id = await imageId(tags[0]!);
    expect(built).toEqual({ kind: 'built', imageId: id, tags });
    for (const t of tags) expect(await imageId(t)).toBe(id);

    const listed = (await run(tags[0]!, 'find /ctx ! -type d | sort')).trim().split('\n');
    expect(listed).toEqual(EXPECTED_CTX);
    // Modes and symlinks survive; the excluded folder's re-included file has its content.
    expect(
      await run(tags[0]!, 'stat -c %a /ctx/tools/run.sh; readlink /ctx/tools/app-link; cat /ctx/secrets/public.txt'),
    ).toBe('755\n../app.txt\npublic\n');

    // Streamed: the upload, then the builder's steps and a RUN's own output, in order.
    const context = sub.payloads.filter((p) => p.kind === 'context');
    expect(context.at(-1)).toMatchObject({ done: true, files: 9 });
    const lines = outputLines(sub);
    expect(lines[0]).toBe('Step 1/5 : FROM busybox:latest');
    const step5 = lines.findIndex((l) => l.startsWith('Step 5/5 : RUN'));
    expect(step5).toBeGreaterThan(0);
    expect(lines.slice(step5)).toContain('/ctx/secrets/public.txt');
    expect(lines.slice(step5)).toContain('build done');
  });

  test('the same context as `docker build` (classic builder) sends', async () => {
    const cliTag = tracker.image(`${uniqueName('build-cli')}:ref`);
    // The CLI's classic builder (the one that sends a context tar) is the reference.
    const before = process.env.DOCKER_BUILDKIT;
    process.env.DOCKER_BUILDKIT = '0';
    try {
      await docker([
        'build',
        '-q',
        '--build-arg',
        `BERTH_TEST_RUN=${runId}`,
        '-t',
        cliTag,
        join(FIXTURES, 'ignore-context'),
      ]);
    } finally {
      if (before === undefined) delete process.env.DOCKER_BUILDKIT;
      else process.env.DOCKER_BUILDKIT = before;
    }
    const berthTag = tracker.image(`${uniqueName('build-berth')}:ref`);
    const { end } = await build({ context: join(FIXTURES, 'ignore-context'), tags: [berthTag], buildArgs: runArg });
    expect(end.kind).toBe('end');
    const listing = 'cd /ctx && find . | sort';
    expect(await run(berthTag, listing)).toBe(await run(cliTag, listing));
  });

  test('build args, target and labels take effect', async () => {
    const repo = uniqueName('build-stage');
    const dev = tracker.image(`${repo}:dev`);
    const prod = tracker.image(`${repo}:prod`);
    const context = join(FIXTURES, 'multistage');
    const a = await build({ context, tags: [dev], target: 'dev', buildArgs: { ...runArg, GREETING: 'hi there' } });
    expect(a.end.kind).toBe('end');
    const b = await build({
      context,
      tags: [prod],
      target: 'prod',
      buildArgs: runArg,
      labels: { 'org.example.team': 'berth', 'org.example.note': 'a = b' },
    });
    expect(b.end.kind).toBe('end');
    expect(await run(dev, 'cat /stage /greeting')).toBe('dev\nhi there from base\n');
    expect(await run(prod, 'cat /stage /greeting')).toBe('prod\nhello from base\n');
    // --label lands on the built image, next to the Dockerfile's own.
    const [info] = await dockerJson<Array<{ Config: { Labels: Record<string, string> } }>>(['image', 'inspect', prod]);
    expect(info?.Config.Labels).toMatchObject({
      'org.example.team': 'berth',
      'org.example.note': 'a = b',
      'berth.test.run': runId,
    });
    // The dev build stopped at its stage: no step of the prod stage ran.
    expect(outputLines(a.sub).some((l) => l.includes('echo prod'))).toBe(false);
  });

  test('without no-cache the second build uses the cache; with it every step runs again', async () => {
    const context = join(FIXTURES, 'multistage');
    const first = await build({ context, target: 'dev', buildArgs: runArg });
    expect(first.end.kind).toBe('end');
    const cached = await build({ context, target: 'dev', buildArgs: runArg });
    expect(outputLines(cached.sub)).toContain(' ---> Using cache');
    const fresh = await build({ context, target: 'dev', buildArgs: runArg, noCache: true });
    expect(fresh.end.kind).toBe('end');
    expect(outputLines(fresh.sub)).not.toContain(' ---> Using cache');
    expect(outputLines(fresh.sub).some((l) => l.startsWith(' ---> Running in'))).toBe(true);
  });

  test('a Dockerfile outside the context folder (-f) is used and not left in the image', async () => {
    const tag = tracker.image(`${uniqueName('build-outside')}:1`);
    const { end } = await build({
      context: join(FIXTURES, 'outside-dockerfile', 'context'),
      dockerfile: join(FIXTURES, 'outside-dockerfile', 'dockerfiles', 'Custom.Dockerfile'),
      tags: [tag],
      buildArgs: runArg,
    });
    expect(end.kind).toBe('end');
    expect((await run(tag, 'ls -A /ctx')).trim()).toBe('inside.txt');
  });

  test('a failing step ends with FAILED, its exit code and its output; nothing is tagged or left running', async () => {
    const tag = tracker.image(`${uniqueName('build-fail')}:1`);
    const { sub, end } = await build({ context: join(FIXTURES, 'failing'), tags: [tag], buildArgs: runArg });
    const err = errorOf(end);
    expect(err.code).toBe('FAILED');
    expect(err.details).toMatchObject({ exitCode: 7 });
    expect(err.message).toContain('returned a non-zero code: 7');
    const lines = outputLines(sub);
    const failing = lines.findIndex((l) => l.startsWith('Step 5/6 : RUN echo "checking the config"'));
    expect(failing).toBeGreaterThan(0);
    expect(lines.slice(failing)).toContain("config.yml: missing key 'port'");
    expect(lines).not.toContain('never reached');
    expect(await exists(tag)).toBe(false);
    // forcerm: the failed step's container is removed too.
    const container = /Running in ([0-9a-f]{12})/.exec(lines.slice(failing).join('\n'))?.[1];
    expect(container).toBeDefined();
    expect((await docker(['container', 'inspect', container!], { allowFail: true })).code).not.toBe(0);
  });

  test('a context file swapped for a symlink to a host file while the context streams fails the build, naming it', async () => {
    const ctx = tempContext('FROM busybox:latest\nCOPY . /ctx/\n');
    const secretDir = mkdtempSync(join(tmpdir(), 'berth-build-secret-'));
    tempDirs.push(secretDir);
    writeFileSync(join(secretDir, 'secret.txt'), 'HOST-SECRET-do-not-send');
    // A big file first, so the swap below lands while it is still uploading, before z-config.txt is read.
    writeFileSync(join(ctx, 'a-big.bin'), Buffer.alloc(64 * 1024 * 1024, 1));
    writeFileSync(join(ctx, 'z-config.txt'), 'harmless');
    const tag = tracker.image(`${uniqueName('build-swap')}:1`);
    const sub = stack.subscribe('images.build', { context: ctx, tags: [tag], buildArgs: runArg } as never) as Sub;
    await waitFor(() => sub.payloads.find((p) => p.kind === 'context'), { timeoutMs: 30_000, intervalMs: 5 });
    rmSync(join(ctx, 'z-config.txt'));
    symlinkSync(join(secretDir, 'secret.txt'), join(ctx, 'z-config.txt'));
    const err = errorOf(await ended(sub));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('z-config.txt in the build context was replaced by a symbolic link');
    expect(err.details).toMatchObject({ field: 'context', path: 'z-config.txt' });
    expect(await exists(tag)).toBe(false);
  });

  test('a bad Dockerfile, an unknown target and a missing context are refused with the field they concern', async () => {
    const bad = tempContext('FROM busybox:latest\nFROBNICATE now\n');
    const e1 = errorOf((await build({ context: bad })).end);
    expect(e1.code).toBe('INVALID_ARGUMENT');
    expect(e1.message).toContain('unknown instruction: FROBNICATE');
    expect(e1.details).toMatchObject({ field: 'dockerfile' });

    const e2 = errorOf(
      (await build({ context: join(FIXTURES, 'multistage'), target: 'nosuchstage', buildArgs: runArg })).end,
    );
    expect(e2.code).toBe('INVALID_ARGUMENT');
    expect(e2.message).toContain('failed to reach build target nosuchstage');
    expect(e2.details).toMatchObject({ field: 'target' });

    const e3 = errorOf((await build({ context: join(tmpdir(), uniqueName('missing')) })).end);
    expect(e3.code).toBe('NOT_FOUND');
    expect(e3.details).toMatchObject({ field: 'context' });

    const e4 = errorOf((await build({ context: bad, dockerfile: 'Nope.Dockerfile' })).end);
    expect(e4.code).toBe('NOT_FOUND');
    expect(e4.message).toContain('Cannot locate Dockerfile');
  });

  test('invalid tags and build-arg names are refused before anything reaches the engine', async () => {
    const { end } = await build({ context: join(FIXTURES, 'multistage'), tags: ['Upper/Case:1', 'ok:tag:extra'] });
    const err = errorOf(end);
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toContain('tags.0');
    expect(err.message).toContain('must be lowercase');
    const e2 = errorOf((await build({ context: join(FIXTURES, 'multistage'), buildArgs: { 'A B': 'x' } })).end);
    expect(e2.code).toBe('INVALID_ARGUMENT');
  });

  test('pull with no registry reachable fails with the engine’s reason', async () => {
    const { sub, end } = await build({ context: join(FIXTURES, 'multistage'), pull: true, buildArgs: runArg });
    const err = errorOf(end);
    expect(err.code).toBe('FAILED');
    // The engine says which registry it could not reach (no hub from here).
    expect(err.message).toMatch(/registry|dial tcp|lookup|no such host|connection refused/i);
    expect(outputLines(sub)[0]).toBe('Step 1/9 : FROM busybox:latest AS base');
  });

  test('cancel (unsubscribe) stops the build: the step container goes away and nothing is tagged', async () => {
    const context = tempContext(
      `FROM busybox:latest\nARG BERTH_TEST_RUN=none\nLABEL berth.test.run=$BERTH_TEST_RUN\nRUN echo started-${runId} && sleep 60\n`,
    );
    const tag = tracker.image(`${uniqueName('build-cancel')}:1`);
    const sub = stack.subscribe('images.build', { context, tags: [tag], buildArgs: runArg }) as Sub;
    await sub.waitFor((p) => p.kind === 'output' && p.lines.includes(`started-${runId}`), { timeoutMs: 60_000 });
    const container = /Running in ([0-9a-f]{12})/.exec(outputLines(sub).join('\n'))?.[1];
    expect(container).toBeDefined();
    expect((await docker(['container', 'inspect', '-f', '{{.State.Running}}', container!])).stdout.trim()).toBe('true');
    const started = Date.now();
    sub.unsubscribe();
    await waitFor(async () => (await docker(['container', 'inspect', container!], { allowFail: true })).code !== 0, {
      timeoutMs: 30_000,
      message: 'the build container is removed after cancel',
    });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await exists(tag)).toBe(false);
    // No closing frame goes to a subscriber that left.
    expect(sub.frames.filter((f) => f.kind !== 'data')).toEqual([]);
  });

  test('a chatty step is paused while the consumer is behind, then delivers every line in order', async () => {
    const LINES = 300_000;
    const WINDOW = 4;
    const context = tempContext(
      `FROM busybox:latest\nARG BERTH_TEST_RUN=none\nLABEL berth.test.run=$BERTH_TEST_RUN\nRUN seq 1 ${LINES}\n`,
    );
    const engine = new Engine({ log: () => undefined });
    const dispatcher = createDispatcher(contract, createHandlers(engine), { window: WINDOW, batchMs: 5 });
    const frames: StreamFrame[] = [];
    const session = dispatcher.open('build-bp', (f) => frames.push(f));
    const numbers = (): string[] =>
      frames
        .flatMap((f) =>
          f.kind === 'data' ? (f.payloads as BuildFrame[]).flatMap((p) => (p.kind === 'output' ? p.lines : [])) : [],
        )
        .filter((l) => /^\d+$/.test(l));
    try {
      let acked = 0;
      const ackAll = (): void => {
        const data = frames.filter((f) => f.kind === 'data').length;
        for (; acked < data; acked++) session.ack('b1');
      };
      session.subscribe('b1', 'images.build', { context, buildArgs: runArg, noCache: true });
      // Keep up until the RUN prints, then stop acknowledging.
      await waitFor(
        () => {
          ackAll();
          return numbers().length > 0;
        },
        { timeoutMs: 60_000, intervalMs: 5 },
      );
      const dataAtStop = frames.filter((f) => f.kind === 'data').length;
      await new Promise((r) => setTimeout(r, 1500));
      const stalledAt = numbers().length;
      await new Promise((r) => setTimeout(r, 1000));
      // About WINDOW more batches (plus the one being flushed) went out, then nothing: the engine's reply is paused, far from the end.
      expect(frames.filter((f) => f.kind === 'data').length).toBeLessThanOrEqual(dataAtStop + WINDOW + 1);
      expect(numbers().length).toBe(stalledAt);
      // Frames are capped by size, so the window holds a bounded share of the output, not all of it.
      expect(stalledAt).toBeLessThan(LINES / 2);
      expect(frames.some((f) => f.kind !== 'data')).toBe(false);

      await waitFor(
        () => {
          ackAll();
          return frames.some((f) => f.kind !== 'data');
        },
        { timeoutMs: 120_000, intervalMs: 5 },
      );
      expect(frames.at(-1)?.kind).toBe('end');
      const got = numbers();
      expect(got.length).toBe(LINES);
      expect(got[0]).toBe('1');
      expect(got.at(-1)).toBe(String(LINES));
    } finally {
      session.close();
      engine.stop();
    }
  }, 180_000);
});
