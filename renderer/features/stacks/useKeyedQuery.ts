import { useEffect, useRef, useState } from 'react';
import type { BerthError } from '../../../shared/errors';

export interface KeyedQuery<T> {
  data: T | undefined;
  loading: boolean;
  error: BerthError | undefined;
  reload(): void;
}

/**
 * Asks `load` again `delayMs` after `key` last changed (so typing does not ask per key); an answer for
 * an older key is dropped. `key` undefined = nothing to ask (data cleared). The previous data stays on
 * screen while the next answer is on its way.
 */
export function useKeyedQuery<T>(key: string | undefined, load: () => Promise<T>, delayMs = 0): KeyedQuery<T> {
  const [state, setState] = useState<Omit<KeyedQuery<T>, 'reload'>>({
    data: undefined,
    loading: false,
    error: undefined,
  });
  const [generation, setGeneration] = useState(0);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const n = ++seq.current;
    if (key === undefined) {
      setState({ data: undefined, loading: false, error: undefined });
      return;
    }
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      loadRef
        .current()
        .then((data) => n === seq.current && setState({ data, loading: false, error: undefined }))
        .catch((error: BerthError) => n === seq.current && setState({ data: undefined, loading: false, error }));
    }, delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs, generation]);

  return { ...state, reload: () => setGeneration((g) => g + 1) };
}
