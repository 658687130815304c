/**
 * Flow control for xterm.js (its "flow control" guide): count the bytes handed to `term.write` that
 * xterm has not parsed yet (its write callback says when). Above HIGH the producer gets a promise
 * that resolves once xterm is back under LOW; the stream client holds that batch's ack until then,
 * so the server pauses the engine stream instead of the page buffering without bound.
 */
export const HIGH_WATERMARK = 64 * 1024;
export const LOW_WATERMARK = 16 * 1024;

export type WriteFn = (data: string, done: () => void) => void;

export class WriteFlow {
  private pendingBytes = 0;
  private waiters: Array<() => void> = [];
  private disposed = false;

  constructor(
    private readonly write: WriteFn,
    private readonly high = HIGH_WATERMARK,
    private readonly low = LOW_WATERMARK,
  ) {
    if (low > high) throw new RangeError('LOW watermark must not exceed HIGH');
  }

  /** Bytes (UTF-16 code units, close enough) written but not yet parsed. */
  get pending(): number {
    return this.pendingBytes;
  }

  /** Writes `data`; returns a promise only when the caller should wait before sending more. */
  push(data: string): Promise<void> | undefined {
    if (this.disposed) return undefined;
    const size = data.length;
    this.pendingBytes += size;
    this.write(data, () => {
      this.pendingBytes = Math.max(0, this.pendingBytes - size);
      if (this.pendingBytes <= this.low) this.release();
    });
    if (this.pendingBytes <= this.high) return undefined;
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Unblocks every waiter (the terminal is going away). */
  dispose(): void {
    this.disposed = true;
    this.release();
  }

  private release(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
