/**
 * Docker log and attach streams, decoded. Knows nothing of IPC.
 *
 * - Multiplexed streams (containers without a TTY): split into frames by `FrameDemuxer`
 *   (./frame-demuxer).
 * - Raw streams (TTY containers): plain bytes, all of it stdout.
 *
 * `LogLineParser` turns either kind, requested with `timestamps=true`, into log records
 * `{ stream, ts, text }`: one streaming TextDecoder per stream (UTF-8 sequences survive splits), the
 * engine's RFC 3339 timestamp stripped into `ts`. The engine stores lines longer than 16 KiB as several
 * "partial" messages, each with its own timestamp: they are joined back into one line with the first one.
 */

import { TextDecoder } from 'node:util';
import { FrameDemuxer, type DemuxFrame, type StdStream } from './frame-demuxer';

export interface LogRecord {
  stream: StdStream;
  /** Engine timestamp, RFC 3339 with nanoseconds ("2024-05-01T10:00:00.123456789Z"); '' when missing. */
  ts: string;
  text: string;
}

/** Raw (TTY) streams carry no headers: everything is stdout. */
export class RawPassthrough {
  push(chunk: Buffer): DemuxFrame[] {
    return chunk.length === 0 ? [] : [{ type: 1, stream: 'stdout', data: chunk }];
  }
  get pendingBytes(): number {
    return 0;
  }
}

const SPACE = 0x20;
const NEWLINE = 0x0a;
/** Longest timestamp we look for ("2024-05-01T10:00:00.123456789+05:30" is 35 bytes). */
const MAX_TS = 40;
const TS_SHAPE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
/** Timestamps the engine inserts at each 16 KiB partial-message boundary of a long TTY line. */
const EMBEDDED_TS = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /g;
const PARTIAL_SIZE = 16 * 1024;

/** Length of a leading "<timestamp> " in `buf` from `start`, or 0 when there is none. */
function timestampLength(buf: Buffer, start: number): number {
  const end = Math.min(buf.length, start + MAX_TS);
  for (let i = start; i < end; i++) {
    if (buf[i] === SPACE) {
      return TS_SHAPE.test(buf.toString('latin1', start, i)) ? i - start + 1 : 0;
    }
  }
  return 0;
}

function stripCr(s: string): string {
  return s.charCodeAt(s.length - 1) === 13 ? s.slice(0, -1) : s;
}

interface LineState {
  decoder: TextDecoder;
  /** Text of the current, unfinished line. */
  carry: string;
  /** Timestamp of the current line (of its first partial message). */
  ts: string;
  /** True while inside a line (a message without its newline yet, or bytes held by the decoder). */
  open: boolean;
}

function newState(): LineState {
  return { decoder: new TextDecoder('utf-8'), carry: '', ts: '', open: false };
}

/**
 * Log records from a `/containers/{id}/logs?timestamps=1` stream.
 *
 *   const parser = new LogLineParser(tty ? 'raw' : 'multiplexed');
 *   stream.on('data', (chunk) => parser.push(chunk).forEach(emit));
 *   stream.on('end', () => parser.end().forEach(emit));
 */
export class LogLineParser {
  private demux: FrameDemuxer | undefined;
  private readonly states: Record<StdStream, LineState> = { stdout: newState(), stderr: newState() };
  private _mode: 'multiplexed' | 'raw' | 'auto';

  /**
   * 'auto' decides on the first byte, for a stream requested with timestamps: a multiplexed stream
   * opens with a frame header (stream 0, 1 or 2), a TTY's raw stream with a timestamp's first digit.
   * That saves inspecting the container first just to learn whether it has a TTY.
   */
  constructor(mode: 'multiplexed' | 'raw' | 'auto') {
    this._mode = mode;
    this.demux = mode === 'multiplexed' ? new FrameDemuxer() : undefined;
  }

  get mode(): 'multiplexed' | 'raw' | 'auto' {
    return this._mode;
  }

  push(chunk: Buffer): LogRecord[] {
    const out: LogRecord[] = [];
    if (this._mode === 'auto') {
      if (chunk.length === 0) return out;
      this._mode = chunk[0]! <= 2 ? 'multiplexed' : 'raw';
      if (this._mode === 'multiplexed') this.demux = new FrameDemuxer();
    }
    if (this.demux) {
      for (const f of this.demux.push(chunk)) this.message(f.stream, f.data, out);
    } else {
      this.raw(chunk, out);
    }
    return out;
  }

  /** Flushes unfinished lines (a last line without a newline). */
  end(): LogRecord[] {
    const out: LogRecord[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const st = this.states[stream];
      const rest = st.carry + st.decoder.decode();
      if (this.mode === 'raw') {
        if (rest) this.rawLine(rest, out);
      } else if (rest || st.open) {
        out.push({ stream, ts: st.ts, text: stripCr(rest) });
      }
      st.carry = '';
      st.open = false;
    }
    return out;
  }

  /** One multiplexed frame = one engine message: "<ts> <text>\n", or a partial message without "\n". */
  private message(stream: StdStream, data: Buffer, out: LogRecord[]): void {
    const st = this.states[stream];
    const tsLen = timestampLength(data, 0);
    const ts = tsLen > 0 ? data.toString('latin1', 0, tsLen - 1) : '';
    if (!st.open) st.ts = ts;
    const endsLine = data.length > tsLen && data[data.length - 1] === NEWLINE;
    // Fast path: a whole line in one message, nothing carried.
    if (!st.open && endsLine && data.indexOf(NEWLINE, tsLen) === data.length - 1) {
      out.push({ stream, ts, text: stripCr(data.toString('utf8', tsLen, data.length - 1)) });
      return;
    }
    const text = st.carry + st.decoder.decode(data.subarray(tsLen), { stream: true });
    const parts = text.split('\n');
    st.carry = parts.pop() ?? '';
    for (const line of parts) {
      out.push({ stream, ts: st.ts, text: stripCr(line) });
      st.ts = ts;
    }
    // Still open when the message did not end its line (partial) or the decoder holds half a character.
    st.open = st.carry !== '' || !endsLine;
  }

  /** TTY: a byte stream of "<ts> <text>\r\n" lines, no frame boundaries to rely on. */
  private raw(chunk: Buffer, out: LogRecord[]): void {
    const st = this.states.stdout;
    const text = st.carry + st.decoder.decode(chunk, { stream: true });
    const parts = text.split('\n');
    st.carry = parts.pop() ?? '';
    for (const line of parts) this.rawLine(line, out);
  }

  private rawLine(line: string, out: LogRecord[]): void {
    let ts = '';
    let text = line;
    const sp = line.indexOf(' ');
    if (sp > 0 && sp < MAX_TS && TS_SHAPE.test(line.slice(0, sp))) {
      ts = line.slice(0, sp);
      text = line.slice(sp + 1);
    }
    // A TTY line longer than 16 KiB came as partial messages, each with its own timestamp inside the line.
    if (text.length > PARTIAL_SIZE - MAX_TS) text = text.replace(EMBEDDED_TS, '');
    out.push({ stream: 'stdout', ts, text: stripCr(text) });
  }
}
