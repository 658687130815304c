import type { Handlers } from '../../shared/contract-kit';
import type { registryContract } from '../../shared/contracts/registry';
import type { Engine } from '../engine/engine';

type RegistryHandlers = Handlers<typeof registryContract>;

export function registryHandlers(engine: Engine): RegistryHandlers {
  void engine;
  return {};
}
