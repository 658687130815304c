import type { Contract } from '../../shared/contract';
import type { Handlers, StreamSink } from '../../shared/contract-kit';
import type { LogLine } from '../../shared/models';
import { LogLineParser, type LogRecord } from '../engine/demux';
import type { EngineApi } from '../engine/engine-api';
import { batchCap, MAX_BATCH_BYTES } from './batch-cap';
import { openLogs, type LogQuery } from '../engine/logs';

type LogHandlers = Pick<Handlers<Contract>, 'containers.logs'>;

/**
 * A since/until value in the form the engine parses ("<unix seconds>.<nanoseconds>"), from RFC 3339
 * (nanosecond precision kept) or Unix seconds. `shiftNs` moves it, e.g. -1 for "strictly before".
 */
export function toEngineTime(value: string, shiftNs = 0): string {
  let sec: bigint;
  let nanos: bigint;
  const unix = /^(\d+)(?:\.(\d{1,9}))?$/.exec(value);
  if (unix) {
    sec = BigInt(unix[1] ?? '0');
    nanos = BigInt((unix[2] ?? '').padEnd(9, '0') || '0');
  } else {
    // Date.parse keeps only milliseconds: parse the fraction ourselves.
    const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$/i.exec(value.trim());
    const base = m ? `${m[1]}${m[3] ?? 'Z'}` : value;
    const ms = Date.parse(base);
    if (Number.isNaN(ms)) throw new Error(`Not a time: ${value}`);
    sec = BigInt(Math.floor(ms / 1000));
    nanos = BigInt(((m?.[2] ?? '') + '000000000').slice(0, 9));
  }
  let total = sec * 1_000_000_000n + nanos + BigInt(shiftNs);
  if (total < 0n) total = 0n;
  const s = total / 1_000_000_000n;
  const n = total % 1_000_000_000n;
  return `${s}.${n.toString().padStart(9, '0')}`;
}

/** Keeps the last `limit` records (for "the last N lines before <until>"). */
class Ring {
  private readonly items: LogRecord[] = [];
  private start = 0;
  constructor(private readonly limit: number) {}
  push(r: LogRecord): void {
    if (this.limit === 0) return;
    if (this.items.length < this.limit) this.items.push(r);
    else {
      this.items[this.start] = r;
      this.start = (this.start + 1) % this.limit;
    }
  }
  drain(): LogRecord[] {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }
}

/**
 * Reads the engine stream into the sink. Pauses the engine stream while the consumer is behind
 * (`sink.pressured`) and resumes once it caught up, so memory stays bounded however fast the
 * container writes. Resolves when the stream ends (container exited, or a non-follow read done).
 */
function pump(
  stream: NodeJS.ReadableStream & { destroy?: () => void },
  parser: LogLineParser,
  emit: (r: LogRecord) => void,
  sink: StreamSink<LogLine>,
  signal: AbortSignal,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const done = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (err && !signal.aborted) reject(err);
      else resolve();
    };
    const onAbort = (): void => {
      stream.destroy?.();
      done();
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });

    let waiting = false;
    const cap = batchCap(sink);
    stream.on('data', (chunk: Buffer) => {
      for (const r of parser.push(chunk)) emit(r);
      cap(chunk.length);
      if (sink.pressured && !waiting) {
        waiting = true;
        stream.pause();
        void sink.drained().then(() => {
          waiting = false;
          if (!settled) stream.resume();
        });
      }
    });
    stream.on('end', () => {
      for (const r of parser.end()) emit(r);
      done();
    });
    stream.on('close', () => {
      // A socket closed without 'end' (engine went away): still deliver what we had.
      if (!settled) {
        for (const r of parser.end()) emit(r);
        done();
      }
    });
    stream.on('error', (err: unknown) => done(err));
  });
}

/** Quiet time after which a held tail burst is sent although fewer than `tail` lines came. */
const TAIL_QUIET_MS = 3;

/** Holds the opening tail of a follow stream so that it goes out as one frame (see the handler). */
class TailBurst {
  private held: LogRecord[] = [];
  private bytes = 0;
  private left: number;
  private lastAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    tail: number,
    private readonly sink: StreamSink<LogLine>,
  ) {
    this.left = tail;
  }

  push(r: LogRecord): void {
    if (this.left <= 0) return this.sink.emit(r);
    this.held.push(r);
    this.bytes += r.text.length + 40;
    this.lastAt = performance.now();
    if (--this.left === 0) return this.release();
    if (this.bytes >= MAX_BATCH_BYTES) return this.send();
    this.timer ??= setTimeout(this.onQuiet, TAIL_QUIET_MS);
  }

  /** Sends what is held and stops holding. */
  release(): void {
    this.left = 0;
    this.send();
  }

  discard(): void {
    this.left = 0;
    this.held = [];
    this.clearTimer();
  }

  private readonly onQuiet = (): void => {
    this.timer = undefined;
    if (this.left <= 0) return;
    const idle = performance.now() - this.lastAt;
    if (idle >= TAIL_QUIET_MS) this.release();
    else this.timer = setTimeout(this.onQuiet, TAIL_QUIET_MS - idle);
  };

  private send(): void {
    this.clearTimer();
    if (this.held.length === 0) return;
    for (const r of this.held) this.sink.emit(r);
    this.held = [];
    this.bytes = 0;
    this.sink.flush?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export function logHandlers(engine: EngineApi): LogHandlers {
  return {
    'containers.logs': async ({ id, tail, since, until, follow }, sink, signal) => {
      const docker = await engine.docker();
      // The engine applies `tail` to the end of the whole log before `until`: "the last N lines before T"
      // has to read everything up to T and keep the last N here.
      const ring = until !== undefined && tail !== 'all' ? new Ring(tail) : undefined;
      const query: LogQuery = {
        follow: follow && until === undefined,
        stdout: true,
        stderr: true,
        timestamps: true,
        tail: ring ? 'all' : String(tail),
      };
      if (since !== undefined) query.since = toEngineTime(since);
      // `until` is exclusive here (the engine's is inclusive): "load earlier" passes the oldest line's time.
      if (until !== undefined) query.until = toEngineTime(until, -1);
      // One request: an unknown container is the engine's 404 (NOT_FOUND), and whether the stream is a
      // TTY's raw bytes or multiplexed frames shows in its first byte (no inspect round trip first).
      const stream = await openLogs(docker, id, query, signal);
      const parser = new LogLineParser('auto');
      // The first `tail` lines are one burst: held here and sent as one frame the moment the last of them
      // is read (the view is waiting for exactly that line), or once the engine goes quiet (a log shorter
      // than the tail), or every MAX_BATCH_BYTES; later lines are batched by the dispatcher as usual.
      const burst = query.follow && typeof tail === 'number' && tail > 0 ? new TailBurst(tail, sink) : undefined;
      const emit = ring
        ? (r: LogRecord) => ring.push(r)
        : burst
          ? (r: LogRecord) => burst.push(r)
          : (r: LogRecord) => sink.emit(r);
      try {
        await pump(stream, parser, emit, sink, signal);
      } finally {
        if (signal.aborted) burst?.discard();
        else burst?.release();
      }
      if (ring && !signal.aborted) for (const r of ring.drain()) sink.emit(r);
    },
  };
}
