import type { Handlers } from '../../shared/contract-kit';
import type { filesContract } from '../../shared/contracts/files';
import { BerthError } from '../../shared/errors';
import type { Engine } from '../engine/engine';

// Issue 12: a helper replaces this placeholder with the real handlers.
export function fileHandlers(engine: Engine): Handlers<typeof filesContract> {
  void engine;
  const todo = (): never => {
    throw new BerthError('INTERNAL', 'Not implemented yet');
  };
  return new Proxy({} as Handlers<typeof filesContract>, { get: () => todo });
}
