import { describe, expect, test } from 'vitest';
import { LogLineParser, RawPassthrough, type LogRecord } from '../../../electron/engine/demux';
import { FrameDemuxer } from '../../../electron/engine/frame-demuxer';
import { toEngineTime } from '../../../electron/handlers/logs';

function frame(type: number, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const head = Buffer.alloc(8);
  head[0] = type;
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
}

/** Feeds `whole` in pieces of `size` bytes (1 = every possible split point). */
function feed(parser: { push(b: Buffer): LogRecord[]; end(): LogRecord[] }, whole: Buffer, size: number): LogRecord[] {
  const out: LogRecord[] = [];
  for (let i = 0; i < whole.length; i += size) out.push(...parser.push(whole.subarray(i, i + size)));
  out.push(...parser.end());
  return out;
}

const TS1 = '2024-05-01T10:00:00.000000001Z';
const TS2 = '2024-05-01T10:00:00.000000002Z';
const TS3 = '2024-05-01T10:00:00.000000003Z';

describe('FrameDemuxer', () => {
  test('frames split inside headers and payloads come out whole', () => {
    const whole = Buffer.concat([frame(1, 'hello\n'), frame(2, 'oops\n'), frame(1, '')]);
    for (const size of [1, 2, 3, 7, 8, 9, 13, whole.length]) {
      const d = new FrameDemuxer();
      const frames = [];
      for (let i = 0; i < whole.length; i += size) frames.push(...d.push(whole.subarray(i, i + size)));
      expect(frames.map((f) => [f.stream, f.data.toString()])).toEqual([
        ['stdout', 'hello\n'],
        ['stderr', 'oops\n'],
        ['stdout', ''],
      ]);
      expect(d.pendingBytes).toBe(0);
    }
  });

  test('reports a truncated frame as pending bytes', () => {
    const d = new FrameDemuxer();
    expect(d.push(frame(1, 'abcdef').subarray(0, 10))).toEqual([]);
    expect(d.pendingBytes).toBe(10);
  });

  test('raw passthrough is all stdout', () => {
    expect(new RawPassthrough().push(Buffer.from('x\x1b[31my'))).toEqual([
      { type: 1, stream: 'stdout', data: Buffer.from('x\x1b[31my') },
    ]);
  });
});

describe('LogLineParser (multiplexed)', () => {
  test('interleaved stdout/stderr with timestamps, split at every byte', () => {
    const whole = Buffer.concat([
      frame(1, `${TS1} out one\n`),
      frame(2, `${TS2} err one\n`),
      frame(1, `${TS3} out two\n`),
    ]);
    for (const size of [1, 5, 8, 31, 1000]) {
      expect(feed(new LogLineParser('multiplexed'), whole, size)).toEqual([
        { stream: 'stdout', ts: TS1, text: 'out one' },
        { stream: 'stderr', ts: TS2, text: 'err one' },
        { stream: 'stdout', ts: TS3, text: 'out two' },
      ]);
    }
  });

  test('UTF-8 sequences split across partial messages and chunks survive', () => {
    const text = 'ü€😀 done';
    const bytes = Buffer.from(text, 'utf8');
    // The engine split the line into two partial messages in the middle of the euro sign.
    const cut = Buffer.from('ü', 'utf8').length + 1;
    const whole = Buffer.concat([
      frame(1, Buffer.concat([Buffer.from(`${TS1} `), bytes.subarray(0, cut)])),
      frame(1, Buffer.concat([Buffer.from(`${TS2} `), bytes.subarray(cut), Buffer.from('\n')])),
    ]);
    for (const size of [1, 2, 3, 40, 1000]) {
      expect(feed(new LogLineParser('multiplexed'), whole, size)).toEqual([{ stream: 'stdout', ts: TS1, text }]);
    }
  });

  test('partial messages of a long line are joined under the first timestamp', () => {
    const a = 'a'.repeat(16384);
    const whole = Buffer.concat([frame(1, `${TS1} ${a}`), frame(1, `${TS2} ${a}`), frame(1, `${TS3} end\n`)]);
    const out = feed(new LogLineParser('multiplexed'), whole, 4096);
    expect(out).toHaveLength(1);
    expect(out[0]).toEqual({ stream: 'stdout', ts: TS1, text: `${a}${a}end` });
  });

  test('a partial stderr line does not swallow stdout lines in between', () => {
    const whole = Buffer.concat([frame(2, `${TS1} half`), frame(1, `${TS2} out\n`), frame(2, `${TS3} -rest\n`)]);
    expect(feed(new LogLineParser('multiplexed'), whole, 3)).toEqual([
      { stream: 'stdout', ts: TS2, text: 'out' },
      { stream: 'stderr', ts: TS1, text: 'half-rest' },
    ]);
  });

  test('empty lines, CRLF, and a last line without newline', () => {
    const whole = Buffer.concat([frame(1, `${TS1} \n`), frame(1, `${TS2} dos\r\n`), frame(1, `${TS3} last`)]);
    expect(feed(new LogLineParser('multiplexed'), whole, 1)).toEqual([
      { stream: 'stdout', ts: TS1, text: '' },
      { stream: 'stdout', ts: TS2, text: 'dos' },
      { stream: 'stdout', ts: TS3, text: 'last' },
    ]);
  });

  test('a message without a timestamp keeps its text', () => {
    expect(feed(new LogLineParser('multiplexed'), frame(1, 'no stamp here\n'), 100)).toEqual([
      { stream: 'stdout', ts: '', text: 'no stamp here' },
    ]);
  });
});

describe('LogLineParser (raw / TTY)', () => {
  test('passthrough: lines split anywhere, ANSI kept, CR stripped', () => {
    const whole = Buffer.from(`${TS1} \x1b[31mred\x1b[0m\r\n${TS2} ü€\r\n${TS3} tail`, 'utf8');
    for (const size of [1, 2, 7, 1000]) {
      expect(feed(new LogLineParser('raw'), whole, size)).toEqual([
        { stream: 'stdout', ts: TS1, text: '\x1b[31mred\x1b[0m' },
        { stream: 'stdout', ts: TS2, text: 'ü€' },
        { stream: 'stdout', ts: TS3, text: 'tail' },
      ]);
    }
  });

  test('timestamps the engine put inside a long TTY line are removed', () => {
    const a = 'a'.repeat(16384);
    const whole = Buffer.from(`${TS1} ${a}${TS2} ${a}${TS3} end\r\n`);
    expect(feed(new LogLineParser('raw'), whole, 5000)).toEqual([{ stream: 'stdout', ts: TS1, text: `${a}${a}end` }]);
  });
});

describe("LogLineParser ('auto': the stream's first byte tells)", () => {
  test('a multiplexed stream (frame header first) is demuxed, split at every byte', () => {
    const whole = Buffer.concat([frame(2, `${TS1} err\n`), frame(1, `${TS2} out\n`)]);
    for (const size of [1, 3, 8, whole.length]) {
      const p = new LogLineParser('auto');
      expect(feed(p, whole, size)).toEqual([
        { stream: 'stderr', ts: TS1, text: 'err' },
        { stream: 'stdout', ts: TS2, text: 'out' },
      ]);
      expect(p.mode).toBe('multiplexed');
    }
  });

  test("a TTY's raw stream (a timestamp's digit first) is read as raw bytes", () => {
    const whole = Buffer.from(`${TS1} \x1b[32mok\x1b[0m\r\n${TS2} two\r\n`, 'utf8');
    for (const size of [1, 5, whole.length]) {
      const p = new LogLineParser('auto');
      expect(feed(p, whole, size)).toEqual([
        { stream: 'stdout', ts: TS1, text: '\x1b[32mok\x1b[0m' },
        { stream: 'stdout', ts: TS2, text: 'two' },
      ]);
      expect(p.mode).toBe('raw');
    }
  });

  test('empty chunks and an empty log decide nothing and yield nothing', () => {
    const p = new LogLineParser('auto');
    expect(p.push(Buffer.alloc(0))).toEqual([]);
    expect(p.end()).toEqual([]);
    expect(p.mode).toBe('auto');
  });
});

describe('toEngineTime', () => {
  test('keeps nanoseconds of RFC 3339 and shifts', () => {
    expect(toEngineTime('2024-05-01T10:00:00.123456789Z')).toBe('1714557600.123456789');
    expect(toEngineTime('2024-05-01T10:00:00.000000000Z', -1)).toBe('1714557599.999999999');
    expect(toEngineTime('2024-05-01T12:00:00+02:00')).toBe('1714557600.000000000');
    expect(toEngineTime('1714557600.5')).toBe('1714557600.500000000');
    expect(toEngineTime('1714557600')).toBe('1714557600.000000000');
    expect(() => toEngineTime('yesterday')).toThrow();
  });
});
