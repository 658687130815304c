import type { Handlers } from '../../shared/contract-kit';
import type { volumeBackupContract } from '../../shared/contracts/volume-backup';
import { BerthError } from '../../shared/errors';
import type { Engine } from '../engine/engine';

// Issue 12: a helper replaces this placeholder with the real handlers.
export function volumeBackupHandlers(engine: Engine): Handlers<typeof volumeBackupContract> {
  void engine;
  const todo = (): never => {
    throw new BerthError('INTERNAL', 'Not implemented yet');
  };
  return new Proxy({} as Handlers<typeof volumeBackupContract>, { get: () => todo });
}
