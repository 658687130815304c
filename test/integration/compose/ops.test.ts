import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ArgsIn } from '../../../shared/contract-kit';
import type { Contract } from '../../../shared/contract';
import type { ComposeFrame } from '../../../shared/contracts/stacks';
import { BerthError } from '../../../shared/errors';
import {
  CHAPTER_DIR,
  CHAPTER_FILES,
  composeCli,
  composeDown,
  FAULTS_DIR,
  hasComposeCli,
  projectObjects,
  projectStates,
} from '../../helpers/compose';
import { docker, requireEngine, uniqueName, waitFor } from '../../helpers/engine';
import { createStack, type Stack } from '../handlers/harness';

/**
 * The compose CLI ops through the handlers (stacks.run / cancel / files / downPreview / cli) with the
 * real docker-compose 1.29.2 on the private engine. Every test has its own project (-p berth-t-…),
 * brought down with `down -v --rmi local` afterwards, whatever happened.
 */

type ExitFrame = Extract<ComposeFrame, { kind: 'exit' }>;
type RunArgs = ArgsIn<Contract['stacks.run']>;

const configDir = mkdtempSync(join(tmpdir(), 'berth-cfg-'));
const scratch = mkdtempSync(join(tmpdir(), 'berth-compose-ops-'));
const cleanups: Array<() => Promise<void>> = [];
let stack: Stack;
let compose = false;

/** A fresh project name, brought down (with its files) when the file's tests end. */
function project(label: string, files: string[], envFile?: string): string {
  const name = uniqueName(label);
  cleanups.push(() => composeDown(name, files, envFile ? { envFile } : {}));
  return name;
}

interface Ran {
  frames: ComposeFrame[];
  exit: ExitFrame;
  /** All output text, escapes included. */
  text: string;
}

async function run(op: RunArgs, timeoutMs = 120_000): Promise<Ran> {
  const sub = stack.subscribe('stacks.run', op);
  const exit = (await sub.waitFor((f) => f.kind === 'exit', { timeoutMs })) as ExitFrame;
  const frames = [...sub.payloads];
  const text = frames.map((f) => (f.kind === 'output' ? f.text : '')).join('');
  return { frames, exit, text };
}

/** The error a stacks.run stream ended with (before any frame). */
async function runError(op: RunArgs): Promise<BerthError> {
  const sub = stack.subscribe('stacks.run', op);
  await waitFor(() => sub.frames.find((f) => f.kind !== 'data'), { timeoutMs: 30_000 });
  const end = sub.frames.find((f) => f.kind !== 'data');
  if (end?.kind !== 'error') throw new Error(`expected an error frame, got ${JSON.stringify(end)}`);
  return BerthError.fromShape(end.error);
}

beforeAll(async () => {
  requireEngine();
  // Settings (the CLI path) go to a scratch folder, never the user's ~/.config.
  process.env.BERTH_CONFIG_DIR = configDir;
  compose = await hasComposeCli();
  if (!compose) console.warn('compose ops tests skipped: docker-compose is not installed (CI installs it)');
  stack = createStack();
});

afterAll(async () => {
  stack?.close();
  await Promise.all(cleanups.map((c) => c()));
  rmSync(configDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
}, 120_000);

describe('stacks.cli and stacks.setCliPath', () => {
  test('reports the installed docker-compose; a wrong path is refused and not saved; a good one is kept', async ({
    skip,
  }) => {
    if (!compose) skip();
    const info = await stack.call('stacks.cli', {});
    expect(info).toMatchObject({ found: true, kind: 'standalone', version: '1.29.2' });
    expect(info.command).toMatch(/^\/.*\/docker-compose$/);
    expect(info.userPath).toBeUndefined();

    const wrong = await stack.call('stacks.setCliPath', { path: '/nonexistent/docker-compose' });
    expect(wrong).toMatchObject({ found: true, version: '1.29.2' });
    expect(wrong.error).toMatch(/\/nonexistent\/docker-compose did not answer "version --short": .*ENOENT/);
    const notCompose = await stack.call('stacks.setCliPath', { path: '/bin/true' });
    expect(notCompose.error).toMatch(/\/bin\/true is not a compose CLI/);
    expect((await stack.call('stacks.cli', {})).userPath).toBeUndefined();

    const set = await stack.call('stacks.setCliPath', { path: '/usr/bin/docker-compose' });
    expect(set).toMatchObject({ found: true, userPath: '/usr/bin/docker-compose', version: '1.29.2' });
    expect(set.error).toBeUndefined();
    expect(JSON.parse(readFileSync(join(configDir, 'settings.json'), 'utf8'))).toEqual({
      version: 1,
      'compose.cliPath': '/usr/bin/docker-compose',
    });
    // Persisted: a new Berth (new handlers) finds it.
    const other = createStack();
    try {
      expect((await other.call('stacks.cli', {})).userPath).toBe('/usr/bin/docker-compose');
    } finally {
      other.close();
    }
    const cleared = await stack.call('stacks.setCliPath', { path: null });
    expect(cleared).toMatchObject({ found: true, command: info.command });
    expect(cleared.userPath).toBeUndefined();
  });

  test('a saved path that stopped working: NOT_FOUND no-compose-cli with how to install, not another CLI', async () => {
    const dir = mkdtempSync(join(scratch, 'cfg-'));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ 'compose.cliPath': '/gone/docker-compose' }));
    const before = process.env.BERTH_CONFIG_DIR;
    process.env.BERTH_CONFIG_DIR = dir;
    const broken = createStack();
    process.env.BERTH_CONFIG_DIR = before;
    try {
      const info = await broken.call('stacks.cli', {});
      expect(info).toMatchObject({ found: false, userPath: '/gone/docker-compose' });
      expect(info.error).toMatch(/\/gone\/docker-compose/);
      const sub = broken.subscribe('stacks.run', { op: 'pull', target: { files: CHAPTER_FILES } });
      await waitFor(() => sub.frames.find((f) => f.kind === 'error'), { timeoutMs: 20_000 });
      const end = sub.frames.find((f) => f.kind === 'error');
      expect(end?.kind === 'error' && end.error).toMatchObject({
        code: 'NOT_FOUND',
        details: { reason: 'no-compose-cli' },
      });
      expect(end?.kind === 'error' && end.error.message).toMatch(
        /apt install docker-compose.*docs\.docker\.com\/compose\/install/,
      );
      // Reading the files still works, with config's place saying why it is empty.
      const files = await broken.call('stacks.files', { files: CHAPTER_FILES });
      expect(files.files.every((f) => f.text !== undefined)).toBe(true);
      expect(files.config.error).toMatch(/No compose CLI found/);
    } finally {
      broken.close();
    }
  });
});

describe('the chapter stack', () => {
  test('up from two files with --build, scale worker to 3, down preview exactly, down -v leaves nothing', async ({
    skip,
  }) => {
    if (!compose) skip();
    const p = project('chapter', CHAPTER_FILES);
    const target = { files: CHAPTER_FILES, project: p };

    const up = await run({ op: 'up', target, build: true });
    expect(up.exit).toMatchObject({ kind: 'exit', code: 0, cancelled: false, serviceErrors: [] });
    expect(up.exit.project).toBeUndefined();
    const start = up.frames[0];
    expect(start?.kind).toBe('start');
    if (start?.kind !== 'start') throw new Error('no start frame');
    expect(start.cwd).toBe(CHAPTER_DIR);
    expect(start.argv).toEqual([
      'docker-compose',
      '--ansi',
      'always',
      '-f',
      CHAPTER_FILES[0],
      '-f',
      CHAPTER_FILES[1],
      '-p',
      p,
      '--project-directory',
      CHAPTER_DIR,
      'up',
      '-d',
      '--build',
    ]);
    expect(up.text).toContain('Successfully tagged');
    // ANSI kept, as the terminal gets it.
    expect(up.text).toContain('\x1b[32mdone\x1b[0m');
    expect(await projectStates(p)).toEqual({
      [`${p}_store_1`]: 'running',
      [`${p}_web_1`]: 'running',
      [`${p}_worker_1`]: 'running',
    });
    // The worker reaches the store by its alias on "backend"; the override file named it "extra".
    await waitFor(
      async () => /worker extra: store says \d+/.test((await docker(['logs', `${p}_worker_1`])).stdout) || undefined,
      { timeoutMs: 20_000 },
    );

    const scaled = await run({ op: 'scale', target, service: 'worker', replicas: 3 });
    expect(scaled.exit).toMatchObject({ code: 0, cancelled: false, serviceErrors: [] });
    const states = await projectStates(p);
    expect(Object.keys(states).filter((n) => n.includes('_worker_'))).toHaveLength(3);
    expect(Object.values(states).every((s) => s === 'running')).toBe(true);

    // A one-off `run` container: down removes it too (v1 stops and removes one-offs), so it is listed.
    await composeCli(p, CHAPTER_FILES, ['run', '-d', '--no-deps', '--name', `${p}_oneoff`, 'worker', 'sleep', '600']);
    const preview = await stack.call('stacks.downPreview', { target, volumes: true, rmi: 'local' });
    expect(preview.containers.map((c) => [c.name, c.service, c.state])).toEqual([
      [`${p}_oneoff`, 'worker', 'running'],
      [`${p}_store_1`, 'store', 'running'],
      [`${p}_web_1`, 'web', 'running'],
      [`${p}_worker_1`, 'worker', 'running'],
      [`${p}_worker_2`, 'worker', 'running'],
      [`${p}_worker_3`, 'worker', 'running'],
    ]);
    expect(preview.networks).toEqual([`${p}_backend`, `${p}_front`]);
    expect(preview.volumes).toEqual([`${p}_data`]);
    expect(preview.images).toEqual([`${p}_web`]);
    const plain = await stack.call('stacks.downPreview', { target });
    expect(plain.volumes).toEqual([]);
    expect(plain.images).toEqual([]);
    const all = await stack.call('stacks.downPreview', { target, rmi: 'all' });
    expect(all.images).toEqual([`${p}_web`, 'busybox:latest']);

    const down = await run({ op: 'down', target, volumes: true, rmi: 'local' });
    expect(down.exit).toMatchObject({ code: 0, cancelled: false, serviceErrors: [] });
    expect(await projectObjects(p)).toEqual({ containers: [], networks: [], volumes: [] });
    expect((await docker(['image', 'inspect', `${p}_web`], { allowFail: true })).code).not.toBe(0);
  }, 240_000);

  test('files: each file, the resolved config, services, and variables with their values', async ({ skip }) => {
    if (!compose) skip();
    const files = await stack.call('stacks.files', { files: CHAPTER_FILES });
    expect(files.project).toBe('chapter');
    expect(files.workingDir).toBe(CHAPTER_DIR);
    expect(files.files.map((f) => [f.path, f.text?.includes('services:'), f.error])).toEqual([
      [CHAPTER_FILES[0], true, undefined],
      [CHAPTER_FILES[1], true, undefined],
    ]);
    expect(files.config.error).toBeUndefined();
    expect(files.config.text).toContain('WORKER_ID: extra');
    expect(files.config.text).toContain('GREETING: Hello from Berth');
    expect([...files.services].sort()).toEqual(['store', 'web', 'worker']);
    expect(files.profiles).toEqual([]);
    expect(files.variables).toEqual([
      {
        name: 'GREETING',
        defaultValue: 'Hello from the chapter',
        required: false,
        value: 'Hello from Berth',
        source: 'env-file',
        files: [CHAPTER_FILES[0]],
      },
      {
        name: 'WORKER_INTERVAL',
        defaultValue: '2',
        required: false,
        source: 'unset',
        files: [CHAPTER_FILES[0]],
      },
    ]);

    const missing = join(scratch, 'nope.yml');
    const bad = await stack.call('stacks.files', { files: [CHAPTER_FILES[0] ?? '', missing], project: 'Given.Name' });
    expect(bad.project).toBe('givenname');
    expect(bad.files[1]).toEqual({ path: missing, error: 'No such file' });
    expect(bad.config.text).toBeUndefined();
    expect(bad.config.error).toMatch(/nope\.yml/);
    expect(bad.services).toEqual([]);
  });
});

describe('the engine the CLI acts on', () => {
  test('is the one Berth is connected to, whatever DOCKER_HOST or DOCKER_CONTEXT the environment names', async ({
    skip,
  }) => {
    if (!compose) skip();
    const host = requireEngine();
    const file = join(scratch, 'one.yml');
    writeFileSync(file, 'services:\n  one:\n    image: busybox:latest\n    command: sleep 600\n');
    const p = project('engine', [file]);
    // Berth connected by an explicit setting; the environment points elsewhere.
    const pinned = createStack({ setting: host });
    const saved = { host: process.env.DOCKER_HOST, context: process.env.DOCKER_CONTEXT };
    process.env.DOCKER_HOST = 'unix:///nonexistent/docker.sock';
    process.env.DOCKER_CONTEXT = 'elsewhere';
    let exit: ExitFrame;
    try {
      const sub = pinned.subscribe('stacks.run', { op: 'up', target: { files: [file], project: p } });
      exit = (await sub.waitFor((f) => f.kind === 'exit', { timeoutMs: 60_000 })) as ExitFrame;
    } finally {
      process.env.DOCKER_HOST = saved.host;
      if (saved.context === undefined) delete process.env.DOCKER_CONTEXT;
      else process.env.DOCKER_CONTEXT = saved.context;
      pinned.close();
    }
    expect(exit).toMatchObject({ code: 0, serviceErrors: [] });
    expect(await projectStates(p)).toEqual({ [`${p}_one_1`]: 'running' });
  });
});

describe('faults', () => {
  test('a file that does not parse: the exit says so, with the line', async ({ skip }) => {
    if (!compose) skip();
    const file = join(FAULTS_DIR, 'bad-yaml.yml');
    const r = await run({ op: 'up', target: { files: [file], project: project('yaml', [file]) } });
    expect(r.exit.code).toBe(1);
    expect(r.exit.message).toMatch(/while parsing a flow sequence[\s\S]*line 4, column 12/);
    expect(r.exit.serviceErrors).toEqual([]);
    expect(r.exit.project).toEqual([]);
    const files = await stack.call('stacks.files', { files: [file] });
    expect(files.config.error).toMatch(/line 4, column 12/);
    expect(files.files[0]?.text).toContain('ports: [ "80"');
  });

  test('a missing image: the service is named with the registry’s reason', async ({ skip }) => {
    if (!compose) skip();
    const file = join(FAULTS_DIR, 'missing-image.yml');
    const r = await run({ op: 'up', target: { files: [file], project: project('ghost', [file]) } });
    expect(r.exit.code).toBe(1);
    expect(r.exit.serviceErrors).toEqual([
      { service: 'ghost', message: expect.stringMatching(/berth-t-missing\/ghost:never not found/) },
    ]);
    expect(r.exit.message).toMatch(/manifest unknown/);
  });

  test('a port already taken: that service fails with the engine’s reason; the half-up stack is reported', async ({
    skip,
  }) => {
    if (!compose) skip();
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    try {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const envFile = join(scratch, 'port.env');
      writeFileSync(envFile, `BERTH_T_PORT=${port}\n`);
      const file = join(FAULTS_DIR, 'port-taken.yml');
      const p = project('port', [file], envFile);
      const r = await run({ op: 'up', target: { files: [file], project: p, envFile } });
      expect(r.exit.code).toBe(1);
      expect(r.exit.serviceErrors).toEqual([
        { service: 'web', message: expect.stringMatching(new RegExp(`Cannot start service web: .*${port}.*in use`)) },
      ]);
      expect(r.exit.project?.map((c) => [c.name, c.service, c.state])).toEqual([
        [`${p}_side_1`, 'side', 'running'],
        [`${p}_web_1`, 'web', 'created'],
      ]);
    } finally {
      server.close();
    }
  });

  test('cancelling an up during a slow build stops the CLI and lists what was left', async ({ skip }) => {
    if (!compose) skip();
    const file = join(FAULTS_DIR, 'slow-build.yml');
    const p = project('cancel', [file]);
    const target = { files: [file], project: p };
    expect((await run({ op: 'up', target, services: ['quick'] })).exit.code).toBe(0);

    const sub = stack.subscribe('stacks.run', { op: 'up', target, build: true });
    const start = await sub.waitFor((f) => f.kind === 'start');
    await sub.waitFor((f) => f.kind === 'output' && f.text.includes('RUN sleep 60'), { timeoutMs: 60_000 });
    const t0 = Date.now();
    expect(await stack.call('stacks.cancel', { run: start.kind === 'start' ? start.run : '' })).toEqual({
      cancelled: true,
    });
    const exit = (await sub.waitFor((f) => f.kind === 'exit', { timeoutMs: 15_000 })) as ExitFrame;
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(exit.cancelled).toBe(true);
    expect(exit.message).toBeUndefined();
    expect(exit.serviceErrors).toEqual([]);
    expect(exit.project?.map((c) => [c.name, c.service, c.state])).toEqual([[`${p}_quick_1`, 'quick', 'running']]);
    // The build stopped too (SIGINT reached the `docker build` child): its RUN container goes.
    await waitFor(
      async () => {
        const ps = await docker(['ps', '--no-trunc', '--format', '{{.Command}}']);
        return ps.stdout.split('\n').some((l) => l.includes("-c 'sleep 60'")) ? undefined : true;
      },
      { timeoutMs: 20_000 },
    );
    expect(await stack.call('stacks.cancel', { run: start.kind === 'start' ? start.run : '' })).toEqual({
      cancelled: false,
    });
  }, 120_000);

  test('an op v1 cannot do is refused on its field before anything runs', async ({ skip }) => {
    if (!compose) skip();
    const err = await runError({ op: 'up', target: { files: CHAPTER_FILES }, pull: 'never' });
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.details).toMatchObject({ field: 'pull' });
  });
});
