import { useCallback, useEffect, useRef, useState } from 'react';
import type { BuildArgs } from '../../../shared/contracts/build';
import type { BerthError } from '../../../shared/errors';
import { api } from '../../api';
import { applyBuildFrames, emptyBuild, runningPhase, type BuildPhase, type BuildState } from '../../presentation/build';

export interface BuildRun {
  state: BuildState;
  phase: BuildPhase | 'idle';
  error: BerthError | undefined;
  /** When the build started and (once over) ended, ms since epoch. */
  startedAt: number | undefined;
  endedAt: number | undefined;
  start(args: BuildArgs): void;
  cancel(): void;
  reset(): void;
}

/**
 * One `images.build` subscription. Frames are folded into a mutable model and the component re-renders
 * at most once per animation frame, so a chatty build does not re-render per line. Unmounting cancels.
 */
export function useBuild(): BuildRun {
  const model = useRef<BuildState>(emptyBuild());
  const unsubscribe = useRef<(() => void) | undefined>(undefined);
  const raf = useRef<number | undefined>(undefined);
  const [, setTick] = useState(0);
  const [phase, setPhase] = useState<BuildPhase | 'idle'>('idle');
  const [error, setError] = useState<BerthError | undefined>();
  const [times, setTimes] = useState<{ startedAt?: number; endedAt?: number }>({});

  const render = useCallback(() => {
    if (raf.current !== undefined) return;
    raf.current = requestAnimationFrame(() => {
      raf.current = undefined;
      setTick((t) => t + 1);
    });
  }, []);

  const stop = useCallback(() => {
    unsubscribe.current?.();
    unsubscribe.current = undefined;
  }, []);

  useEffect(
    () => () => {
      stop();
      if (raf.current !== undefined) cancelAnimationFrame(raf.current);
    },
    [stop],
  );

  const start = useCallback(
    (args: BuildArgs) => {
      stop();
      model.current = emptyBuild();
      setError(undefined);
      setPhase('context');
      setTimes({ startedAt: Date.now() });
      let ended = false;
      const finish = (next: BuildPhase, err?: BerthError): void => {
        if (ended) return;
        ended = true;
        unsubscribe.current = undefined;
        setTimes((t) => ({ ...t, endedAt: Date.now() }));
        setError(err);
        setPhase(next);
        render();
      };
      unsubscribe.current = api.subscribe('images.build', args, {
        onData: (frame) => {
          applyBuildFrames(model.current, [frame]);
          if (!ended) setPhase((p) => (p === 'context' || p === 'building' ? runningPhase(model.current) : p));
          render();
        },
        onError: (err) => finish(err.code === 'CANCELLED' ? 'cancelled' : 'failed', err),
        onEnd: () => finish(model.current.result ? 'built' : 'failed'),
      });
    },
    [render, stop],
  );

  const cancel = useCallback(() => {
    stop();
    setTimes((t) => ({ ...t, endedAt: Date.now() }));
    setPhase('cancelled');
  }, [stop]);

  const reset = useCallback(() => {
    stop();
    model.current = emptyBuild();
    setError(undefined);
    setTimes({});
    setPhase('idle');
  }, [stop]);

  return {
    state: model.current,
    phase,
    error,
    startedAt: times.startedAt,
    endedAt: times.endedAt,
    start,
    cancel,
    reset,
  };
}
