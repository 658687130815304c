import { randomUUID } from 'node:crypto';
import { BerthError } from '../../../shared/errors';

/**
 * Client upload sessions: the bytes of a drag-and-drop upload arrive as files.uploadChunk calls, in
 * item order. Each call's promise settles once the tar writer has consumed the chunk (written it and
 * waited for the upload to drain), which is the client's flow control; a session belongs to the stream
 * that opened it and to its sender, and ends with it.
 */

/** Bytes queued but not yet consumed, across concurrent chunk calls of one session. */
const MAX_QUEUED_BYTES = 16 * 1024 * 1024;
export const MAX_CHUNK_BYTES = 1024 * 1024;

interface Pending {
  buf: Buffer;
  taken: () => void;
  failed: (e: Error) => void;
}

/** An ordered byte queue fed by chunk calls and read, a file at a time, by the tar writer. */
export class ChunkFeed {
  private readonly queue: Pending[] = [];
  private queued = 0;
  private received = 0;
  private wake: (() => void) | undefined;
  private ended: Error | undefined;
  /** The chunk handed to the reader whose call has not settled yet (settles when the reader asks for more). */
  private inHand: Pending | undefined;

  constructor(private readonly expected: number) {}

  push(buf: Buffer): Promise<void> {
    if (this.ended) return Promise.reject(this.ended);
    if (this.received + buf.length > this.expected) {
      return Promise.reject(
        new BerthError('INVALID_ARGUMENT', `More bytes than the upload's files hold (${this.expected} bytes)`),
      );
    }
    if (this.queued + buf.length > MAX_QUEUED_BYTES) {
      return Promise.reject(new BerthError('LIMIT_EXCEEDED', 'Too many chunks in flight; wait for earlier ones'));
    }
    this.received += buf.length;
    this.queued += buf.length;
    return new Promise<void>((taken, failed) => {
      this.queue.push({ buf, taken, failed });
      this.wake?.();
    });
  }

  private async head(): Promise<Pending> {
    for (;;) {
      if (this.ended) throw this.ended;
      const first = this.queue[0];
      if (first) return first;
      await new Promise<void>((r) => (this.wake = r));
      this.wake = undefined;
    }
  }

  /** Exactly `size` bytes, as they arrive; a chunk's call settles when the next read asks for more. */
  async *take(size: number): AsyncGenerator<Buffer> {
    let left = size;
    while (left > 0) {
      const head = await this.head();
      if (head.buf.length <= left) {
        this.queue.shift();
        this.queued -= head.buf.length;
        left -= head.buf.length;
        this.inHand = head;
        try {
          yield head.buf;
        } finally {
          // Also when the reader stops here (its file is complete): the chunk was taken. After close()
          // the call has already failed, and settling it again does nothing.
          this.inHand = undefined;
          head.taken();
        }
      } else {
        const part = head.buf.subarray(0, left);
        head.buf = head.buf.subarray(left);
        this.queued -= left;
        left = 0;
        yield part;
      }
    }
  }

  /**
   * Ends the feed: queued and later chunk calls fail with `reason`, and so does the chunk the reader
   * holds (a cancelled reader may never come back for more, so its call would otherwise never settle).
   */
  close(reason: Error): void {
    if (this.ended) return;
    this.ended = reason;
    this.inHand?.failed(reason);
    this.inHand = undefined;
    for (const p of this.queue.splice(0)) p.failed(reason);
    this.queued = 0;
    this.wake?.();
  }
}

export interface OpenSession {
  id: string;
  feed: ChunkFeed;
  close(): void;
}

export class UploadSessions {
  private readonly live = new Map<string, { sender: string; feed: ChunkFeed }>();

  open(sender: string, expectedBytes: number): OpenSession {
    const id = randomUUID();
    const feed = new ChunkFeed(expectedBytes);
    this.live.set(id, { sender, feed });
    return {
      id,
      feed,
      close: () => {
        this.live.delete(id);
        feed.close(new BerthError('CANCELLED', 'The upload has ended'));
      },
    };
  }

  /** Feeds a chunk to a session this sender opened; someone else's session answers like a missing one. */
  push(id: string, sender: string, data: Buffer): Promise<void> {
    const s = this.live.get(id);
    if (!s || s.sender !== sender) {
      return Promise.reject(new BerthError('NOT_FOUND', 'This upload has ended (or belongs to another window).'));
    }
    if (data.length > MAX_CHUNK_BYTES) {
      return Promise.reject(new BerthError('INVALID_ARGUMENT', 'A chunk holds at most 1 MiB'));
    }
    return s.feed.push(data);
  }

  get size(): number {
    return this.live.size;
  }
}
