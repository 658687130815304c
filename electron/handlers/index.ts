import type { Contract } from '../../shared/contract';
import type { Handlers } from '../../shared/contract-kit';
import type { Engine } from '../engine/engine';
import { containerHandlers } from './containers';
import { engineHandlers } from './engine';
import { imageHandlers } from './images';
import { networkHandlers } from './networks';
import { volumeHandlers } from './volumes';

/** Every channel of the contract; a missing or mistyped handler is a compile error here. */
export function createHandlers(engine: Engine): Handlers<Contract> {
  return {
    ...engineHandlers(engine),
    ...containerHandlers(engine),
    ...imageHandlers(engine),
    ...volumeHandlers(engine),
    ...networkHandlers(engine),
  };
}
