/**
 * The engine's multiplexed stream, as attach, exec and logs send it for a container without a TTY:
 * frames of an 8-byte header [stream type, 0, 0, 0, size uint32 BE] followed by `size` bytes.
 * Headers and payloads may be split across chunks anywhere; `FrameDemuxer` carries the remainder.
 * Stream types: 0 = stdin (written to stdout by the engine), 1 = stdout, 2 = stderr, 3 = engine error.
 */

export type StdStream = 'stdout' | 'stderr';

export interface DemuxFrame {
  /** The header's stream type byte (see above). */
  type: number;
  /** Where to show it: stderr for types 2 and 3, else stdout. */
  stream: StdStream;
  data: Buffer;
}

const HEADER = 8;
const EMPTY = Buffer.alloc(0);

function streamOf(type: number): StdStream {
  return type === 2 || type === 3 ? 'stderr' : 'stdout';
}

/** Splits a multiplexed stream into frames, whatever the chunk boundaries. */
export class FrameDemuxer {
  private rest: Buffer = EMPTY;

  push(chunk: Buffer): DemuxFrame[] {
    const buf = this.rest.length === 0 ? chunk : Buffer.concat([this.rest, chunk]);
    const out: DemuxFrame[] = [];
    let off = 0;
    while (buf.length - off >= HEADER) {
      const size = buf.readUInt32BE(off + 4);
      if (buf.length - off - HEADER < size) break;
      const type = buf[off] ?? 1;
      out.push({ type, stream: streamOf(type), data: buf.subarray(off + HEADER, off + HEADER + size) });
      off += HEADER + size;
    }
    // Copy the remainder so the (possibly large) chunk it came from can be collected.
    this.rest = off >= buf.length ? EMPTY : Buffer.from(buf.subarray(off));
    return out;
  }

  /** Bytes of an incomplete frame still waiting for the rest (non-zero at end = truncated stream). */
  get pendingBytes(): number {
    return this.rest.length;
  }
}

/** The payloads of the process's own stdout (1) and stderr (2) frames, in order, as one buffer. */
export function processOutput(frames: readonly DemuxFrame[]): Buffer {
  const out = frames.filter((f) => f.type === 1 || f.type === 2).map((f) => f.data);
  return out.length === 1 ? out[0]! : Buffer.concat(out);
}
