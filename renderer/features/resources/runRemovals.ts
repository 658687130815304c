import { BerthError } from '../../../shared/errors';

/**
 * Runs removals and sorts the outcomes: done, already gone (NOT_FOUND: the goal is reached, and we
 * say so), and failed with the engine's typed error (CONFLICT → offer force; decisions key on codes).
 */
export interface RemovalOutcome<S> {
  done: S[];
  gone: S[];
  failed: Array<{ step: S; error: BerthError }>;
}

function asBerthError(e: unknown): BerthError {
  if (e instanceof BerthError) return e;
  return new BerthError('INTERNAL', e instanceof Error ? e.message : String(e));
}

export async function runRemovals<S>(
  steps: readonly S[],
  run: (step: S) => Promise<unknown>,
  concurrency = 1,
): Promise<RemovalOutcome<S>> {
  const out: RemovalOutcome<S> = { done: [], gone: [], failed: [] };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < steps.length) {
      const step = steps[next++] as S;
      try {
        await run(step);
        out.done.push(step);
      } catch (e) {
        const error = asBerthError(e);
        if (error.code === 'NOT_FOUND') out.gone.push(step);
        else out.failed.push({ step, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, steps.length)) }, worker));
  return out;
}
