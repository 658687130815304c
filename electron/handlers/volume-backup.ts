import type { Handlers } from '../../shared/contract-kit';
import type { volumeBackupContract } from '../../shared/contracts/volume-backup';
import type { EngineApi } from '../engine/engine-api';
import { backupVolume } from '../engine/volume-backup/backup';
import { cloneVolume } from '../engine/volume-backup/clone';
import { restorePlan, restoreVolume } from '../engine/volume-backup/restore';

export function volumeBackupHandlers(engine: EngineApi): Handlers<typeof volumeBackupContract> {
  return {
    'volumes.backup': async (args, sink, signal) => backupVolume(await engine.docker(), args, sink, signal),
    'volumes.restorePlan': async ({ source, name }) =>
      restorePlan(await engine.docker(), source, name, new AbortController().signal),
    'volumes.restore': async (args, sink, signal) => restoreVolume(await engine.docker(), args, sink, signal),
    'volumes.clone': async (args, sink, signal) => cloneVolume(await engine.docker(), args, sink, signal),
  };
}
