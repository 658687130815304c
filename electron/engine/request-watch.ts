/**
 * Watches the engine's GET requests (lists, inspect, the first bytes of logs/stats/events), which a
 * healthy engine answers in well under a second:
 *  - one waiting longer than `slowAfterMs` makes the engine "slow" (the UI says so, with how long);
 *  - a plain GET (not a stream) that gets no answer in `timeoutMs` fails with a clear timeout error,
 *    so no view waits forever; streams and transfers have no timeout (they may rightly run for hours);
 *  - while slow and nothing else is waiting, a ping every `probeEveryMs` finds out when it answers
 *    again; the first answer (of anything) ends the slow spell, and the engine then resyncs;
 *  - a request that cannot connect at all (socket deleted, refused) is reported as lost.
 * Writes (POST/DELETE) are not watched: a stop may rightly take its timeout, a wait until the exit.
 */

/** The part of docker-modem's dial options this reads (dockerode's own shape). */
export interface DialOptions {
  method?: string;
  path?: string;
  isStream?: boolean;
  abortSignal?: AbortSignal;
}
type DialCallback = (err: unknown, data?: unknown) => void;
export interface DialModem {
  dial(options: DialOptions, callback: DialCallback): unknown;
}

export interface SlowInfo {
  /** How long the oldest request has waited, when this was measured. */
  forMs: number;
  /** e.g. "GET /containers/json". */
  request: string;
}

export interface RequestWatchOptions {
  slowAfterMs?: number;
  timeoutMs?: number;
  probeEveryMs?: number;
  /** A new request to the engine (e.g. ping), used only while slow with nothing else in flight. */
  probe?: () => Promise<unknown>;
  onSlow(info: SlowInfo | undefined): void;
  /** A request could not connect (ENOENT, ECONNREFUSED, …): the engine is gone. */
  onLost?(reason: string): void;
  now?: () => number;
}

/** Requests that may rightly take long on big hosts: not reported as a hanging engine. */
const UNWATCHED = /^\/(v[\d.]+\/)?(system\/df|images\/search)\b/;
// Connect-level failures only: a reset mid-stream (an exec, a log) is that stream's business.
const LOST_CODES = new Set(['ENOENT', 'ECONNREFUSED', 'ENOTSOCK']);

let nextId = 1;

export class RequestWatch {
  private readonly inFlight = new Map<number, { at: number; what: string }>();
  private slowSince: number | undefined;
  private slowWhat = '';
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastProbe = 0;
  private readonly slowAfterMs: number;
  private readonly timeoutMs: number;
  private readonly probeEveryMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: RequestWatchOptions) {
    this.slowAfterMs = opts.slowAfterMs ?? 4000;
    this.timeoutMs = opts.timeoutMs ?? 20_000;
    this.probeEveryMs = opts.probeEveryMs ?? 2000;
    this.now = opts.now ?? Date.now;
  }

  get slow(): boolean {
    return this.slowSince !== undefined;
  }

  /** Wraps the modem's dial; a client gets watched once. */
  attach(modem: DialModem): void {
    const marked = modem as DialModem & { berthWatched?: boolean };
    if (marked.berthWatched) return;
    marked.berthWatched = true;
    const dial = modem.dial.bind(modem);
    modem.dial = (options, callback) => this.dial(dial, options, callback);
  }

  /** Forget everything (the client was dropped: a new connection starts afresh). */
  reset(): void {
    this.inFlight.clear();
    this.stopTimer();
    if (this.slowSince !== undefined) {
      this.slowSince = undefined;
      this.opts.onSlow(undefined);
    }
  }

  /** One tick of the timer; public for the unit tests. */
  tick(): void {
    const now = this.now();
    let oldest: { at: number; what: string } | undefined;
    for (const r of this.inFlight.values()) if (!oldest || r.at < oldest.at) oldest = r;
    if (this.slowSince === undefined && oldest && now - oldest.at >= this.slowAfterMs) {
      this.slowSince = oldest.at;
      this.slowWhat = oldest.what;
      this.opts.onSlow({ forMs: now - oldest.at, request: oldest.what });
    }
    if (this.slowSince !== undefined && this.inFlight.size === 0 && now - this.lastProbe >= this.probeEveryMs) {
      this.lastProbe = now;
      void this.opts.probe?.().catch(() => undefined);
    }
    if (this.inFlight.size === 0 && this.slowSince === undefined) this.stopTimer();
  }

  private dial(dial: DialModem['dial'], options: DialOptions, callback: DialCallback): unknown {
    const path = options.path ?? '';
    if ((options.method ?? 'GET') !== 'GET' || UNWATCHED.test(path)) {
      return dial(options, (err, data) => {
        this.checkLost(err);
        callback(err, data);
      });
    }
    const what = `GET ${path.split('?')[0]}`;
    const id = nextId++;
    this.inFlight.set(id, { at: this.now(), what });
    this.startTimer();
    let timeout: AbortSignal | undefined;
    let opts = options;
    if (!options.isStream) {
      timeout = AbortSignal.timeout(this.timeoutMs);
      opts = {
        ...options,
        abortSignal: options.abortSignal ? AbortSignal.any([options.abortSignal, timeout]) : timeout,
      };
    }
    return dial(opts, (err, data) => {
      this.inFlight.delete(id);
      if (timeout?.aborted && !options.abortSignal?.aborted) {
        const e = new Error(
          `The engine did not answer ${what} within ${Math.round(this.timeoutMs / 1000)} s (it is hanging or overloaded)`,
        ) as Error & { code: string };
        e.code = 'ETIMEDOUT';
        callback(e);
        return;
      }
      // Else the engine answered (data, or an HTTP error of its own): it is not hanging.
      if (!this.checkLost(err)) this.answered();
      callback(err, data);
    });
  }

  /** True (and reported) when the request could not connect at all. */
  private checkLost(err: unknown): boolean {
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !LOST_CODES.has(code)) return false;
    this.opts.onLost?.(err instanceof Error ? err.message : code);
    return true;
  }

  private answered(): void {
    if (this.slowSince === undefined) return;
    this.slowSince = undefined;
    this.opts.onSlow(undefined);
    if (this.inFlight.size === 0) this.stopTimer();
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), 500);
    this.timer.unref?.();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** For the banner: what has been waiting since when (undefined when not slow). */
  get info(): SlowInfo | undefined {
    return this.slowSince === undefined ? undefined : { forMs: this.now() - this.slowSince, request: this.slowWhat };
  }
}
