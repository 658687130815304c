import {
  HANDSHAKE_FAILURE_BURST,
  HANDSHAKE_FAILURES_PER_SECOND,
  HANDSHAKE_LOG_LINES,
  HANDSHAKE_LOG_WINDOW_MS,
} from './limits';

/**
 * Failed WebSocket handshakes per client address, as a token bucket: a burst of failures, then a
 * steady trickle. An address over it is refused (429) before its token is even compared, so a
 * guesser gets a few tries a second instead of thousands. Also rate-limits the log lines about
 * refusals, which one client could otherwise emit by the thousand per second.
 */
export interface HandshakeThrottleOptions {
  burst?: number;
  perSecond?: number;
  logLines?: number;
  logWindowMs?: number;
  log?: (msg: string) => void;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Addresses remembered at once; beyond it the oldest are forgotten (a bounded map, not a leak). */
const MAX_TRACKED = 10_000;

export class HandshakeThrottle {
  private readonly burst: number;
  private readonly perMs: number;
  private readonly logLines: number;
  private readonly logWindowMs: number;
  private readonly log: (msg: string) => void;
  private readonly now: () => number;
  private readonly buckets = new Map<string, Bucket>();
  private windowStart = -Infinity;
  private linesInWindow = 0;
  private suppressed = 0;
  /** Refusals so far (all reasons), for tests and measurements. */
  refused = 0;

  constructor(opts: HandshakeThrottleOptions = {}) {
    this.burst = opts.burst ?? HANDSHAKE_FAILURE_BURST;
    this.perMs = (opts.perSecond ?? HANDSHAKE_FAILURES_PER_SECOND) / 1000;
    this.logLines = opts.logLines ?? HANDSHAKE_LOG_LINES;
    this.logWindowMs = opts.logWindowMs ?? HANDSHAKE_LOG_WINDOW_MS;
    this.log = opts.log ?? (() => undefined);
    this.now = opts.now ?? (() => performance.now());
  }

  private bucket(address: string): Bucket {
    const t = this.now();
    let b = this.buckets.get(address);
    if (b) {
      b.tokens = Math.min(this.burst, b.tokens + (t - b.at) * this.perMs);
      b.at = t;
      // Re-insert so the map's order is least-recently-seen first.
      this.buckets.delete(address);
    } else {
      b = { tokens: this.burst, at: t };
    }
    this.buckets.set(address, b);
    if (this.buckets.size > MAX_TRACKED) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    return b;
  }

  /** False when `address` has used up its failures: refuse it without looking at the request. */
  allows(address: string): boolean {
    return this.bucket(address).tokens >= 1;
  }

  /** Records a handshake refused because its address is throttled (not logged: that is the point). */
  throttled(): void {
    this.refused++;
  }

  /** Records one refused handshake (any reason) and logs it within the log budget. */
  failed(address: string, reason: string): void {
    this.refused++;
    const b = this.bucket(address);
    b.tokens = Math.max(0, b.tokens - 1);
    const t = this.now();
    if (t - this.windowStart >= this.logWindowMs) {
      if (this.suppressed > 0) {
        this.log(`rejected WebSocket: ${this.suppressed} more refused handshakes not logged`);
      }
      this.windowStart = t;
      this.linesInWindow = 0;
      this.suppressed = 0;
    }
    if (this.linesInWindow < this.logLines) {
      this.linesInWindow++;
      this.log(`rejected WebSocket from ${address}: ${reason}`);
    } else {
      this.suppressed++;
    }
  }
}
