/**
 * 'containers.logs' through the real dispatcher + Engine + handlers on the private engine.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contract } from '../../../shared/contract';
import type { LogLine } from '../../../shared/models';
import type { StreamFrame } from '../../../shared/protocol';
import { Engine } from '../../../electron/engine/engine';
import { createHandlers } from '../../../electron/handlers';
import { createDispatcher } from '../../../electron/ipc/dispatcher';
import { TEST_IMAGE, createTracker, docker, requireEngine, uniqueName, waitFor } from '../../helpers/engine';
import { createStack, type Stack, type Subscription } from '../handlers/harness';

const tracker = createTracker();
let stack: Stack;

beforeAll(() => {
  requireEngine();
  stack = createStack();
});
afterAll(async () => {
  stack?.close();
  await tracker.cleanup();
});

async function runScript(prefix: string, script: string, extra: string[] = []): Promise<string> {
  const name = tracker.container(uniqueName(prefix));
  await docker(['run', '-d', '--name', name, ...extra, TEST_IMAGE, 'sh', '-c', script]);
  return name;
}

async function waitExited(name: string): Promise<void> {
  await waitFor(async () => (await docker(['inspect', '-f', '{{.State.Status}}', name])).stdout.trim() === 'exited', {
    timeoutMs: 60_000,
  });
}

function ended(sub: Subscription<LogLine>): Promise<StreamFrame> {
  return waitFor(() => sub.frames.find((f) => f.kind !== 'data'), { timeoutMs: 60_000 });
}

describe('containers.logs', () => {
  test('multiplexed: stdout and stderr told apart, in order, timestamps stripped', async () => {
    const name = await runScript(
      'mux',
      'echo out-1; sleep 0.1; echo err-1 >&2; sleep 0.1; echo out-2; printf "ü€ no newline"',
    );
    await waitExited(name);
    const sub = stack.subscribe('containers.logs', { id: name, follow: false });
    expect((await ended(sub)).kind).toBe('end');
    const got = sub.payloads.map((p) => `${p.stream}:${p.text}`);
    expect(got).toEqual(['stdout:out-1', 'stderr:err-1', 'stdout:out-2', 'stdout:ü€ no newline']);
    for (const p of sub.payloads) expect(p.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    // Same lines as the docker CLI prints.
    const cli = await docker(['logs', name]);
    expect(cli.stdout.split('\n').filter(Boolean)).toEqual(['out-1', 'out-2', 'ü€ no newline']);
  });

  test('TTY container: raw stream, colours kept, CR stripped', async () => {
    const name = await runScript('tty', 'printf "\\033[31mred\\033[0m\\n"; echo plain; sleep 0.1; echo to-err >&2', [
      '-t',
    ]);
    await waitExited(name);
    const sub = stack.subscribe('containers.logs', { id: name, follow: false });
    expect((await ended(sub)).kind).toBe('end');
    expect(sub.payloads.map((p) => [p.stream, p.text])).toEqual([
      ['stdout', '\x1b[31mred\x1b[0m'],
      ['stdout', 'plain'],
      ['stdout', 'to-err'],
    ]);
  });

  test('tail gives the last N lines; a long line arrives whole', async () => {
    const name = await runScript(
      'tail',
      'i=1; while [ $i -le 50 ]; do echo line-$i; i=$((i+1)); done; head -c 40000 /dev/zero | tr "\\0" x; echo',
    );
    await waitExited(name);
    // The engine stores the 40,000-char line as 3 partial messages and counts each in `tail`.
    const sub = stack.subscribe('containers.logs', { id: name, follow: false, tail: 5 });
    await ended(sub);
    expect(sub.payloads.map((p) => (p.text.length > 100 ? `x*${p.text.length}` : p.text))).toEqual([
      'line-49',
      'line-50',
      'x*40000',
    ]);
    const all = stack.subscribe('containers.logs', { id: name, follow: false, tail: 'all' });
    await ended(all);
    expect(all.payloads).toHaveLength(51);
  });

  test('follow: starts with the tail, receives new lines, ends cleanly when the container exits', async () => {
    const name = await runScript('follow', 'echo first; sleep 1.5; echo second; sleep 1; echo third >&2; sleep 1');
    const sub = stack.subscribe('containers.logs', { id: name, tail: 10 });
    await sub.waitFor((p) => p.text === 'first');
    const second = await sub.waitFor((p) => p.text === 'second', { timeoutMs: 10_000 });
    expect(second.stream).toBe('stdout');
    expect((await sub.waitFor((p) => p.text === 'third', { timeoutMs: 10_000 })).stream).toBe('stderr');
    const end = await ended(sub);
    expect(end.kind).toBe('end');
    expect(sub.payloads.map((p) => p.text)).toEqual(['first', 'second', 'third']);
  });

  test('since / until select a time range; until is exclusive and with a tail gives the last lines before it', async () => {
    const name = await runScript('range', 'for i in 1 2 3 4 5 6; do echo l$i; sleep 0.2; done');
    await waitExited(name);
    const all = stack.subscribe('containers.logs', { id: name, follow: false, tail: 'all' });
    await ended(all);
    const ts = all.payloads.map((p) => p.ts);
    expect(all.payloads.map((p) => p.text)).toEqual(['l1', 'l2', 'l3', 'l4', 'l5', 'l6']);

    const range = stack.subscribe('containers.logs', { id: name, tail: 'all', since: ts[1], until: ts[4] });
    await ended(range);
    expect(range.payloads.map((p) => p.text)).toEqual(['l2', 'l3', 'l4']);

    // "Load earlier": the 2 lines before the oldest one shown (l5).
    const earlier = stack.subscribe('containers.logs', { id: name, follow: false, tail: 2, until: ts[4] });
    await ended(earlier);
    expect(earlier.payloads.map((p) => p.text)).toEqual(['l3', 'l4']);
  });

  test('unknown container → NOT_FOUND; bad time → INVALID_ARGUMENT', async () => {
    const sub = stack.subscribe('containers.logs', { id: uniqueName('nope') });
    const f = await ended(sub);
    expect(f.kind === 'error' && f.error.code).toBe('NOT_FOUND');
    const bad = stack.subscribe('containers.logs', { id: 'x', since: 'yesterday-ish' });
    const g = await ended(bad);
    expect(g.kind === 'error' && g.error.code).toBe('INVALID_ARGUMENT');
  });

  test('unsubscribe ends a follow stream without leaking it', async () => {
    const name = await runScript('abort', 'while true; do echo tick; sleep 0.1; done', ['--stop-timeout', '1']);
    const sub = stack.subscribe('containers.logs', { id: name, tail: 0 });
    await sub.waitFor((p) => p.text === 'tick');
    expect(stack.session.activeStreams).toBeGreaterThan(0);
    sub.unsubscribe();
    expect(stack.session.activeStreams).toBe(0);
    const n = sub.payloads.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(sub.payloads.length).toBe(n);
  });
});

describe('backpressure', () => {
  test('a consumer that does not ack pauses the producer; acks resume it; no line lost', async () => {
    const LINES = 200_000;
    const name = await runScript('flood', `seq 1 ${LINES}`);
    await waitExited(name);

    const engine = new Engine({ log: () => undefined });
    const WINDOW = 4;
    const dispatcher = createDispatcher(contract, createHandlers(engine), { window: WINDOW, batchMs: 5 });
    const frames: StreamFrame[] = [];
    const session = dispatcher.open('bp-test', (f) => frames.push(f));
    try {
      session.subscribe('s1', 'containers.logs', { id: name, tail: 'all', follow: false });
      // Without acks the producer must stop after WINDOW batches.
      await waitFor(() => frames.filter((f) => f.kind === 'data').length >= WINDOW, { timeoutMs: 20_000 });
      await new Promise((r) => setTimeout(r, 500));
      const stalled = frames.filter((f) => f.kind === 'data').length;
      expect(stalled).toBeLessThanOrEqual(WINDOW + 1);
      const got = (): number => frames.reduce((n, f) => n + (f.kind === 'data' ? f.payloads.length : 0), 0);
      expect(got()).toBeLessThan(LINES);
      expect(frames.some((f) => f.kind === 'end')).toBe(false);

      // Ack everything from now on: the stream resumes and delivers every line once, in order.
      let acked = 0;
      const ackAll = (): void => {
        const data = frames.filter((f) => f.kind === 'data').length;
        for (; acked < data; acked++) session.ack('s1');
      };
      ackAll();
      await waitFor(
        () => {
          ackAll();
          return frames.some((f) => f.kind !== 'data');
        },
        { timeoutMs: 60_000, intervalMs: 5 },
      );
      expect(frames.at(-1)?.kind).toBe('end');
      const lines = frames.flatMap((f) => (f.kind === 'data' ? (f.payloads as LogLine[]) : []));
      expect(lines).toHaveLength(LINES);
      for (let i = 0; i < LINES; i += 9973) expect(lines[i]?.text).toBe(String(i + 1));
      expect(lines.at(-1)?.text).toBe(String(LINES));
    } finally {
      session.close();
      engine.stop();
    }
  });
});
