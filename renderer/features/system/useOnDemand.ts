import { useCallback, useEffect, useRef, useState } from 'react';
import { BerthError } from '../../../shared/errors';

export interface OnDemand<T> {
  /** The last figures read (kept while a refresh runs, so the page does not jump). */
  data: T | undefined;
  loading: boolean;
  error: BerthError | undefined;
  /** When `data` was read (ms epoch). */
  at: number | undefined;
}

/**
 * Reads something once when the component mounts and again on refresh(), never on a timer: for
 * figures the engine computes on request (disk use) or that do not change by themselves (engine info).
 * A refresh started while one runs supersedes it; answers of superseded reads are dropped.
 */
export function useOnDemand<T>(load: () => Promise<T>): OnDemand<T> & { refresh: () => void } {
  const [state, setState] = useState<OnDemand<T>>({ data: undefined, loading: true, error: undefined, at: undefined });
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const refresh = useCallback(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => {
        if (mine === seq.current) setState({ data, loading: false, error: undefined, at: Date.now() });
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        const error = e instanceof BerthError ? e : new BerthError('INTERNAL', String(e));
        setState((s) => ({ ...s, loading: false, error }));
      },
    );
  }, []);

  useEffect(() => {
    const counter = seq;
    refresh();
    return () => {
      counter.current++; // answers after unmount are dropped
    };
  }, [refresh]);

  return { ...state, refresh };
}
