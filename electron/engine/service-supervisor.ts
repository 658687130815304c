/**
 * Keeps one child process running: starts it, restarts it with backoff when it dies on its own, gives up
 * after too many quick deaths, and stops it on request. Pure logic: spawning, timers and reading the
 * child's log are injected, so the unit tests drive it with a fake spawn and a fake clock.
 */

export interface SupervisedChild {
  readonly pid?: number | undefined;
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  kill(signal: NodeJS.Signals): void;
  /** Lets Berth exit while the child keeps running (kept services). */
  detach(): void;
}

export interface SupervisorDeps {
  spawn(): SupervisedChild;
  /** The last lines the child wrote to its log (stderr), for the error shown when it dies. */
  stderrTail(): string;
  setTimer(fn: () => void, ms: number): { cancel(): void };
  now(): number;
}

export interface SupervisorOptions {
  /** First restart delay; doubled per quick death up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A child that ran this long counts as healthy: the next death restarts at backoffMs again. */
  healthyAfterMs?: number;
  /** Quick deaths in a row before giving up (state 'failed'). */
  maxQuickDeaths?: number;
}

export type SupervisorState = 'stopped' | 'running' | 'restarting' | 'failed';

export interface SupervisorSnapshot {
  state: SupervisorState;
  pid?: number;
  restarts: number;
  error?: string;
}

export class ServiceSupervisor {
  private child: SupervisedChild | undefined;
  private state: SupervisorState = 'stopped';
  private restarts = 0;
  private quickDeaths = 0;
  private startedAt = 0;
  private error: string | undefined;
  private timer: { cancel(): void } | undefined;
  private readonly listeners = new Set<(s: SupervisorSnapshot) => void>();
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly healthyAfterMs: number;
  private readonly maxQuickDeaths: number;

  constructor(
    private readonly deps: SupervisorDeps,
    opts: SupervisorOptions = {},
  ) {
    this.backoffMs = opts.backoffMs ?? 500;
    this.maxBackoffMs = opts.maxBackoffMs ?? 10_000;
    this.healthyAfterMs = opts.healthyAfterMs ?? 30_000;
    this.maxQuickDeaths = opts.maxQuickDeaths ?? 3;
  }

  get snapshot(): SupervisorSnapshot {
    return {
      state: this.state,
      restarts: this.restarts,
      ...(this.child?.pid !== undefined && this.state === 'running' ? { pid: this.child.pid } : {}),
      ...(this.error ? { error: this.error } : {}),
    };
  }

  onChange(listener: (s: SupervisorSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts the child (idempotent while it runs or waits to restart); after 'failed' it tries afresh. */
  start(): void {
    if (this.state === 'running' || this.state === 'restarting') return;
    this.quickDeaths = 0;
    this.error = undefined;
    this.launch();
  }

  /** Stops the child (SIGTERM) and any pending restart. */
  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const child = this.child;
    this.child = undefined;
    this.set('stopped');
    child?.kill('SIGTERM');
  }

  /** Stops supervising but leaves the child running, on its own, after Berth exits. */
  release(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const child = this.child;
    this.child = undefined;
    child?.detach();
    this.set('stopped');
  }

  private launch(): void {
    this.timer = undefined;
    let child: SupervisedChild;
    try {
      child = this.deps.spawn();
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      this.set('failed');
      return;
    }
    this.child = child;
    this.startedAt = this.deps.now();
    child.onExit((code, signal) => this.exited(child, code, signal));
    this.set('running');
  }

  private exited(child: SupervisedChild, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return; // stopped or released on purpose: no restart
    this.child = undefined;
    const how = signal ? `was killed by ${signal}` : `exited with code ${code ?? '?'}`;
    const tail = this.deps.stderrTail().trim();
    this.error = tail ? `The service ${how}: ${tail}` : `The service ${how}.`;
    const ranFor = this.deps.now() - this.startedAt;
    this.quickDeaths = ranFor >= this.healthyAfterMs ? 1 : this.quickDeaths + 1;
    if (this.quickDeaths > this.maxQuickDeaths) {
      this.set('failed');
      return;
    }
    const delay = Math.min(this.backoffMs * 2 ** (this.quickDeaths - 1), this.maxBackoffMs);
    this.restarts++;
    this.set('restarting');
    this.timer = this.deps.setTimer(() => this.launch(), delay);
  }

  private set(state: SupervisorState): void {
    this.state = state;
    const snap = this.snapshot;
    this.listeners.forEach((l) => l(snap));
  }
}
