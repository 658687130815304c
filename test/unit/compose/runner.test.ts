import { describe, expect, test } from 'vitest';
import type { StreamSink } from '../../../shared/contract-kit';
import type { ComposeFrame } from '../../../shared/contracts/stacks';
import { runComposeStream } from '../../../electron/engine/compose/runner';

/** The runner with `sh -c` standing in for the compose CLI: frames, order, cancel and kill. */
function sink(): StreamSink<ComposeFrame> & { frames: ComposeFrame[] } {
  const frames: ComposeFrame[] = [];
  return { frames, emit: (f) => frames.push(f), pressured: false, drained: () => Promise.resolve() };
}
const sh = { command: 'sh', baseArgs: ['-c'] };
const text = (frames: ComposeFrame[], stream?: string): string =>
  frames.map((f) => (f.kind === 'output' && (!stream || f.stream === stream) ? f.text : '')).join('');

describe('compose runner', () => {
  test('start frame per run with the full argv; output chunks by stream, ANSI and UTF-8 intact; stops at a failure', async () => {
    const s = sink();
    const r = await runComposeStream({
      cli: sh,
      runs: [[`printf '\\033[32mdone\\033[0m é\\n'; printf 'to err\\n' >&2`], ['exit 3'], ['echo never']],
      cwd: '/',
      env: process.env,
      signal: new AbortController().signal,
      sink: s,
      run: 'r1',
    });
    expect(r).toMatchObject({ code: 3, cancelled: false });
    expect(r.output).toContain('to err');
    const starts = s.frames.filter((f) => f.kind === 'start');
    expect(starts).toEqual([
      { kind: 'start', run: 'r1', argv: ['sh', '-c', expect.stringContaining('printf')], cwd: '/' },
      { kind: 'start', run: 'r1', argv: ['sh', '-c', 'exit 3'], cwd: '/' },
    ]);
    expect(text(s.frames, 'stdout')).toBe('\x1b[32mdone\x1b[0m é\n');
    expect(text(s.frames, 'stderr')).toBe('to err\n');
  });

  test('a cancel sends SIGINT to the process group; a CLI that ignores it is killed after the grace time', async () => {
    const ctl = new AbortController();
    const s = sink();
    const started = Date.now();
    const pending = runComposeStream({
      cli: sh,
      // The shell ignores SIGINT and so does its child: only SIGKILL ends them.
      runs: [[`trap '' INT; echo ready; sleep 30 & wait`]],
      cwd: '/',
      env: process.env,
      signal: ctl.signal,
      sink: s,
      run: 'r2',
      killAfterMs: 300,
    });
    while (!text(s.frames).includes('ready')) await new Promise((r) => setTimeout(r, 20));
    ctl.abort();
    const r = await pending;
    expect(r).toMatchObject({ code: null, cancelled: true });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('SIGINT alone ends a CLI that honours it; a program that does not exist is reported, not thrown', async () => {
    const ctl = new AbortController();
    const s = sink();
    const pending = runComposeStream({
      cli: sh,
      runs: [['echo ready; sleep 30']],
      cwd: '/',
      env: process.env,
      signal: ctl.signal,
      sink: s,
      run: 'r3',
    });
    while (!text(s.frames).includes('ready')) await new Promise((r) => setTimeout(r, 20));
    ctl.abort();
    expect(await pending).toMatchObject({ cancelled: true });

    const missing = await runComposeStream({
      cli: { command: '/nonexistent/compose', baseArgs: [] },
      runs: [['up']],
      cwd: '/',
      env: process.env,
      signal: new AbortController().signal,
      sink: sink(),
      run: 'r4',
    });
    expect(missing.code).toBeNull();
    expect(missing.spawnError).toMatch(/Cannot run \/nonexistent\/compose: .*ENOENT/);
  }, 20_000); // spawns real processes: slow on a loaded 2-core machine
});
