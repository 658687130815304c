import { create } from 'zustand';
import type { ComposeOp } from '../../../shared/contracts/stacks';
import { api } from '../../api';
import type { ComposeExit } from '../../presentation/compose';
import { shellQuote } from '../../presentation/format';
import { stripAnsi } from '../../presentation/ansi';

/**
 * The compose CLI run on screen (up, down, pull, build, scale): one `stacks.run` subscription at a time.
 * Output chunks are kept (capped) so the panel's terminal can replay them when it mounts, and pushed to
 * listeners as they come. Cancel asks `stacks.cancel` with the run's id (the server SIGINTs the CLI and
 * the stream stays open for the exit frame: cancelled, and what was left of the project); before the
 * run has an id, or if that call fails, it unsubscribes, which cancels too.
 */
export type RunPhase = 'running' | 'done' | 'failed' | 'cancelled';

export interface ComposeRun {
  key: number;
  op: ComposeOp;
  project: string;
  title: string;
  phase: RunPhase;
  exit: ComposeExit | undefined;
  /** The server's id of the run (its `start` frame), for `stacks.cancel`. */
  runId: string | undefined;
  /** Cancel was asked; the exit frame is on its way. */
  cancelling: boolean;
  /** The subscription failed before or instead of an exit frame (e.g. no compose CLI). */
  error: string | undefined;
  startedAt: number;
  endedAt: number | undefined;
}

interface RunState {
  run: ComposeRun | undefined;
}

export const useComposeRun = create<RunState>(() => ({ run: undefined }));

const MAX_CHUNKS = 5000;
let chunks: string[] = [];
const listeners = new Set<(text: string) => void>();
let unsubscribe: (() => void) | undefined;
let nextKey = 1;

function emit(text: string): void {
  chunks.push(text);
  if (chunks.length > MAX_CHUNKS) chunks = chunks.slice(-MAX_CHUNKS);
  for (const l of listeners) l(text);
}

/** Output so far, then every new chunk; returns the unsubscribe function. */
export function followOutput(listener: (text: string) => void): () => void {
  for (const c of chunks) listener(c);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The output as plain text (ANSI sequences dropped, redraws as new lines), e.g. to copy it. */
export function outputText(): string {
  return stripAnsi(chunks.join('')).replace(/\r(?!\n)/g, '\n');
}

function patch(key: number, p: Partial<ComposeRun>): void {
  const run = useComposeRun.getState().run;
  if (run?.key === key) useComposeRun.setState({ run: { ...run, ...p } });
}

export function startComposeRun(op: ComposeOp, project: string, title: string): void {
  unsubscribe?.();
  chunks = [];
  const key = nextKey++;
  useComposeRun.setState({
    run: {
      key,
      op,
      project,
      title,
      phase: 'running',
      runId: undefined,
      cancelling: false,
      exit: undefined,
      error: undefined,
      startedAt: Date.now(),
      endedAt: undefined,
    },
  });
  let ended = false;
  const end = (p: Partial<ComposeRun>): void => {
    if (ended) return;
    ended = true;
    unsubscribe = undefined;
    patch(key, { ...p, endedAt: Date.now() });
  };
  unsubscribe = api.subscribe('stacks.run', op, {
    onData: (frame) => {
      if (frame.kind === 'start') {
        patch(key, { runId: frame.run });
        emit(`\x1b[2m$ ${frame.argv.map(shellQuote).join(' ')}\x1b[0m\n`);
      } else if (frame.kind === 'output') emit(frame.text);
      else end({ exit: frame, phase: frame.cancelled ? 'cancelled' : frame.code === 0 ? 'done' : 'failed' });
    },
    onError: (err) => {
      emit(`\x1b[31m${err.message}\x1b[0m\n`);
      end({ error: err.message, phase: err.code === 'CANCELLED' ? 'cancelled' : 'failed' });
    },
    onEnd: () => end({ phase: 'failed', error: 'The run ended without an exit status' }),
  });
}

/** Stops the CLI (the server sends it SIGINT, then SIGKILL after 5 s). */
export function cancelComposeRun(): void {
  const run = useComposeRun.getState().run;
  if (!run || run.phase !== 'running' || run.cancelling) return;
  patch(run.key, { cancelling: true });
  emit('\x1b[33m^C Cancelling: the CLI was sent SIGINT…\x1b[0m\n');
  const drop = (): void => {
    // No id yet, or the server could not be asked: unsubscribing cancels too (without the exit frame).
    if (useComposeRun.getState().run?.phase !== 'running') return;
    unsubscribe?.();
    unsubscribe = undefined;
    patch(run.key, { phase: 'cancelled', endedAt: Date.now() });
  };
  if (!run.runId) return drop();
  api.invoke('stacks.cancel', { run: run.runId }).then((r) => {
    if (!r.cancelled) drop();
  }, drop);
}

export function closeComposeRun(): void {
  unsubscribe?.();
  unsubscribe = undefined;
  useComposeRun.setState({ run: undefined });
  chunks = [];
}
