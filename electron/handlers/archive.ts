import type { Handlers } from '../../shared/contract-kit';
import type { archiveContract } from '../../shared/contracts/archive';
import type { Engine } from '../engine/engine';

type ArchiveHandlers = Handlers<typeof archiveContract>;

export function archiveHandlers(engine: Engine): ArchiveHandlers {
  void engine;
  return {};
}
