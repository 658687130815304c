import { useEffect, useState } from 'react';
import { RestorePlan } from '../../../shared/contracts/volume-backup';
import { isAbsoluteHostPath } from '../../../shared/image-ref';
import { api } from '../../api';
import { errorMessage } from '../../components/Toasts';

export type PlanState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; plan: RestorePlan }
  | { state: 'error'; message: string };

/**
 * `volumes.restorePlan` for the chosen file (and the existing target, when there is one): what the
 * archive holds and what it would overwrite. Asked again when either changes (typing waits a moment);
 * an answer for an older choice is dropped. `adopt` takes a plan the engine sent with a refusal.
 */
export function useRestorePlan(source: string, target: string | undefined) {
  const [plan, setPlan] = useState<PlanState>({ state: 'idle' });
  const path = source.trim();
  useEffect(() => {
    if (!path || !isAbsoluteHostPath(path)) {
      setPlan({ state: 'idle' });
      return;
    }
    let live = true;
    setPlan({ state: 'loading' });
    const timer = setTimeout(() => {
      api.invoke('volumes.restorePlan', { source: path, ...(target ? { name: target } : {}) }).then(
        (p) => live && setPlan({ state: 'ready', plan: p }),
        (e: unknown) => live && setPlan({ state: 'error', message: errorMessage(e) }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [path, target]);

  const adopt = (details: unknown): boolean => {
    const parsed = RestorePlan.safeParse(details);
    if (parsed.success) setPlan({ state: 'ready', plan: parsed.data });
    return parsed.success;
  };
  return { plan, adopt };
}
