import type { Handlers } from '../../shared/contract-kit';
import type { runContract } from '../../shared/contracts/run';
import type { Engine } from '../engine/engine';

type RunHandlers = Handlers<typeof runContract>;

export function runHandlers(engine: Engine): RunHandlers {
  void engine;
  return {};
}
