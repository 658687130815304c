import { execFile, spawn } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { delimiter, join } from 'node:path';
import { BerthError } from '../../shared/errors';
import type { LocalTools, PodmanServiceState } from '../../shared/contracts/engine-service';
import type { SettingsStore } from '../settings/store';
import { readPodmanSettings, writePodmanSettings } from './podman-settings';
import { ServiceSupervisor, type SupervisedChild, type SupervisorSnapshot } from './service-supervisor';

/**
 * "Start Podman" when no engine answers: starts Podman's API service for this user — through
 * `systemctl --user start podman.socket` where systemd --user runs, else as Berth's own supervised
 * `podman system service --time=0 unix://$XDG_RUNTIME_DIR/podman/podman.sock` — waits until it
 * answers, connects the engine to it, and stops it when Berth quits unless the user chose to keep it.
 * CLIs are run with argument arrays, never through a shell.
 */

export interface PodmanServiceOptions {
  settings: SettingsStore;
  /** Binds the app to the started service (EngineHub.connectTo). */
  connect: (host: string) => Promise<unknown>;
  /** Berth's own folder: the socket goes under it when XDG_RUNTIME_DIR is unset. */
  configDir: string;
  env?: NodeJS.ProcessEnv;
  /** How long the service has to answer after its start. */
  readyTimeoutMs?: number;
  log?: (msg: string) => void;
}

/** The sbin folders hold dockerd on most distributions, often outside a user's PATH. */
const SBIN = ['/usr/local/sbin', '/usr/sbin', '/sbin'];
const LOG_NAME = 'berth-podman-service.log';

/** The first executable `name` on PATH (then the sbin folders), or undefined. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv, extra: string[] = []): string | undefined {
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...extra];
  for (const dir of dirs) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** Where the rootless socket lives: XDG_RUNTIME_DIR, else a folder of Berth's own (with a note saying so). */
export function podmanRuntimeDir(env: NodeJS.ProcessEnv, configDir: string): { dir: string; note?: string } {
  if (env.XDG_RUNTIME_DIR) return { dir: env.XDG_RUNTIME_DIR };
  const dir = join(configDir, 'run');
  return { dir, note: `XDG_RUNTIME_DIR is not set: Berth serves Podman's socket from ${dir}.` };
}

/** True when the socket answers Docker's /_ping within `ms`. */
export function pingSocket(socketPath: string, ms = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', method: 'GET', timeout: ms }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: 30_000 }, (err, _stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stderr: String(stderr || (err ? err.message : '')).trim() });
    });
  });
}

/** podman logs as logrus lines (`time=… level=error msg="…"`): keep the message itself. */
export function logMessage(line: string): string {
  const m = /\blevel=(\w+) msg="((?:[^"\\]|\\.)*)"/.exec(line);
  if (!m) return line;
  try {
    return JSON.parse(`"${m[2] ?? ''}"`) as string;
  } catch {
    return line;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class PodmanService {
  private readonly env: NodeJS.ProcessEnv;
  private readonly supervisor: ServiceSupervisor;
  private mode: 'systemd' | 'process' | undefined;
  private starting: Promise<PodmanServiceState> | undefined;
  private proc: ReturnType<typeof spawn> | undefined;
  private keep = false;

  constructor(private readonly opts: PodmanServiceOptions) {
    this.env = opts.env ?? process.env;
    this.supervisor = new ServiceSupervisor({
      spawn: () => this.spawnService(),
      stderrTail: () => this.logTail(),
      setTimer: (fn, ms) => {
        const t = setTimeout(fn, ms);
        return { cancel: () => clearTimeout(t) };
      },
      now: () => Date.now(),
    });
    this.supervisor.onChange((s) => this.opts.log?.(`podman service ${s.state}${s.error ? `: ${s.error}` : ''}`));
  }

  private get runtime(): { dir: string; note?: string } {
    return podmanRuntimeDir(this.env, this.opts.configDir);
  }

  get socketPath(): string {
    return join(this.runtime.dir, 'podman', 'podman.sock');
  }

  private get logFile(): string {
    return join(this.runtime.dir, 'podman', LOG_NAME);
  }

  /** systemd --user runs for this session (its private socket exists) and systemctl is there. */
  private systemdUser(): boolean {
    const xdg = this.env.XDG_RUNTIME_DIR;
    return Boolean(xdg && existsSync(join(xdg, 'systemd', 'private')) && findExecutable('systemctl', this.env));
  }

  state(): PodmanServiceState {
    if (this.mode === 'systemd')
      return { state: 'running', mode: 'systemd', host: `unix://${this.socketPath}`, restarts: 0 };
    const s: SupervisorSnapshot = this.supervisor.snapshot;
    return {
      ...s,
      ...(this.mode ? { mode: this.mode, host: `unix://${this.socketPath}` } : {}),
    };
  }

  async localTools(): Promise<LocalTools> {
    const podman = findExecutable('podman', this.env);
    const dockerd = findExecutable('dockerd', this.env, SBIN);
    const { note } = this.runtime;
    return {
      ...(podman ? { podman } : {}),
      ...(dockerd ? { dockerd } : {}),
      systemd: this.systemdUser(),
      podmanHost: `unix://${this.socketPath}`,
      ...(note ? { runtimeDirNote: note } : {}),
      keep: (await readPodmanSettings(this.opts.settings)).keep,
      service: this.state(),
    };
  }

  /** Starts (or reuses) the service, waits for it to answer and connects the engine. One at a time. */
  start(keep: boolean): Promise<PodmanServiceState> {
    this.starting ??= this.doStart(keep).finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async doStart(keep: boolean): Promise<PodmanServiceState> {
    this.keep = keep;
    await writePodmanSettings(this.opts.settings, { keep });
    const podman = findExecutable('podman', this.env);
    if (!podman) throw new BerthError('NOT_FOUND', 'Podman is not installed (no "podman" on PATH).');
    const socket = this.socketPath;
    const host = `unix://${socket}`;
    if (!(await pingSocket(socket))) {
      if (this.systemdUser()) await this.startSystemd();
      else this.startProcess(socket);
      await this.waitReady(socket);
    }
    await this.opts.connect(host);
    return this.state();
  }

  private async startSystemd(): Promise<void> {
    const r = await run('systemctl', ['--user', 'start', 'podman.socket'], this.env);
    if (r.code !== 0) {
      throw new BerthError('FAILED', `systemctl --user start podman.socket failed: ${r.stderr || `exit ${r.code}`}`);
    }
    this.mode = 'systemd';
  }

  private startProcess(socket: string): void {
    mkdirSync(join(this.runtime.dir, 'podman'), { recursive: true, mode: 0o700 });
    // A socket file nobody answers on is left from a dead service: podman would refuse to bind it.
    rmSync(socket, { force: true });
    this.mode = 'process';
    this.supervisor.start();
  }

  /** Polls the fresh socket until it answers (start-up only), or fails with the service's own words. */
  private async waitReady(socket: string): Promise<void> {
    const deadline = Date.now() + (this.opts.readyTimeoutMs ?? 30_000);
    while (Date.now() < deadline) {
      if (await pingSocket(socket)) return;
      const s = this.state();
      if (s.state === 'failed') throw new BerthError('FAILED', s.error ?? 'The service stopped.');
      await sleep(150);
    }
    const why = this.state().error ?? this.logTail();
    throw new BerthError(
      'FAILED',
      `Podman's service did not answer on unix://${socket} within ${Math.round((this.opts.readyTimeoutMs ?? 30_000) / 1000)} s${why ? `: ${why}` : '.'}`,
    );
  }

  private spawnService(): SupervisedChild {
    const podmanDir = join(this.runtime.dir, 'podman');
    mkdirSync(podmanDir, { recursive: true, mode: 0o700 });
    // Its stderr goes to a file, not a pipe: a kept service outlives Berth, and a closed pipe would kill it.
    const fd = openSync(this.logFile, 'w', 0o600);
    const args = ['system', 'service', '--time=0', `unix://${this.socketPath}`];
    let proc: ReturnType<typeof spawn>;
    try {
      proc = spawn('podman', args, {
        // Its own process group: a Ctrl-C in Berth's terminal does not take it down behind Berth's back.
        detached: true,
        stdio: ['ignore', 'ignore', fd],
        env: { ...this.env, XDG_RUNTIME_DIR: this.runtime.dir },
      });
    } finally {
      closeSync(fd);
    }
    this.proc = proc;
    let exited = false;
    const listeners: ((code: number | null, signal: NodeJS.Signals | null) => void)[] = [];
    proc.on('error', (err) => {
      if (exited) return;
      exited = true;
      this.opts.log?.(`podman: ${err.message}`);
      listeners.forEach((l) => l(127, null));
    });
    proc.on('exit', (code, signal) => {
      if (exited) return;
      exited = true;
      listeners.forEach((l) => l(code, signal));
    });
    this.opts.log?.(`started podman ${args.join(' ')} (pid ${proc.pid ?? '?'})`);
    return {
      pid: proc.pid,
      onExit: (l) => listeners.push(l),
      kill: (sig) => {
        proc.kill(sig);
      },
      detach: () => proc.unref(),
    };
  }

  private logTail(): string {
    try {
      const lines = readFileSync(this.logFile, 'utf8').trim().split('\n').map(logMessage);
      return lines.slice(-3).join(' ').slice(-600);
    } catch {
      return '';
    }
  }

  /**
   * Berth quits: stop the service it started, unless the user keeps it. Waits (up to 5 s) for the
   * process to end, then kills it.
   */
  async shutdown(): Promise<void> {
    if (this.mode === 'systemd') {
      if (!this.keep) await run('systemctl', ['--user', 'stop', 'podman.socket', 'podman.service'], this.env);
      return;
    }
    const proc = this.proc;
    if (this.keep) {
      this.supervisor.release();
      return;
    }
    this.supervisor.stop();
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise<boolean>((resolve) => {
      proc.once('exit', () => resolve(true));
      setTimeout(() => resolve(false), 5000).unref();
    });
    if (!(await gone)) proc.kill('SIGKILL');
  }
}
