import { contract, type Contract } from '../../shared/contract';
import type { Handlers } from '../../shared/contract-kit';
import { BerthError } from '../../shared/errors';
import { ComposeCliState } from '../engine/compose/cli-state';
import type { EngineApi } from '../engine/engine-api';
import type { EngineHub } from '../engine/engine-hub';
import type { ContainerListPrefetch } from '../engine/list-prefetch';
import { PodmanService } from '../engine/podman-service';
import { AppSettings } from '../settings/app-settings';
import { defaultSettingsDir, SettingsStore } from '../settings/store';
import { archiveHandlers } from './archive';
import { buildHandlers } from './build';
import { containerHandlers } from './containers';
import { engineHandlers } from './engine';
import { bindStreamsToEngine } from './engine-bound';
import { engineServiceHandlers } from './engine-service';
import { enginesHandlers } from './engines';
import { eventsHandlers } from './events';
import { execHandlers } from './exec';
import { fileTransferHandlers } from './file-transfer';
import { fileHandlers } from './files';
import { hostHandlers } from './host';
import { imageHandlers } from './images';
import { logHandlers } from './logs';
import { networkHandlers } from './networks';
import { notificationHandlers } from './notifications';
import { registryHandlers } from './registry';
import { runHandlers } from './run';
import { settingsHandlers } from './settings';
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
  opts: {
    prefetch?: ContainerListPrefetch;
    settings?: SettingsStore;
    hub?: EngineHub;
    podman?: PodmanService;
    focusWindow?: () => void;
  } = {},
): Handlers<Contract> {
  const settings = opts.settings ?? new SettingsStore();
  const composeCli = new ComposeCliState(settings);
  const hub = opts.hub;
  const podman =
    opts.podman ??
    new PodmanService({
      settings,
      configDir: defaultSettingsDir(),
      connect: async (host) => {
        if (!hub)
          throw new BerthError('INTERNAL', `Podman answers at ${host}, but there is no engine hub to bind to it`);
        return hub.connectTo(host);
      },
    });
  const handlers: Handlers<Contract> = {
    ...enginesHandlers(engine, hub),
    ...engineHandlers(engine),
    ...engineServiceHandlers(podman),
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
    ...stackCliHandlers(engine, composeCli),
    ...settingsHandlers(new AppSettings(settings, composeCli)),
    ...fileHandlers(engine),
    ...fileTransferHandlers(engine),
    ...volumeBackupHandlers(engine),
    ...notificationHandlers(settings, opts.focusWindow),
  };
  return hub ? bindStreamsToEngine(contract, handlers, hub) : handlers;
}
