/**
 * Pure pieces of exec / attach: which command runs, how Berth learns the exec'd process id, and the
 * demuxing of non-TTY attach streams. No dockerode, no IPC.
 */

/** Picks bash when the image has it, else sh. `exec` keeps the process id the wrapper reported. */
export const AUTO_SHELL_SCRIPT = 'command -v bash >/dev/null 2>&1 && exec bash || exec sh';

/**
 * Private OSC sequence the wrapper prints before anything else: `ESC ] 697 ; berth-pid=<pid> BEL`.
 * Terminals ignore unknown OSCs, and Berth strips it before the output reaches xterm anyway.
 *
 * Why: engines before Docker 23 keep an exec running after its hijacked connection closes (moby
 * #9098), so closing a terminal tab would leak a shell per tab. Knowing the process id inside the
 * container lets Berth hang it up (SIGHUP, then SIGKILL) like closing a real terminal would.
 */
export const PID_MARK_PREFIX = '\x1b]697;berth-pid=';
const PID_MARK_END = 0x07;
const PRINT_PID = `printf '\\033]697;berth-pid=%s\\007' "$$"`;

export interface ExecPlan {
  /** What the person asked for (shown in the UI). */
  command: string[];
  /** Argv sent to the engine: the command wrapped so it reports its pid first. */
  wrapped: string[];
  /** Argv without the wrapper, for images without /bin/sh (custom commands only). */
  plain: string[] | undefined;
}

/** `cmd` absent or empty → an automatic shell (bash if present, else sh). */
export function buildExecPlan(cmd?: readonly string[]): ExecPlan {
  if (!cmd || cmd.length === 0) {
    return {
      command: ['/bin/sh', '-c', AUTO_SHELL_SCRIPT],
      wrapped: ['/bin/sh', '-c', `${PRINT_PID}; ${AUTO_SHELL_SCRIPT}`],
      plain: undefined,
    };
  }
  return {
    command: [...cmd],
    wrapped: ['/bin/sh', '-c', `${PRINT_PID}; exec "$@"`, 'sh', ...cmd],
    plain: [...cmd],
  };
}

/** True when the engine's output says the wrapper's /bin/sh itself could not start. */
export function isMissingShell(text: string): boolean {
  return /OCI runtime exec failed/i.test(text) && /\/bin\/sh/.test(text);
}

export type MarkResult =
  /** Still collecting the first bytes; nothing to show yet. */
  | { state: 'pending' }
  /** The marker was found and removed; `rest` is the output after it. */
  | { state: 'found'; pid: number; rest: Buffer }
  /** The first bytes are not the marker (the wrapper did not run); `rest` holds all output so far. */
  | { state: 'absent'; rest: Buffer };

/**
 * Finds the pid marker at the very start of an exec's output, across chunk boundaries. After a
 * decision every later chunk passes through untouched.
 */
export class PidMarker {
  private held: Buffer = Buffer.alloc(0);
  private decided = false;
  private static readonly prefix = Buffer.from(PID_MARK_PREFIX, 'latin1');
  private static readonly maxLen = PID_MARK_PREFIX.length + 12;

  get done(): boolean {
    return this.decided;
  }

  push(chunk: Buffer): MarkResult {
    if (this.decided) return { state: 'absent', rest: chunk };
    const buf = this.held.length ? Buffer.concat([this.held, chunk]) : chunk;
    const prefix = PidMarker.prefix;
    const n = Math.min(buf.length, prefix.length);
    if (!buf.subarray(0, n).equals(prefix.subarray(0, n))) return this.decide({ state: 'absent', rest: buf });
    if (buf.length < prefix.length) return this.hold(buf);
    let i = prefix.length;
    while (i < buf.length && i < PidMarker.maxLen && buf[i]! >= 0x30 && buf[i]! <= 0x39) i++;
    if (i >= buf.length) return i >= PidMarker.maxLen ? this.decide({ state: 'absent', rest: buf }) : this.hold(buf);
    if (buf[i] !== PID_MARK_END || i === prefix.length) return this.decide({ state: 'absent', rest: buf });
    const pid = Number(buf.subarray(prefix.length, i).toString('latin1'));
    return this.decide({ state: 'found', pid, rest: buf.subarray(i + 1) });
  }

  /** The stream ended while still collecting: whatever was held is plain output. */
  flush(): Buffer {
    const rest = this.held;
    this.held = Buffer.alloc(0);
    this.decided = true;
    return rest;
  }

  private hold(buf: Buffer): MarkResult {
    this.held = Buffer.from(buf);
    return { state: 'pending' };
  }

  private decide(r: Exclude<MarkResult, { state: 'pending' }>): MarkResult {
    this.decided = true;
    this.held = Buffer.alloc(0);
    return r;
  }
}

export { DEFAULT_DETACH_KEYS, DETACH_KEYS_PATTERN } from '../../shared/models';

/**
 * What a TTY's `onlcr` would do: LF → CRLF, for output of a container without a TTY shown in a
 * terminal (otherwise lines staircase). `prevCr` says whether the previous chunk ended in CR.
 */
export function toCrlf(buf: Buffer, prevCr = false): Buffer {
  let extra = 0;
  for (let i = 0; i < buf.length; i++) if (buf[i] === 0x0a && !(i === 0 ? prevCr : buf[i - 1] === 0x0d)) extra++;
  if (extra === 0) return buf;
  const out = Buffer.allocUnsafe(buf.length + extra);
  let j = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    if (b === 0x0a && !(i === 0 ? prevCr : buf[i - 1] === 0x0d)) out[j++] = 0x0d;
    out[j++] = b;
  }
  return out;
}
