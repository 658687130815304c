import { useMemo } from 'react';
import type { ComposeFiles, ComposeTarget } from '../../../shared/contracts/stacks';
import { api } from '../../api';
import { targetErrorsOf, type UpErrors } from '../../presentation/compose';
import { useKeyedQuery } from './useKeyedQuery';

export interface ComposeFilesState {
  data: ComposeFiles | undefined;
  loading: boolean;
  /** The server refused the target (field errors from its zod issues), or the call failed. */
  errors: UpErrors;
  reload(): void;
}

/**
 * `stacks.files` for a target: the files' text, variables, profiles and `config`'s resolved YAML (or
 * its error), asked again `delayMs` after the target last changed. `target` undefined = nothing to ask.
 */
export function useComposeFiles(target: ComposeTarget | undefined, delayMs = 350): ComposeFilesState {
  const key = target ? JSON.stringify(target) : undefined;
  const q = useKeyedQuery(key, () => api.invoke('stacks.files', JSON.parse(key ?? '{}') as ComposeTarget), delayMs);
  const errors = useMemo(() => (q.error ? targetErrorsOf(q.error) : {}), [q.error]);
  return { data: q.data, loading: q.loading, errors, reload: q.reload };
}
