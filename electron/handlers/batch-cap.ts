import type { StreamSink } from '../../shared/contract-kit';

/** Most bytes of engine output one data frame carries before it is sent on its own. */
export const MAX_BATCH_BYTES = 64 * 1024;

/**
 * Caps a stream's batches by size as well as by time: once `MAX_BATCH_BYTES` of engine output went
 * into the sink since the last cut, what is pending goes out now. The window then counts bounded
 * frames, so `sink.pressured` pauses the engine after about window × MAX_BATCH_BYTES however fast
 * the engine writes (a 5 ms batch of a unix socket can otherwise hold megabytes).
 */
export function batchCap(sink: StreamSink<unknown>, limit = MAX_BATCH_BYTES): (bytes: number) => void {
  let pending = 0;
  return (bytes) => {
    pending += bytes;
    if (pending < limit) return;
    pending = 0;
    sink.flush?.();
  };
}
