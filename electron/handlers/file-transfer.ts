import type { Handlers } from '../../shared/contract-kit';
import type { fileTransferContract } from '../../shared/contracts/file-transfer';
import { BerthError } from '../../shared/errors';
import type { Engine } from '../engine/engine';

// Issue 12: a helper replaces this placeholder with the real handlers.
export function fileTransferHandlers(engine: Engine): Handlers<typeof fileTransferContract> {
  void engine;
  const todo = (): never => {
    throw new BerthError('INTERNAL', 'Not implemented yet');
  };
  return new Proxy({} as Handlers<typeof fileTransferContract>, { get: () => todo });
}
