import { useCallback, useEffect, useRef, useState } from 'react';
import type { LayerProgress, TransferFrame, TransferOverall } from '../../../shared/contracts/registry';
import type { BerthError } from '../../../shared/errors';
import { api } from '../../api';

export type TransferChannel = 'images.pull' | 'images.push';

export type TransferState =
  | { phase: 'idle' }
  | {
      phase: 'running' | 'done';
      ref: string;
      layers: LayerProgress[];
      overall: TransferOverall;
      status: string | undefined;
      digest?: string | undefined;
    }
  | { phase: 'cancelled'; ref: string }
  | { phase: 'error'; ref: string; error: BerthError; layers: LayerProgress[]; overall: TransferOverall | undefined };

const EMPTY: TransferOverall = { percent: 0, currentBytes: 0, totalBytes: 0, layersDone: 0, layersTotal: 0 };

/**
 * One pull or push at a time: start() subscribes, cancel() unsubscribes (which makes main destroy the
 * engine request). Unmounting cancels too. `onDone` runs once per successful transfer.
 */
export function useTransfer(
  channel: TransferChannel,
  onDone?: (frame: Extract<TransferFrame, { kind: 'done' }>) => void,
) {
  const [state, setState] = useState<TransferState>({ phase: 'idle' });
  const unsub = useRef<(() => void) | undefined>(undefined);
  const doneRef = useRef(onDone);
  doneRef.current = onDone;

  const stop = (): void => {
    unsub.current?.();
    unsub.current = undefined;
  };
  useEffect(() => stop, []);

  const start = useCallback(
    (ref: string) => {
      stop();
      setState({ phase: 'running', ref, layers: [], overall: EMPTY, status: undefined });
      let last: { layers: LayerProgress[]; overall: TransferOverall } = { layers: [], overall: EMPTY };
      const off = api.subscribe(
        channel,
        { ref },
        {
          onData: (f) => {
            last = { layers: f.layers, overall: f.overall };
            if (f.kind === 'progress') {
              setState({ phase: 'running', ref, layers: f.layers, overall: f.overall, status: f.status });
            } else {
              unsub.current = undefined;
              setState({
                phase: 'done',
                ref,
                layers: f.layers,
                overall: f.overall,
                status: f.status,
                digest: f.digest,
              });
              doneRef.current?.(f);
            }
          },
          onError: (error) => {
            unsub.current = undefined;
            setState({ phase: 'error', ref, error, layers: last.layers, overall: last.overall });
          },
        },
      );
      unsub.current = off;
    },
    [channel],
  );

  const cancel = useCallback(() => {
    if (!unsub.current) return;
    stop();
    setState((s) => (s.phase === 'running' ? { phase: 'cancelled', ref: s.ref } : s));
  }, []);

  const reset = useCallback(() => {
    stop();
    setState({ phase: 'idle' });
  }, []);

  return { state, start, cancel, reset };
}
