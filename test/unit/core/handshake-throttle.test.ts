import { describe, expect, test } from 'vitest';
import { HandshakeThrottle } from '../../../electron/ipc/handshake-throttle';

describe('HandshakeThrottle', () => {
  test('a burst of failures, then the address is refused until its bucket refills', () => {
    let now = 0;
    const t = new HandshakeThrottle({ burst: 3, perSecond: 2, now: () => now });
    for (let i = 0; i < 3; i++) {
      expect(t.allows('10.0.0.1')).toBe(true);
      t.failed('10.0.0.1', 'Unauthorized');
    }
    expect(t.allows('10.0.0.1')).toBe(false);
    expect(t.allows('10.0.0.2')).toBe(true); // other addresses are not affected
    now += 400;
    expect(t.allows('10.0.0.1')).toBe(false);
    now += 100; // 0.5 s at 2 a second: one more try
    expect(t.allows('10.0.0.1')).toBe(true);
    t.failed('10.0.0.1', 'Unauthorized');
    expect(t.allows('10.0.0.1')).toBe(false);
  });

  test('log lines are capped per window, then summed up in one line', () => {
    let now = 0;
    const lines: string[] = [];
    const t = new HandshakeThrottle({
      burst: 1000,
      logLines: 2,
      logWindowMs: 1000,
      log: (m) => lines.push(m),
      now: () => now,
    });
    for (let i = 0; i < 50; i++) t.failed(`10.0.0.${i}`, 'Unauthorized');
    expect(lines).toEqual([
      'rejected WebSocket from 10.0.0.0: Unauthorized',
      'rejected WebSocket from 10.0.0.1: Unauthorized',
    ]);
    now += 1000;
    t.failed('10.0.1.1', 'Forbidden origin');
    expect(lines.slice(2)).toEqual([
      'rejected WebSocket: 48 more refused handshakes not logged',
      'rejected WebSocket from 10.0.1.1: Forbidden origin',
    ]);
    t.throttled();
    expect(t.refused).toBe(52);
  });
});
