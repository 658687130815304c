import type { Duplex } from 'node:stream';
import type Dockerode from 'dockerode';
import { toBerthError } from '../errors/engine-errors';
import { containerOf } from './api-path';

/** The engine side of terminals: TTY execs (with the hang-up a closed terminal does) and attach. */

/** Time a process gets to exit after SIGHUP before it is killed. */
const HANGUP_GRACE_MS = 1500;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface RunState {
  running: boolean;
  exitCode: number | null;
}

/** Whether the container runs (a restarting one does not); a removed one is simply not running. */
export async function containerRunState(docker: Dockerode, id: string): Promise<RunState> {
  try {
    const info = await containerOf(docker, id).inspect();
    return { running: info.State.Running && !info.State.Restarting, exitCode: info.State.ExitCode ?? null };
  } catch (err) {
    // The engine itself gone is not "the container stopped": the client says "Engine connection lost".
    const mapped = toBerthError(err);
    if (mapped.code === 'ENGINE_UNREACHABLE') throw mapped;
    return { running: false, exitCode: null }; // removed
  }
}

/** Runs a short helper command in the container as root and waits for it to finish. */
async function runQuiet(container: Dockerode.Container, script: string): Promise<void> {
  const ex = await container.exec({
    Cmd: ['/bin/sh', '-c', script],
    User: '0',
    AttachStdout: true,
    AttachStderr: true,
  });
  const out = (await ex.start({})) as NodeJS.ReadableStream;
  await new Promise<void>((resolve) => {
    out.on('end', resolve);
    out.on('close', resolve);
    out.on('error', () => resolve());
    out.resume();
  });
}

/** An exec with a TTY, created but not started. */
export interface TtyExec {
  /** Starts it, hijacked: the socket is the TTY (input and output). */
  start(): Promise<Duplex>;
  resize(cols: number, rows: number): Promise<void>;
  /** Its exit code once it ended; null while it runs or when the engine cannot say. */
  exitCode(): Promise<number | null>;
  /** What closing a real terminal does: SIGHUP to the session leader, then SIGKILL if it ignored that. */
  hangUp(pid: number): Promise<void>;
}

export async function createTtyExec(
  docker: Dockerode,
  id: string,
  opts: { cmd: string[]; user?: string | undefined; workingDir?: string | undefined },
): Promise<TtyExec> {
  const container = containerOf(docker, id);
  const exec = await container.exec({
    Cmd: opts.cmd,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    ...(opts.user ? { User: opts.user } : {}),
    ...(opts.workingDir ? { WorkingDir: opts.workingDir } : {}),
    Env: ['TERM=xterm-256color', 'COLORTERM=truecolor'],
  });
  return {
    start: async () => (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex,
    resize: async (cols, rows) => {
      await exec.resize({ h: rows, w: cols });
    },
    exitCode: async () => (await exec.inspect().catch(() => undefined))?.ExitCode ?? null,
    hangUp: async (pid) => {
      try {
        if (!(await exec.inspect()).Running) return;
        await runQuiet(container, `kill -HUP ${pid} 2>/dev/null`);
        const deadline = Date.now() + HANGUP_GRACE_MS;
        while (Date.now() < deadline) {
          await sleep(100);
          if (!(await exec.inspect()).Running) return;
        }
        await runQuiet(container, `kill -KILL ${pid} 2>/dev/null`);
      } catch {
        // The container stopped or vanished meanwhile: nothing left to hang up.
      }
    },
  };
}

/** What attaching needs to know of a container. */
export interface AttachTarget {
  name: string;
  running: boolean;
  paused: boolean;
  tty: boolean;
  openStdin: boolean;
  command: string[];
}

export async function attachTarget(docker: Dockerode, id: string): Promise<AttachTarget> {
  const info = await containerOf(docker, id).inspect();
  return {
    name: info.Name.replace(/^\//, '') || info.Id.slice(0, 12),
    running: info.State.Running,
    paused: info.State.Paused,
    tty: info.Config.Tty,
    openStdin: Boolean(info.Config.OpenStdin),
    command: [...(info.Config.Entrypoint ?? []), ...(info.Config.Cmd ?? [])],
  };
}

/** `POST /containers/{id}/attach` hijacked: the main process's stdio. */
export async function attachContainer(docker: Dockerode, id: string, detachKeys: string): Promise<Duplex> {
  return (await containerOf(docker, id).attach({
    stream: true,
    stdin: true,
    stdout: true,
    stderr: true,
    hijack: true,
    detachKeys,
  })) as Duplex;
}

export async function resizeContainerTty(docker: Dockerode, id: string, cols: number, rows: number): Promise<void> {
  await containerOf(docker, id).resize({ h: rows, w: cols });
}
