import { BerthError } from '../../shared/errors';
import type { StreamFrame } from '../../shared/protocol';
import { waitFor } from '../helpers/engine';
import type { Subscription } from './handlers/harness';

/** Resolves with a stream's payloads when it ended; rejects with the BerthError it failed with. */
export async function finished<F>(sub: Subscription<F>, timeoutMs = 60_000): Promise<F[]> {
  const end = await waitFor(() => sub.frames.find((f) => f.kind !== 'data'), { timeoutMs, intervalMs: 50 });
  if (end.kind === 'error') throw BerthError.fromShape((end as Extract<StreamFrame, { kind: 'error' }>).error);
  return sub.payloads;
}

/** The BerthError a stream failed with (fails the test when it succeeded). */
export async function failure<F>(sub: Subscription<F>, timeoutMs = 60_000): Promise<BerthError> {
  try {
    await finished(sub, timeoutMs);
  } catch (e) {
    if (e instanceof BerthError) return e;
    throw e;
  }
  throw new Error('the stream was expected to fail');
}
