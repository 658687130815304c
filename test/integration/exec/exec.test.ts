/**
 * exec.open / exec.write / exec.resize / containers.attach through the real dispatcher, Engine and
 * handlers on the private engine. Effects are checked with the docker CLI and exec inspect.
 */
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contract } from '../../../shared/contract';
import type { TerminalFrame } from '../../../shared/models';
import type { StreamFrame } from '../../../shared/protocol';
import { Engine } from '../../../electron/engine/engine';
import { createHandlers } from '../../../electron/handlers';
import { createDispatcher, type Session } from '../../../electron/ipc/dispatcher';
import {
  createTracker,
  docker,
  engineSocketPath,
  requireEngine,
  TEST_IMAGE,
  uniqueName,
  waitFor,
} from '../../helpers/engine';
import { createStack, type Stack } from '../handlers/harness';

const tracker = createTracker();
let stack: Stack;
let running: string;
let runningId: string;

const outputOf = (payloads: TerminalFrame[]): string =>
  payloads.map((p) => (p.type === 'output' ? p.data : '')).join('');

async function sessionOf(sub: {
  waitFor: (p: (f: TerminalFrame) => boolean) => Promise<TerminalFrame>;
}): Promise<string> {
  const f = await sub.waitFor((p) => p.type === 'started');
  if (f.type !== 'started') throw new Error('no started frame');
  return f.session;
}

async function waitOutput(sub: { payloads: TerminalFrame[] }, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  return waitFor(() => pattern.test(outputOf(sub.payloads)) && outputOf(sub.payloads), {
    timeoutMs,
    message: `output matching ${pattern}`,
  }).catch((e: Error) => {
    throw new Error(`${e.message}\noutput so far: ${JSON.stringify(outputOf(sub.payloads).slice(-500))}`);
  });
}

/** ExecIDs of the container that the engine still reports as running. */
async function runningExecs(id: string): Promise<string[]> {
  const d = new Dockerode({ socketPath: engineSocketPath() });
  const info = await d.getContainer(id).inspect();
  const ids = info.ExecIDs ?? [];
  const states = await Promise.all(
    ids.map(async (x) => ({
      x,
      s: await d
        .getExec(x)
        .inspect()
        .catch(() => undefined),
    })),
  );
  return states.filter((e) => e.s?.Running).map((e) => e.x);
}

beforeAll(async () => {
  requireEngine();
  stack = createStack();
  running = tracker.container(uniqueName('exec'));
  runningId = (
    await docker(['run', '-d', '--name', running, '--stop-timeout', '1', TEST_IMAGE, 'sleep', '600'])
  ).stdout.trim();
});

afterAll(async () => {
  stack?.close();
  await tracker.cleanup();
});

describe('exec.open', () => {
  test('runs a command and reports its output and exit code', async () => {
    const sub = stack.subscribe('exec.open', {
      id: running,
      cmd: ['sh', '-c', 'echo hello; exit 3'],
      cols: 80,
      rows: 24,
    });
    const started = await sub.waitFor((p) => p.type === 'started');
    expect(started).toMatchObject({ type: 'started', command: ['sh', '-c', 'echo hello; exit 3'] });
    const exit = await sub.waitFor((p) => p.type === 'exit');
    expect(exit).toEqual({ type: 'exit', exitCode: 3, reason: 'exited' });
    expect(outputOf(sub.payloads)).toContain('hello');
    // The pid marker never reaches the consumer.
    expect(outputOf(sub.payloads)).not.toContain('berth-pid');
    await waitFor(() => sub.frames.some((f) => f.kind === 'end'));
  });

  test('a shell takes input, and resize takes effect (stty size)', async () => {
    const sub = stack.subscribe('exec.open', { id: running, cols: 80, rows: 24 });
    const session = await sessionOf(sub);
    await stack.call('exec.write', { session, data: 'stty size; echo "sum=$((40+2))"\n' });
    await waitOutput(sub, /24 80/);
    await waitOutput(sub, /sum=42/);
    await stack.call('exec.resize', { session, cols: 101, rows: 33 });
    const from = sub.payloads.length;
    await stack.call('exec.write', { session, data: 'stty size\n' });
    await waitFor(() => /33 101/.test(outputOf(sub.payloads.slice(from))), { message: 'stty size after resize' });
    await stack.call('exec.write', { session, data: 'exit 5\n' });
    expect(await sub.waitFor((p) => p.type === 'exit')).toEqual({ type: 'exit', exitCode: 5, reason: 'exited' });
    // The session is gone once the process ended.
    expect((await stack.fail('exec.write', { session, data: 'x' })).code).toBe('NOT_FOUND');
  });

  test('decodes UTF-8 split across chunks', async () => {
    const sub = stack.subscribe('exec.open', {
      id: running,
      cmd: ['sh', '-c', "printf 'h\\303'; sleep 0.2; printf '\\251llo \\342\\234'; sleep 0.2; printf '\\223 done'"],
      cols: 80,
      rows: 24,
    });
    await sub.waitFor((p) => p.type === 'exit');
    expect(outputOf(sub.payloads)).toContain('héllo ✓ done');
  });

  test('honours user and working directory', async () => {
    const sub = stack.subscribe('exec.open', {
      id: running,
      cmd: ['sh', '-c', 'id -u; pwd'],
      user: '1234',
      workingDir: '/etc',
      cols: 80,
      rows: 24,
    });
    await sub.waitFor((p) => p.type === 'exit');
    expect(outputOf(sub.payloads)).toMatch(/1234\r?\n\/etc/);
  });

  test('exec into a stopped container fails with CONFLICT and the engine reason', async () => {
    const stopped = tracker.container(uniqueName('exec-stopped'));
    await docker(['create', '--name', stopped, TEST_IMAGE, 'sleep', '600']);
    const sub = stack.subscribe('exec.open', { id: stopped, cols: 80, rows: 24 });
    await waitFor(() => sub.frames.some((f) => f.kind === 'error'));
    const err = sub.frames.find((f) => f.kind === 'error');
    expect(err).toMatchObject({ kind: 'error', error: { code: 'CONFLICT' } });
    expect(err?.kind === 'error' && err.error.message).toMatch(/is not running/);
  });

  test('an unknown container is NOT_FOUND', async () => {
    const sub = stack.subscribe('exec.open', { id: uniqueName('nope'), cols: 80, rows: 24 });
    await waitFor(() => sub.frames.some((f) => f.kind === 'error'));
    expect(sub.frames.find((f) => f.kind === 'error')).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  test('closing the subscription ends the process in the engine', async () => {
    const before = await runningExecs(runningId);
    const sub = stack.subscribe('exec.open', { id: running, cols: 80, rows: 24 });
    const session = await sessionOf(sub);
    await stack.call('exec.write', { session, data: 'echo ready\n' });
    await waitOutput(sub, /ready/);
    const during = await runningExecs(runningId);
    const mine = during.filter((x) => !before.includes(x));
    expect(mine).toHaveLength(1);
    sub.unsubscribe();
    await waitFor(async () => !(await runningExecs(runningId)).includes(mine[0]!), {
      timeoutMs: 5000,
      message: 'exec to stop running',
    });
  });

  test('closing at any moment of opening leaves no process behind', async () => {
    const c = tracker.container(uniqueName('exec-race'));
    const cid = (await docker(['run', '-d', '--name', c, TEST_IMAGE, 'sleep', '600'])).stdout.trim();
    for (const delay of [0, 5, 10, 20, 30, 50, 80, 120, 200, 400]) {
      const sub = stack.subscribe('exec.open', { id: c, cols: 80, rows: 24 });
      await new Promise((r) => setTimeout(r, delay));
      sub.unsubscribe();
    }
    await waitFor(async () => (await runningExecs(cid)).length === 0, {
      timeoutMs: 10_000,
      message: 'every exec to end',
    });
    // And nothing but sleep is left in the container.
    const top = await docker(['top', c, '-o', 'pid,args']);
    expect(
      top.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.trim().split(/\s+/).slice(1).join(' ')),
    ).toEqual(['sleep 600']);
  });

  test('a process that ignores SIGHUP is killed after the grace period', async () => {
    const before = await runningExecs(runningId);
    const sub = stack.subscribe('exec.open', {
      id: running,
      cmd: ['sh', '-c', "trap '' HUP; echo armed; while true; do sleep 1; done"],
      cols: 80,
      rows: 24,
    });
    await waitOutput(sub, /armed/);
    const mine = (await runningExecs(runningId)).filter((x) => !before.includes(x));
    expect(mine).toHaveLength(1);
    sub.unsubscribe();
    await waitFor(async () => !(await runningExecs(runningId)).includes(mine[0]!), {
      timeoutMs: 8000,
      message: 'exec to be killed',
    });
  });

  test('says "container stopped" when the container stops under the session', async () => {
    const c = tracker.container(uniqueName('exec-stop'));
    await docker(['run', '-d', '--name', c, '--stop-timeout', '1', TEST_IMAGE, 'sleep', '600']);
    const sub = stack.subscribe('exec.open', { id: c, cols: 80, rows: 24 });
    const session = await sessionOf(sub);
    await stack.call('exec.write', { session, data: 'echo up\n' });
    await waitOutput(sub, /up/);
    await docker(['kill', c]);
    const exit = await sub.waitFor((p) => p.type === 'exit', { timeoutMs: 15_000 });
    expect(exit).toMatchObject({ type: 'exit', reason: 'container-stopped' });
  });

  test('Ctrl-C stops a flood of output within a second', async () => {
    const sub = stack.subscribe('exec.open', { id: running, cols: 80, rows: 24 });
    const session = await sessionOf(sub);
    await stack.call('exec.write', { session, data: 'yes\n' });
    await waitFor(() => outputOf(sub.payloads.slice(-5)).includes('y\r\ny\r\ny'), { message: 'yes running' });
    await new Promise((r) => setTimeout(r, 500));
    await stack.call('exec.write', { session, data: '\x03' });
    const sent = Date.now();
    let lastLen = sub.payloads.length;
    let quietSince = Date.now();
    while (Date.now() - quietSince < 300) {
      await new Promise((r) => setTimeout(r, 20));
      if (sub.payloads.length !== lastLen) {
        lastLen = sub.payloads.length;
        quietSince = Date.now();
      }
      if (Date.now() - sent > 5000) break;
    }
    const stoppedAfter = quietSince - sent;
    expect(stoppedAfter).toBeLessThan(1000);
    sub.unsubscribe();
  });
});

describe('sessions belong to their sender', () => {
  let engine: Engine;
  let a: Session;
  let b: Session;
  const frames = new Map<string, StreamFrame[]>();

  beforeAll(() => {
    engine = new Engine({ log: () => undefined });
    const dispatcher = createDispatcher(contract, createHandlers(engine), { log: () => undefined });
    const sink = (f: StreamFrame): void => {
      frames.set(f.sub, [...(frames.get(f.sub) ?? []), f]);
    };
    a = dispatcher.open('sender-a', sink);
    b = dispatcher.open('sender-b', sink);
  });
  afterAll(() => {
    a.close();
    b.close();
    engine.stop();
  });

  test("another sender's write and resize are NOT_FOUND and reach nothing", async () => {
    a.subscribe('a1', 'exec.open', { id: running, cols: 80, rows: 24 });
    const started = await waitFor(() =>
      (frames.get('a1') ?? [])
        .flatMap((f) => (f.kind === 'data' ? (f.payloads as TerminalFrame[]) : []))
        .find((p) => p.type === 'started'),
    );
    if (started.type !== 'started') throw new Error('unexpected');
    const w = await b.invoke('exec.write', { session: started.session, data: 'echo pwned > /pwned\n' });
    expect(w).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const r = await b.invoke('exec.resize', { session: started.session, cols: 10, rows: 10 });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await a.invoke('exec.write', { session: started.session, data: 'exit\n' })).toEqual({
      ok: true,
      data: undefined,
    });
    await waitFor(() => (frames.get('a1') ?? []).some((f) => f.kind === 'end'));
    expect((await docker(['exec', running, 'ls', '/'])).stdout).not.toContain('pwned');
  });
});

describe('containers.attach', () => {
  test('receives the main process output and honours the detach keys', async () => {
    const c = tracker.container(uniqueName('attach'));
    await docker([
      'run',
      '-d',
      '-it',
      '--name',
      c,
      '--stop-timeout',
      '1',
      TEST_IMAGE,
      'sh',
      '-c',
      'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.2; done',
    ]);
    const sub = stack.subscribe('containers.attach', { id: c, cols: 80, rows: 24 });
    expect(await sub.waitFor((p) => p.type === 'started')).toMatchObject({ stdin: true });
    await waitOutput(sub, /tick \d+/);
    const session = await sessionOf(sub);
    await stack.call('exec.write', { session, data: '\x10\x11' }); // ctrl-p ctrl-q
    expect(await sub.waitFor((p) => p.type === 'exit')).toEqual({ type: 'exit', exitCode: null, reason: 'detached' });
    expect((await docker(['inspect', '-f', '{{.State.Running}}', c])).stdout.trim()).toBe('true');
  });

  test('demuxes a container without a TTY and reports it stopping', async () => {
    const c = tracker.container(uniqueName('attach-notty'));
    await docker([
      'run',
      '-d',
      '--name',
      c,
      TEST_IMAGE,
      'sh',
      '-c',
      'sleep 1; echo out-line; echo err-line >&2; sleep 1; exit 4',
    ]);
    const sub = stack.subscribe('containers.attach', { id: c, cols: 80, rows: 24 });
    expect(await sub.waitFor((p) => p.type === 'started')).toMatchObject({ stdin: false });
    const exit = await sub.waitFor((p) => p.type === 'exit', { timeoutMs: 15_000 });
    expect(exit).toEqual({ type: 'exit', exitCode: 4, reason: 'container-stopped' });
    // stdout and stderr arrive in either order; without a TTY, LF becomes CRLF for the terminal.
    expect(outputOf(sub.payloads)).toContain('out-line\r\n');
    expect(outputOf(sub.payloads)).toContain('err-line\r\n');
  });

  test('attach to a stopped container is CONFLICT', async () => {
    const c = tracker.container(uniqueName('attach-stopped'));
    await docker(['create', '--name', c, TEST_IMAGE, 'true']);
    const sub = stack.subscribe('containers.attach', { id: c, cols: 80, rows: 24 });
    await waitFor(() => sub.frames.some((f) => f.kind === 'error'));
    expect(sub.frames.find((f) => f.kind === 'error')).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringMatching(/not running/) },
    });
  });

  test('rejects malformed detach keys before touching the engine', async () => {
    const sub = stack.subscribe('containers.attach', { id: running, cols: 80, rows: 24, detachKeys: 'ctrl-,,' });
    await waitFor(() => sub.frames.some((f) => f.kind === 'error'));
    expect(sub.frames.find((f) => f.kind === 'error')).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
  });
});
