import Dockerode from 'dockerode';
import { BerthError } from '../../shared/errors';
import type { EngineAttempt, EngineEvent, EngineStatus } from '../../shared/models';
import { explainConnectError } from './connect-errors';
import { defaultConnectionEnv, engineCandidates, type ConnectionEnv, type EngineCandidate } from './connection';
import { EventsSupervisor } from './events';
import { RequestWatch, type DialModem, type SlowInfo } from './request-watch';
import { SshError, SshTunnel } from './ssh/tunnel';

/**
 * The engine connection: picks an endpoint, negotiates the API version, supervises `/events`, and
 * publishes a connection state. Knows nothing of IPC or UI.
 */

type Listener<T> = (value: T) => void;

/** The client engine modules take; handlers get it only from Engine.docker() and pass it on. */
export type EngineClient = Dockerode;

export interface EngineOptions {
  setting?: string;
  connectionEnv?: ConnectionEnv;
  pingTimeoutMs?: number;
  log?: (msg: string) => void;
}

interface VersionInfo {
  Version?: string;
  ApiVersion?: string;
  Os?: string;
  Arch?: string;
  Platform?: { Name?: string };
}

export class Engine {
  private client: Dockerode | undefined;
  private current: EngineStatus = { state: 'connecting', tried: [] };
  private readonly statusListeners = new Set<Listener<EngineStatus>>();
  private readonly eventListeners = new Set<Listener<EngineEvent>>();
  private readonly supervisor: EventsSupervisor;
  private connecting: Promise<Dockerode> | undefined;
  private tunnel: { endpoint: string; socketPath: string; tunnel: SshTunnel } | undefined;
  /** Bumped by stop(), so a tunnel still starting then is ended instead of kept. */
  private stops = 0;
  /**
   * Set by stop() until start(): a request still running then (a terminal's resize retry, a probe)
   * must not dial again and bring a stopped engine back (over ssh: a new tunnel nobody would end).
   */
  private stopped = false;
  /** Connected at least once: a later loss is "reconnecting", counted in attempts. */
  private everConnected = false;
  private attempt = 0;
  /** Times GET requests out, and tells when the engine hangs or its socket is gone (request-watch.ts). */
  private readonly watch = new RequestWatch({
    onSlow: (slow) => this.slowChanged(slow),
    onLost: (reason) => this.lost(reason),
    probe: () => this.client?.ping() ?? Promise.resolve(),
  });

  constructor(private readonly opts: EngineOptions = {}) {
    this.supervisor = new EventsSupervisor({
      open: (signal) => this.openEvents(signal),
      onEvent: (ev) => this.eventListeners.forEach((l) => l(ev)),
      onConnected: () => this.emitResync(),
      onDisconnected: (reason) => {
        this.opts.log?.(`engine events disconnected: ${reason}`);
        // The stream dropping may mean the engine went away: re-check before the next attempt.
        this.client = undefined;
        if (this.current.state === 'connected')
          this.setStatus({ ...this.current, state: 'connecting', reason, lastError: reason });
        this.watch.reset();
      },
      // While the engine is down, try again at least every second, so a restarted engine is
      // picked up (and every view resynced) within about a second of it answering.
      maxBackoffMs: 1000,
      ...(opts.log ? { log: opts.log } : {}),
    });
  }

  get status(): EngineStatus {
    return this.current;
  }

  /** Starts connecting and supervising events. Idempotent. */
  start(): void {
    this.stopped = false;
    this.supervisor.start();
  }

  /** Stops supervising and ends the ssh tunnel (master and every ssh child), if any. */
  async stop(): Promise<void> {
    this.stops++;
    this.stopped = true;
    this.supervisor.stop();
    // No more slow-engine pings: each one would dial (over ssh, open a new tunnel) after the stop.
    this.watch.reset();
    await this.dropTunnel();
  }

  /**
   * Stops supervising events but keeps the client (and an ssh tunnel): an engine the switcher left,
   * idle until it is picked again, when start() resumes at once without a new handshake.
   */
  idle(): void {
    this.supervisor.stop();
  }

  /** Forget the current connection and try again now. */
  async reconnect(): Promise<EngineStatus> {
    if (this.stopped) return this.current;
    this.client = undefined;
    this.supervisor.retryNow();
    try {
      await this.connect();
    } catch {
      /* status says why */
    }
    return this.current;
  }

  onStatus(listener: Listener<EngineStatus>): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onEvent(listener: Listener<EngineEvent>): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /**
   * The connected client, connecting first when needed; ENGINE_UNREACHABLE when no engine answers.
   * The one way out of this class to the client: handlers hand it to the engine modules
   * (electron/engine/*) and never call it themselves.
   */
  async docker(): Promise<Dockerode> {
    if (this.client) return this.client;
    return this.connect();
  }

  /**
   * The DOCKER_HOST that points a CLI (compose) at this very engine: the connected endpoint, or for
   * ssh:// the local end of Berth's tunnel (one verified connection, no second ssh login by the CLI).
   * TLS settings (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) come from the same environment Berth read.
   */
  async cliHost(): Promise<string> {
    await this.docker();
    if (this.tunnel) return `unix://${this.tunnel.socketPath}`;
    const endpoint = this.current.state === 'connected' ? (this.current.endpoint ?? '') : '';
    if (!endpoint) throw new BerthError('ENGINE_UNREACHABLE', 'Not connected to a container engine');
    if (endpoint.startsWith('/')) return `unix://${endpoint}`;
    return endpoint.replace(/^https?:\/\//i, 'tcp://');
  }

  private connect(): Promise<Dockerode> {
    if (this.stopped) {
      return Promise.reject(new BerthError('CANCELLED', 'This engine connection was closed'));
    }
    if (!this.connecting) {
      this.connecting = this.tryCandidates().finally(() => {
        this.connecting = undefined;
      });
    }
    return this.connecting;
  }

  private async tryCandidates(): Promise<Dockerode> {
    const env = this.opts.connectionEnv ?? defaultConnectionEnv(this.opts.setting);
    let candidates: EngineCandidate[];
    try {
      candidates = engineCandidates(env);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.setStatus({ state: 'unreachable', reason, tried: [] });
      throw new BerthError('ENGINE_UNREACHABLE', reason);
    }
    if (this.current.state !== 'connected') {
      if (this.everConnected) this.attempt++;
      this.setStatus({
        ...this.current,
        state: 'connecting',
        ...(this.everConnected ? { attempt: this.attempt } : {}),
      });
    }
    const tried: EngineAttempt[] = [];
    for (const c of candidates) {
      try {
        const options = c.ssh ? { socketPath: await this.sshSocket(c, env) } : c.options;
        const v = await this.probe(options);
        // Negotiate: speak the engine's own API version, never pin an old one.
        const client = new Dockerode({ ...options, ...(v.ApiVersion ? { version: `v${v.ApiVersion}` } : {}) });
        this.watch.reset();
        this.watch.attach(client.modem as DialModem);
        this.client = client;
        this.everConnected = true;
        this.attempt = 0;
        tried.push({ endpoint: c.endpoint, source: c.source });
        this.setStatus({
          state: 'connected',
          endpoint: c.endpoint,
          source: c.source,
          tried,
          version: {
            version: v.Version ?? 'unknown',
            apiVersion: v.ApiVersion ?? 'unknown',
            os: v.Os ?? '',
            arch: v.Arch ?? '',
            product: v.Platform?.Name ?? 'Docker Engine',
          },
        });
        return client;
      } catch (err) {
        // Over ssh, what ssh said beats the bare "socket hang up" the probe saw.
        const sshWhy =
          err instanceof SshError ? err.message : c.ssh ? this.tunnel?.tunnel.lastFailure?.message : undefined;
        tried.push({ endpoint: c.endpoint, source: c.source, error: sshWhy ?? describe(err) });
        if (c.ssh) await this.dropTunnel();
      }
    }
    const reason =
      tried.length === 1
        ? `${tried[0]?.endpoint}: ${tried[0]?.error ?? 'no answer'}`
        : 'No container engine answered at any of the usual places.';
    this.setStatus({
      state: 'unreachable',
      reason,
      tried,
      ...(this.everConnected ? { attempt: Math.max(this.attempt, 1), lastError: reason } : {}),
    });
    throw new BerthError('ENGINE_UNREACHABLE', `Cannot reach the container engine. ${reason}`, { tried });
  }

  /**
   * The engine's version, or a clear error after pingTimeoutMs. A timer, not dockerode's `timeout`
   * option: that calls setTimeout on the socket, which ssh2 channels lack (the old ssh:// crash).
   */
  private async probe(options: Dockerode.DockerOptions): Promise<VersionInfo> {
    const ms = this.opts.pingTimeoutMs ?? 5000;
    const signal = AbortSignal.timeout(ms);
    try {
      // @types/dockerode omits version()'s options; dockerode passes abortSignal to the request.
      const docker = new Dockerode(options);
      const version = docker.version.bind(docker) as unknown as (o: {
        abortSignal: AbortSignal;
      }) => Promise<VersionInfo>;
      return await version({ abortSignal: signal });
    } catch (err) {
      if (signal.aborted) throw new Error(`No answer within ${ms / 1000} s`);
      throw err;
    }
  }

  /** The local socket of the ssh tunnel for this candidate, reusing a live one. */
  private async sshSocket(c: EngineCandidate, env: ConnectionEnv): Promise<string> {
    if (this.tunnel?.endpoint === c.endpoint && this.tunnel.tunnel.alive) return this.tunnel.socketPath;
    await this.dropTunnel();
    const tunnel = new SshTunnel({
      target: c.ssh as NonNullable<EngineCandidate['ssh']>,
      configFile: env.env.BERTH_SSH_CONFIG || undefined,
      env: env.env,
      ...(this.opts.log ? { log: this.opts.log } : {}),
    });
    const stops = this.stops;
    const socketPath = await tunnel.start();
    if (stops !== this.stops) {
      await tunnel.stop();
      throw new Error('The engine was stopped while ssh was connecting');
    }
    this.tunnel = { endpoint: c.endpoint, socketPath, tunnel };
    return socketPath;
  }

  private async dropTunnel(): Promise<void> {
    const t = this.tunnel;
    this.tunnel = undefined;
    this.client = undefined;
    await t?.tunnel.stop();
  }

  private async openEvents(signal: AbortSignal): Promise<NodeJS.ReadableStream> {
    const docker = await this.docker();
    const stream = (await docker.getEvents({
      abortSignal: signal,
    } as Dockerode.GetEventsOptions)) as NodeJS.ReadableStream;
    return stream;
  }

  /** The engine hangs (or answers again, then every view resyncs: what it said meanwhile is unknown). */
  private slowChanged(slow: SlowInfo | undefined): void {
    if (this.current.state !== 'connected') return;
    const { slow: _was, ...rest } = this.current;
    this.setStatus(slow ? { ...rest, slow } : rest);
    if (!slow) this.emitResync();
  }

  /** A request could not even connect (socket deleted, refused) while the events stream looked fine. */
  private lost(reason: string): void {
    if (this.current.state !== 'connected') return;
    this.client = undefined;
    this.setStatus({ ...this.current, state: 'connecting', reason, lastError: reason });
    this.watch.reset();
    // Restart the events loop: its stream may live on an old connection; it reconnects and resyncs.
    this.supervisor.stop();
    this.supervisor.start();
  }

  private emitResync(): void {
    this.eventListeners.forEach((l) =>
      l({ type: 'berth', action: 'resync', id: '', timeNano: Date.now() * 1e6, attributes: {} }),
    );
  }

  private setStatus(next: EngineStatus): void {
    if (next.state !== 'connected' && next.slow) {
      const { slow: _slow, ...rest } = next;
      next = rest;
    }
    this.current = next;
    this.statusListeners.forEach((l) => l(next));
  }
}

function describe(err: unknown): string {
  const explained = explainConnectError(err);
  if (explained) return explained;
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown; statusCode?: unknown };
    if (typeof e.code === 'string' && typeof e.message === 'string') return e.message;
    if (typeof e.statusCode === 'number') return `HTTP ${e.statusCode}: ${String(e.message)}`;
    if (typeof e.message === 'string') return e.message;
  }
  return String(err);
}
