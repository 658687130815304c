import { describe, expect, test } from 'vitest';
import { SendGuard } from '../../../electron/ipc/send-guard';

/** A socket whose send queue the test sets by hand. */
class FakeSocket {
  bufferedAmount = 0;
  terminated = false;
  terminate(): void {
    this.terminated = true;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const opts = { high: 1000, low: 100, hard: 10_000, stallMs: 150, pollMs: 5 };

describe('SendGuard', () => {
  test('acks pass straight through while the queue is short', () => {
    const sock = new FakeSocket();
    const released: string[] = [];
    const guard = new SendGuard(sock, (s) => released.push(s), opts);
    sock.bufferedAmount = 999;
    guard.afterSend();
    guard.ack('a');
    expect(released).toEqual(['a']);
    expect(guard.paused).toBe(false);
    guard.dispose();
  });

  test('above high, acks are held and released in order once the queue drains below low', async () => {
    const sock = new FakeSocket();
    const released: string[] = [];
    const guard = new SendGuard(sock, (s) => released.push(s), opts);
    sock.bufferedAmount = 5000;
    guard.afterSend();
    guard.ack('a');
    guard.ack('b');
    expect(released).toEqual([]);
    expect(guard.paused).toBe(true);
    sock.bufferedAmount = 50;
    await sleep(30);
    expect(released).toEqual(['a', 'b']);
    expect(guard.paused).toBe(false);
    expect(sock.terminated).toBe(false);
    guard.dispose();
  });

  test('a queue that drains slowly (a slow link) is not dropped', async () => {
    const sock = new FakeSocket();
    const guard = new SendGuard(sock, () => undefined, opts);
    sock.bufferedAmount = 5000;
    guard.afterSend();
    for (let i = 0; i < 30; i++) {
      await sleep(20);
      sock.bufferedAmount -= 100; // 600 ms in all, four times stallMs
    }
    expect(sock.terminated).toBe(false);
    guard.dispose();
  });

  test('a queue that does not drain for stallMs is dropped, with the reason', async () => {
    const sock = new FakeSocket();
    const reasons: string[] = [];
    const guard = new SendGuard(sock, () => undefined, { ...opts, onDrop: (r) => reasons.push(r) });
    sock.bufferedAmount = 5000;
    guard.afterSend();
    await sleep(400);
    expect(sock.terminated).toBe(true);
    expect(reasons).toEqual(['not reading (5000 bytes queued)']);
  });

  test('a queue above hard is dropped at once', () => {
    const sock = new FakeSocket();
    const guard = new SendGuard(sock, () => undefined, opts);
    sock.bufferedAmount = 10_001;
    guard.afterSend();
    expect(sock.terminated).toBe(true);
  });
});
