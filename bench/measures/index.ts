import type { Measure } from '../types';
import { listMeasure } from './list';
import { stateChangesMeasure } from './state-changes';
import { listApiMeasure } from './list-api';

/** Every measure, in run order. Add a module under bench/measures/ and list it here. */
export const measures: readonly Measure[] = [listApiMeasure, listMeasure, stateChangesMeasure];
