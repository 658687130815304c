import { describe, expect, test } from 'vitest';
import { ServiceSupervisor, type SupervisedChild } from '../../../electron/engine/service-supervisor';

/** A fake child process and clock: the supervisor's restart/backoff/stop logic, without processes. */
class FakeChild implements SupervisedChild {
  exitListeners: ((code: number | null, signal: NodeJS.Signals | null) => void)[] = [];
  killed: NodeJS.Signals[] = [];
  detached = false;
  constructor(readonly pid: number) {}
  onExit(l: (code: number | null, signal: NodeJS.Signals | null) => void): void {
    this.exitListeners.push(l);
  }
  kill(signal: NodeJS.Signals): void {
    this.killed.push(signal);
    this.die(null, signal);
  }
  detach(): void {
    this.detached = true;
  }
  die(code: number | null, signal: NodeJS.Signals | null = null): void {
    this.exitListeners.forEach((l) => l(code, signal));
  }
}

function harness(opts: { failSpawn?: boolean } = {}) {
  let now = 0;
  let pid = 100;
  const children: FakeChild[] = [];
  const timers: { at: number; fn: () => void; cancelled: boolean }[] = [];
  let tail = '';
  const sup = new ServiceSupervisor(
    {
      spawn: () => {
        if (opts.failSpawn) throw new Error('spawn podman ENOENT');
        const c = new FakeChild(++pid);
        children.push(c);
        return c;
      },
      stderrTail: () => tail,
      setTimer: (fn, ms) => {
        const t = { at: now + ms, fn, cancelled: false };
        timers.push(t);
        return { cancel: () => (t.cancelled = true) };
      },
      now: () => now,
    },
    { backoffMs: 100, maxBackoffMs: 1000, healthyAfterMs: 10_000, maxQuickDeaths: 3 },
  );
  /** Advances the clock, firing due timers; returns the delays that fired. */
  const advance = (ms: number): void => {
    now += ms;
    for (const t of timers.filter((x) => !x.cancelled && x.at <= now)) {
      t.cancelled = true;
      t.fn();
    }
  };
  const pending = () => timers.filter((t) => !t.cancelled).map((t) => t.at - now);
  return { sup, children, advance, pending, setTail: (t: string) => (tail = t) };
}

describe('ServiceSupervisor', () => {
  test('starts once and reports the pid', () => {
    const h = harness();
    h.sup.start();
    h.sup.start();
    expect(h.children).toHaveLength(1);
    expect(h.sup.snapshot).toEqual({ state: 'running', pid: 101, restarts: 0 });
  });

  test('restarts a child that dies, with doubling backoff, and reports its stderr tail', () => {
    const h = harness();
    h.sup.start();
    h.setTail('Error: cannot bind socket: address in use\n');
    h.children[0]!.die(125);
    expect(h.sup.snapshot.state).toBe('restarting');
    expect(h.sup.snapshot.error).toBe('The service exited with code 125: Error: cannot bind socket: address in use');
    expect(h.pending()).toEqual([100]);
    h.advance(100);
    expect(h.children).toHaveLength(2);
    expect(h.sup.snapshot).toMatchObject({ state: 'running', restarts: 1 });
    h.children[1]!.die(1);
    expect(h.pending()).toEqual([200]);
    h.advance(200);
    h.children[2]!.die(null, 'SIGSEGV');
    expect(h.sup.snapshot.error).toMatch(/^The service was killed by SIGSEGV/);
    expect(h.pending()).toEqual([400]);
  });

  test('gives up after too many quick deaths, and a new start() tries afresh', () => {
    const h = harness();
    h.sup.start();
    for (let i = 0; i < 3; i++) {
      h.children.at(-1)!.die(1);
      h.advance(1000);
    }
    h.children.at(-1)!.die(1);
    expect(h.sup.snapshot.state).toBe('failed');
    expect(h.pending()).toEqual([]);
    expect(h.children).toHaveLength(4);
    h.sup.start();
    expect(h.children).toHaveLength(5);
    expect(h.sup.snapshot.state).toBe('running');
    expect(h.sup.snapshot.error).toBeUndefined();
  });

  test('a child that ran long enough restarts at the first delay again', () => {
    const h = harness();
    h.sup.start();
    h.children[0]!.die(1);
    h.advance(100);
    h.children[1]!.die(1);
    h.advance(200);
    h.advance(60_000); // healthy for a minute
    h.children[2]!.die(1);
    expect(h.pending()).toEqual([100]);
  });

  test('stop() kills the child and does not restart it', () => {
    const h = harness();
    h.sup.start();
    h.sup.stop();
    expect(h.children[0]!.killed).toEqual(['SIGTERM']);
    expect(h.sup.snapshot.state).toBe('stopped');
    expect(h.pending()).toEqual([]);
  });

  test('stop() while waiting to restart cancels the restart', () => {
    const h = harness();
    h.sup.start();
    h.children[0]!.die(1);
    h.sup.stop();
    h.advance(10_000);
    expect(h.children).toHaveLength(1);
    expect(h.sup.snapshot.state).toBe('stopped');
  });

  test('release() leaves the child running, detached, and never restarts it', () => {
    const h = harness();
    h.sup.start();
    h.sup.release();
    expect(h.children[0]!.killed).toEqual([]);
    expect(h.children[0]!.detached).toBe(true);
    h.children[0]!.die(0);
    h.advance(10_000);
    expect(h.children).toHaveLength(1);
  });

  test('a spawn that throws is a failure with its reason', () => {
    const h = harness({ failSpawn: true });
    h.sup.start();
    expect(h.sup.snapshot).toEqual({ state: 'failed', restarts: 0, error: 'spawn podman ENOENT' });
  });
});

describe('logMessage', () => {
  test("keeps the message of podman's logrus lines, unescaped", async () => {
    const { logMessage } = await import('../../../electron/engine/podman-service');
    const line =
      'time="2026-12-06T05:43:05Z" level=error msg="reading system config \\"/tmp/x/bad.conf\\": decode configuration"';
    expect(logMessage(line)).toBe('reading system config "/tmp/x/bad.conf": decode configuration');
    expect(logMessage('Error: plain words')).toBe('Error: plain words');
  });
});
