import type { Measure } from '../types';
import { imagesListMeasure } from './images-list';
import { listMeasure } from './list';
import { stateChangesMeasure } from './state-changes';
import { listApiMeasure } from './list-api';
import { statsListMeasure } from './stats-list';
import { logsOpenMeasure } from './logs-open';
import { logsFloodMeasure } from './logs-flood';
import { execLatencyMeasure } from './exec-latency';
import { execInterruptMeasure } from './exec-interrupt';
import { registryPullMeasure } from './registry-pull';
import { systemDfMeasure } from './system-df';
import { networkCreateMeasure } from './network-create';
import { stacksOpenMeasure } from './stacks-open';
import { composeUpMeasure } from './compose-up';
import { filesListMeasure } from './files-list';
import { filesCopyMeasure } from './files-copy';
import { volumeBackupMeasure } from './volume-backup';
import { engineSwitchMeasure } from './engine-switch';

/** Every measure, in run order. Add a module under bench/measures/ and list it here. */
export const measures: readonly Measure[] = [
  listApiMeasure,
  listMeasure,
  imagesListMeasure,
  stateChangesMeasure,
  statsListMeasure,
  logsOpenMeasure,
  logsFloodMeasure,
  execLatencyMeasure,
  execInterruptMeasure,
  registryPullMeasure,
  systemDfMeasure,
  networkCreateMeasure,
  stacksOpenMeasure,
  composeUpMeasure,
  filesListMeasure,
  filesCopyMeasure,
  volumeBackupMeasure,
  engineSwitchMeasure,
];
