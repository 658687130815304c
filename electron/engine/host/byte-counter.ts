import { Transform, type TransformCallback } from 'node:stream';

/** Progress frames at most this often (the transport batches too; a copy moves many MB/s). */
export const PROGRESS_MS = 100;

/** Counts bytes passing through and reports them, throttled, with a final report on flush. */
export class ByteCounter extends Transform {
  bytes = 0;
  private last = 0;
  constructor(private readonly report: (bytes: number) => void) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    const now = Date.now();
    if (now - this.last >= PROGRESS_MS) {
      this.last = now;
      this.report(this.bytes);
    }
    cb(null, chunk);
  }
  override _flush(cb: TransformCallback): void {
    this.report(this.bytes);
    cb();
  }
}
