import { contract, type Contract } from '../../shared/contract';
import type { Handlers } from '../../shared/contract-kit';
import { ComposeCliState } from '../engine/compose/cli-state';
import type { EngineApi } from '../engine/engine-api';
import type { EngineHub } from '../engine/engine-hub';
import type { ContainerListPrefetch } from '../engine/list-prefetch';
import { SettingsStore } from '../settings/store';
import { archiveHandlers } from './archive';
import { buildHandlers } from './build';
import { containerHandlers } from './containers';
import { engineHandlers } from './engine';
import { bindStreamsToEngine } from './engine-bound';
import { enginesHandlers } from './engines';
import { eventsHandlers } from './events';
import { execHandlers } from './exec';
import { fileTransferHandlers } from './file-transfer';
import { fileHandlers } from './files';
import { hostHandlers } from './host';
import { imageHandlers } from './images';
import { logHandlers } from './logs';
import { networkHandlers } from './networks';
import { registryHandlers } from './registry';
import { runHandlers } from './run';
import { stackCliHandlers, stackHandlers } from './stacks';
import { statsHandlers } from './stats';
import { systemHandlers } from './system';
import { volumeBackupHandlers } from './volume-backup';
import { volumeHandlers } from './volumes';

/**
 * Every channel of the contract; a missing or mistyped handler is a compile error here. With a hub,
 * `engine` is its facade (the current engine) and every engine-bound stream ends at a switch.
 */
export function createHandlers(
  engine: EngineApi,
  opts: { prefetch?: ContainerListPrefetch; settings?: SettingsStore; hub?: EngineHub } = {},
): Handlers<Contract> {
  const settings = opts.settings ?? new SettingsStore();
  const handlers: Handlers<Contract> = {
    ...enginesHandlers(engine, opts.hub),
    ...engineHandlers(engine),
    ...eventsHandlers(engine),
    ...containerHandlers(engine, opts.prefetch),
    ...imageHandlers(engine),
    ...volumeHandlers(engine),
    ...networkHandlers(engine),
    ...execHandlers(engine),
    ...logHandlers(engine),
    ...statsHandlers(engine),
    ...runHandlers(engine),
    ...registryHandlers(engine),
    ...buildHandlers(engine),
    ...archiveHandlers(engine),
    ...hostHandlers(engine),
    ...systemHandlers(engine),
    ...stackHandlers(engine),
    ...stackCliHandlers(engine, new ComposeCliState(settings)),
    ...fileHandlers(engine),
    ...fileTransferHandlers(engine),
    ...volumeBackupHandlers(engine),
  };
  return opts.hub ? bindStreamsToEngine(contract, handlers, opts.hub) : handlers;
}
