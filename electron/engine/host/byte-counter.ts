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
  /** Counts bytes moved outside a pipeline (throttled report). */
  add(n: number): void {
    this.bytes += n;
    const now = Date.now();
    if (now - this.last >= PROGRESS_MS) {
      this.last = now;
      this.report(this.bytes);
    }
  }
  /** The final report, for bytes counted with `add`. */
  done(): void {
    this.report(this.bytes);
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.add(chunk.length);
    cb(null, chunk);
  }
  override _flush(cb: TransformCallback): void {
    this.done();
    cb();
  }
}
