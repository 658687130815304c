import { SEND_BUFFER_HARD, SEND_BUFFER_HIGH, SEND_BUFFER_LOW, SEND_STALL_MS } from './limits';

/**
 * Flow control for one WebSocket whose client may ack frames it never reads. The dispatcher's ack
 * window only slows a stream when acks stop; a client that acks blindly while its socket is not
 * drained would make the server queue frames without bound. So the transport, not the client,
 * decides: while more than `high` bytes wait in the socket, acks are held back (each stream then
 * stops at its window and pauses its engine read); they are released once the queue drains below
 * `low`. A client whose queue stays above `high` without draining at all for `stallMs` (a slow link
 * still drains; a client that stopped reading does not), or that passes `hard`, is dropped.
 */
export interface SendGuardSocket {
  readonly bufferedAmount: number;
  terminate(): void;
}

export interface SendGuardOptions {
  high?: number;
  low?: number;
  hard?: number;
  stallMs?: number;
  pollMs?: number;
  onDrop?: (reason: string) => void;
}

export class SendGuard {
  private readonly high: number;
  private readonly low: number;
  private readonly hard: number;
  private readonly stallMs: number;
  private readonly pollMs: number;
  private held: string[] = [];
  /** When the queue last shrank (or the pause began), and its size at the last poll. */
  private progressAt = 0;
  private lastQueued = 0;
  private poll: ReturnType<typeof setInterval> | undefined;
  private dropped = false;

  constructor(
    private readonly ws: SendGuardSocket,
    private readonly releaseAck: (sub: string) => void,
    private readonly opts: SendGuardOptions = {},
  ) {
    this.high = opts.high ?? SEND_BUFFER_HIGH;
    this.low = opts.low ?? SEND_BUFFER_LOW;
    this.hard = opts.hard ?? SEND_BUFFER_HARD;
    this.stallMs = opts.stallMs ?? SEND_STALL_MS;
    this.pollMs = opts.pollMs ?? 50;
  }

  get paused(): boolean {
    return this.poll !== undefined;
  }

  /** Call after every send: checks the queue against the limits. */
  afterSend(): void {
    if (this.dropped) return;
    const queued = this.ws.bufferedAmount;
    if (queued > this.hard) return this.drop(`send queue above ${this.hard} bytes`);
    if (queued > this.high && !this.poll) {
      this.progressAt = performance.now();
      this.lastQueued = queued;
      this.poll = setInterval(() => this.check(), this.pollMs);
    }
  }

  /** An ack from the client: forwarded now, or held while the socket is backed up. */
  ack(sub: string): void {
    if (this.dropped) return;
    // Bounded: a held ack is only useful once per sent frame; beyond that the client is lying.
    if (this.poll) {
      if (this.held.length < 4096) this.held.push(sub);
      return;
    }
    this.releaseAck(sub);
  }

  dispose(): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = undefined;
    this.held = [];
  }

  private check(): void {
    const queued = this.ws.bufferedAmount;
    if (queued <= this.low) {
      if (this.poll) clearInterval(this.poll);
      this.poll = undefined;
      for (const sub of this.held.splice(0)) this.releaseAck(sub);
      return;
    }
    if (queued < this.lastQueued) this.progressAt = performance.now();
    this.lastQueued = queued;
    if (performance.now() - this.progressAt > this.stallMs) this.drop(`not reading (${queued} bytes queued)`);
  }

  private drop(reason: string): void {
    this.dropped = true;
    this.dispose();
    this.opts.onDrop?.(reason);
    this.ws.terminate();
  }
}
