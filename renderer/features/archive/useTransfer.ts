import { useCallback, useEffect, useRef, useState } from 'react';
import type { Contract } from '../../../shared/contract';
import type { ArgsIn, Frame, StreamChannels } from '../../../shared/contract-kit';
import { BerthError } from '../../../shared/errors';
import { api } from '../../api';

/**
 * One long transfer (save, load, import, export; volume backup, restore, clone) over a stream channel: progress frames, then a
 * `done` frame. Cancel = unsubscribe, which aborts the handler (and its engine request) on the server.
 */
type TransferChannel =
  | 'images.save'
  | 'images.load'
  | 'images.import'
  | 'containers.export'
  | 'volumes.backup'
  | 'volumes.restore'
  | 'volumes.clone'
  | 'files.download';
type DoneOf<K extends TransferChannel> = Extract<Frame<Contract[K]>, { type: 'done' }>;

export type TransferState<K extends TransferChannel> =
  | { phase: 'idle' }
  | { phase: 'running'; bytes: number; total: number | undefined; estimate: boolean; startedAt: number }
  | { phase: 'done'; result: DoneOf<K> }
  | { phase: 'error'; error: BerthError }
  | { phase: 'cancelled' };

export function useTransfer<K extends TransferChannel & StreamChannels<Contract>>(
  channel: K,
): {
  state: TransferState<K>;
  start: (args: ArgsIn<Contract[K]>) => void;
  cancel: () => void;
  reset: () => void;
} {
  const [state, setState] = useState<TransferState<K>>({ phase: 'idle' });
  const unsub = useRef<(() => void) | undefined>(undefined);

  // Leaving the dialog (unmount) cancels a running transfer.
  useEffect(() => () => unsub.current?.(), []);

  const start = useCallback(
    (args: ArgsIn<Contract[K]>) => {
      unsub.current?.();
      const startedAt = Date.now();
      setState({ phase: 'running', bytes: 0, total: undefined, estimate: true, startedAt });
      let finished = false;
      const stop = api.subscribe(channel, args, {
        onData: (f) => {
          const frame = f as { type: 'progress'; bytes: number; total?: number; totalIsEstimate?: boolean } | DoneOf<K>;
          if (frame.type === 'progress') {
            setState({
              phase: 'running',
              bytes: frame.bytes,
              total: frame.total,
              estimate: frame.totalIsEstimate === true,
              startedAt,
            });
          } else {
            finished = true;
            setState({ phase: 'done', result: frame as DoneOf<K> });
          }
        },
        onError: (error) => {
          finished = true;
          setState({ phase: 'error', error });
        },
        onEnd: () => {
          if (!finished)
            setState({ phase: 'error', error: new BerthError('INTERNAL', 'The transfer ended without a result') });
          unsub.current = undefined;
        },
      });
      unsub.current = stop;
    },
    [channel],
  );

  const cancel = useCallback(() => {
    unsub.current?.();
    unsub.current = undefined;
    setState({ phase: 'cancelled' });
  }, []);

  const reset = useCallback(() => setState({ phase: 'idle' }), []);

  return { state, start, cancel, reset };
}

/** Runs `onDone` once per finished transfer, with its `done` frame. */
export function useOnDone<K extends TransferChannel>(
  state: TransferState<K>,
  onDone: (result: DoneOf<K>) => void,
): void {
  const result = state.phase === 'done' ? state.result : undefined;
  useEffect(() => {
    if (result) onDone(result);
  }, [result]); // eslint-disable-line react-hooks/exhaustive-deps -- once per result
}
