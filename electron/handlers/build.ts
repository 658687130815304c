import type { Handlers } from '../../shared/contract-kit';
import type { buildContract } from '../../shared/contracts/build';
import type { Engine } from '../engine/engine';

type BuildHandlers = Handlers<typeof buildContract>;

export function buildHandlers(engine: Engine): BuildHandlers {
  void engine;
  return {};
}
