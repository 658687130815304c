import { describe, expect, test } from 'vitest';
import type { LogLine } from '../../../shared/models';
import { alreadyShown } from '../../../renderer/presentation/logs';

const line = (ts: string, text: string): LogLine => ({ stream: 'stdout', ts, text });
const T1 = '2026-12-06T03:00:00.100000000Z';
const T2 = '2026-12-06T03:00:00.200000000Z';
const T3 = '2026-12-06T03:00:00.300000000Z';

describe('alreadyShown (a followed log resumed after an engine restart)', () => {
  test('drops older lines and the lines shown at the resume timestamp, keeps the rest', () => {
    const at = { ts: T2, texts: ['n=2;'] };
    const replay = [line(T1, 'n=1;'), line(T2, 'n=2;'), line(T2, 'n=3;'), line(T3, 'n=4;')];
    expect(replay.filter((l) => !alreadyShown(l, at)).map((l) => l.text)).toEqual(['n=3;', 'n=4;']);
  });

  test('each shown line matches once: a repeated text that is new still shows', () => {
    const at = { ts: T2, texts: ['tick'] };
    const replay = [line(T2, 'tick'), line(T2, 'tick'), line(T3, 'tick')];
    expect(replay.filter((l) => !alreadyShown(l, at))).toHaveLength(2);
  });

  test('no duplicate and no gap over a cut at any point of a stream', () => {
    const all = Array.from({ length: 40 }, (_, i) => line(i % 2 ? T2 : T1, `n=${i};`)).sort((a, b) =>
      a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0,
    );
    for (let cut = 1; cut < all.length; cut++) {
      const shown = all.slice(0, cut);
      const lastTs = shown.at(-1)!.ts;
      const at = { ts: lastTs, texts: shown.filter((l) => l.ts === lastTs).map((l) => l.text) };
      // The engine replays from `since` = lastTs (inclusive).
      const replay = all.filter((l) => l.ts >= lastTs);
      const resumed = [...shown, ...replay.filter((l) => !alreadyShown(l, at))];
      expect(resumed.map((l) => l.text)).toEqual(all.map((l) => l.text));
    }
  });
});
