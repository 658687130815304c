/**
 * The dispatcher sends the first payload after a quiet spell at once (next turn), so a keystroke's
 * echo does not wait a batch window; a busy stream is still batched once per window.
 */
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createDispatcher } from '../../../electron/ipc/dispatcher';
import { stream, type Handlers, type StreamSink } from '../../../shared/contract-kit';
import type { StreamFrame } from '../../../shared/protocol';

const c = { 'ticks.forever': stream(z.object({}), z.number()) } as const;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('dispatcher leading-edge flush', () => {
  test('an idle stream flushes its first payload without waiting the batch window', async () => {
    let sink: StreamSink<number> | undefined;
    const handlers: Handlers<typeof c> = {
      'ticks.forever': async (_a, s, signal) => {
        sink = s;
        await new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }));
      },
    };
    const frames: Array<{ at: number; frame: StreamFrame }> = [];
    const BATCH = 200;
    const session = createDispatcher(c, handlers, { batchMs: BATCH }).open('x', (frame) =>
      frames.push({ at: performance.now(), frame }),
    );
    session.subscribe('s', 'ticks.forever', {});
    await sleep(5);
    const t0 = performance.now();
    sink!.emit(1);
    sink!.emit(2);
    await sleep(20);
    expect(frames.map((f) => f.frame)).toEqual([{ sub: 's', kind: 'data', payloads: [1, 2] }]);
    expect(frames[0]!.at - t0).toBeLessThan(BATCH / 2);
    // Right after a flush the stream counts as busy: the next payloads wait for the window.
    sink!.emit(3);
    sink!.emit(4);
    await sleep(20);
    expect(frames).toHaveLength(1);
    await sleep(BATCH);
    expect(frames.map((f) => f.frame)).toEqual([
      { sub: 's', kind: 'data', payloads: [1, 2] },
      { sub: 's', kind: 'data', payloads: [3, 4] },
    ]);
    session.close();
  });
});
