import type { Handlers } from '../../shared/contract-kit';
import type { volumeBackupContract } from '../../shared/contracts/volume-backup';
import { BerthError } from '../../shared/errors';
import type { Engine } from '../engine/engine';
import { sweepOnConnect } from '../engine/files/volume-helper';

export function volumeBackupHandlers(engine: Engine): Handlers<typeof volumeBackupContract> {
  // Volume helpers left by a crash are swept on every engine (re)connect.
  sweepOnConnect(engine);
  const todo = (): never => {
    throw new BerthError('INTERNAL', 'Not implemented yet');
  };
  return new Proxy({} as Handlers<typeof volumeBackupContract>, { get: () => todo });
}
