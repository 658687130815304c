import type { Handlers } from '../../shared/contract-kit';
import type { hostContract } from '../../shared/contracts/host';
import type { Engine } from '../engine/engine';

type HostHandlers = Handlers<typeof hostContract>;

export function hostHandlers(engine: Engine): HostHandlers {
  void engine;
  return {};
}
