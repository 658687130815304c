import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dialArgs, hostKeyProbeArgs, masterArgs, type SshArgsOptions } from './args';
import { classifySshFailure, describeSshFailure, hostKeyFingerprints, type SshExit } from './errors';
import type { SshTarget } from './target';

/**
 * A local socket in a private 0700 dir that stands for a remote engine: every accepted connection
 * spawns `ssh … docker system dial-stdio` and relays bytes both ways. Dockerode then talks to a
 * plain `socketPath`, so hijacked exec/attach streams, `/events` and followed logs behave exactly
 * as on a local socket (ssh2's channel lacks the socket methods Node's http calls on it).
 *
 * With multiplexing, one ssh master we own authenticates once and every connection rides on it;
 * stop() ends the master and every child, so no ssh process outlives the engine.
 */

export interface SshTunnelOptions {
  target: SshTarget;
  configFile?: string | undefined;
  connectTimeoutSec?: number;
  /** Default: on, except on Windows, whose OpenSSH has no ControlMaster. */
  multiplex?: boolean;
  /** How long the master may take to connect and authenticate. */
  readyTimeoutMs?: number;
  sshPath?: string;
  /** ssh's environment (SSH_AUTH_SOCK for ssh-agent, HOME); default: this process's. */
  env?: NodeJS.ProcessEnv;
  log?: (msg: string) => void;
}

export class SshError extends Error {
  constructor(
    message: string,
    readonly kind: ReturnType<typeof classifySshFailure> | 'timeout',
  ) {
    super(message);
  }
}

const STDERR_CAP = 16 * 1024;
const live = new Set<SshTunnel>();
let exitHookInstalled = false;

function killAllOnExit(): void {
  // A last resort for exits that skip stop(): kill() is synchronous, so it runs in 'exit'.
  for (const t of live) t.killNow();
}

export class SshTunnel {
  private dir: string | undefined;
  private server: Server | undefined;
  private master: ChildProcess | undefined;
  private readonly children = new Set<ChildProcess>();
  private readonly sockets = new Set<Socket>();
  private stopped = false;
  /** Why the last ssh connection failed, in plain words; cleared by a connection that works. */
  lastFailure: SshError | undefined;

  constructor(private readonly opts: SshTunnelOptions) {}

  private get multiplex(): boolean {
    return this.opts.multiplex ?? process.platform !== 'win32';
  }

  private argsOptions(): SshArgsOptions {
    return {
      configFile: this.opts.configFile,
      connectTimeoutSec: this.opts.connectTimeoutSec ?? 10,
      controlPath: this.multiplex && this.dir ? join(this.dir, 'cm') : undefined,
    };
  }

  /** True while the tunnel can serve connections (its master, if any, still up). */
  get alive(): boolean {
    if (this.stopped || !this.server?.listening) return false;
    return !this.multiplex || (this.master !== undefined && this.master.exitCode === null);
  }

  /** Connects (the master authenticates) and returns the local socket path for dockerode. */
  async start(): Promise<string> {
    this.dir = mkdtempSync(join(tmpdir(), 'berth-ssh-')); // mkdtemp makes it 0700
    live.add(this);
    if (!exitHookInstalled) {
      process.once('exit', killAllOnExit);
      exitHookInstalled = true;
    }
    try {
      if (this.multiplex) await this.startMaster();
      const path =
        process.platform === 'win32'
          ? `\\\\.\\pipe\\berth-ssh-${randomBytes(8).toString('hex')}`
          : join(this.dir, 'engine.sock');
      const server = createServer((sock) => this.relay(sock));
      this.server = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(path, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return path;
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  private spawnSsh(args: string[]): ChildProcess {
    return spawn(this.opts.sshPath ?? 'ssh', args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
      env: this.opts.env ?? process.env,
    });
  }

  private async startMaster(): Promise<void> {
    const o = this.argsOptions();
    const controlPath = o.controlPath as string;
    const master = spawn(this.opts.sshPath ?? 'ssh', masterArgs(this.opts.target, { ...o, controlPath }), {
      // stdin stays open and unwritten: its end (ours) ends the master; see masterArgs.
      stdio: ['pipe', 'ignore', 'pipe'],
      windowsHide: true,
      env: this.opts.env ?? process.env,
    });
    this.master = master;
    master.stdin?.on('error', () => undefined);
    let stderr = '';
    master.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-STDERR_CAP);
    });
    const readyMs = this.opts.readyTimeoutMs ?? ((this.opts.connectTimeoutSec ?? 10) + 10) * 1000;
    await new Promise<void>((resolve, reject) => {
      const done = (err?: Error): void => {
        clearInterval(poll);
        clearTimeout(timer);
        master.off('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      // 'close', not 'exit': by then ssh's stderr has been read to the end.
      const onClose = (code: number | null): void => {
        void this.failure({ code, stderr }).then(done, done);
      };
      // The control socket appears once the master has checked the host key and logged in.
      const poll = setInterval(() => {
        if (existsSync(controlPath)) done();
      }, 20);
      const timer = setTimeout(() => {
        master.kill();
        done(new SshError(`ssh to ${this.opts.target.host} did not connect within ${readyMs / 1000} s.`, 'timeout'));
      }, readyMs);
      master.once('close', onClose);
      master.once('error', (err) => done(new SshError(`Cannot run ssh: ${err.message}`, 'other')));
    });
    master.once('exit', (code) => {
      if (!this.stopped) this.opts.log?.(`ssh master for ${this.opts.target.host} exited (${code}): ${stderr.trim()}`);
    });
  }

  /** Turns an ssh exit into an SshError, asking the host for its key when it is unknown. */
  private async failure(exit: SshExit): Promise<SshError> {
    const kind = classifySshFailure(exit);
    const fingerprints = kind === 'unknown-host' ? await this.offeredFingerprints() : undefined;
    const message = describeSshFailure(exit, {
      target: this.opts.target,
      configFile: this.opts.configFile,
      ...(fingerprints ? { fingerprints } : {}),
    });
    return new SshError(message, kind);
  }

  private offeredFingerprints(): Promise<string[]> {
    return new Promise((resolve) => {
      const probe = this.spawnSsh(hostKeyProbeArgs(this.opts.target, this.argsOptions()));
      this.children.add(probe);
      probe.stdin?.end();
      probe.stdout?.resume();
      let err = '';
      probe.stderr?.on('data', (d: Buffer) => {
        err = (err + d.toString()).slice(-64 * 1024);
      });
      probe.once('error', () => resolve([]));
      probe.once('close', () => {
        this.children.delete(probe);
        resolve(hostKeyFingerprints(err));
      });
    });
  }

  private relay(sock: Socket): void {
    if (this.stopped) {
      sock.destroy();
      return;
    }
    const child = this.spawnSsh(dialArgs(this.opts.target, this.argsOptions()));
    this.children.add(child);
    this.sockets.add(sock);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-STDERR_CAP);
    });
    // EPIPE and friends after either side went away are expected; the 'close' handlers clean up.
    child.stdin?.on('error', () => undefined);
    child.stdout?.on('error', () => undefined);
    sock.on('error', () => child.kill());
    sock.pipe(child.stdin as NodeJS.WritableStream);
    child.stdout?.pipe(sock);
    // Bytes from the engine: this connection works, so an older failure no longer explains anything.
    child.stdout?.once('data', () => {
      this.lastFailure = undefined;
    });
    sock.once('close', () => {
      this.sockets.delete(sock);
      if (child.exitCode === null && child.signalCode === null) child.kill();
    });
    child.once('error', (err) => {
      this.lastFailure = new SshError(`Cannot run ssh: ${err.message}`, 'other');
      sock.destroy();
    });
    child.once('close', (code, signal) => {
      this.children.delete(child);
      if (code !== 0 && signal === null && !this.stopped) {
        // Record why before the client sees the connection end, so its error can say it.
        void this.failure({ code, stderr }).then((e) => {
          this.lastFailure = e;
          this.opts.log?.(`ssh connection failed: ${e.message}`);
          sock.end();
        });
        return;
      }
      sock.end();
    });
  }

  /** Synchronous kill of every ssh process and removal of the dir, for process exit. */
  killNow(): void {
    this.stopped = true;
    for (const c of this.children) c.kill();
    this.master?.kill();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  /** Ends the master and every ssh child, then removes the private dir. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    live.delete(this);
    const server = this.server;
    this.server = undefined;
    const procs = [...this.children, ...(this.master ? [this.master] : [])].filter(
      (p) => p.exitCode === null && p.signalCode === null,
    );
    await Promise.all(
      procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            const force = setTimeout(() => p.kill('SIGKILL'), 2000);
            p.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
            p.kill();
          }),
      ),
    );
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
