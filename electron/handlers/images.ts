import type { Contract } from '../../shared/contract';
import type { Handlers } from '../../shared/contract-kit';
import type { EngineApi } from '../engine/engine-api';
import { listImageSummaries, rawImage, removeImage } from '../engine/images';

type ImageHandlers = Pick<Handlers<Contract>, 'images.list' | 'images.inspect' | 'images.remove'>;

export function imageHandlers(engine: EngineApi): ImageHandlers {
  return {
    'images.list': async ({ usage }) => listImageSummaries(await engine.docker(), usage),
    'images.inspect': async ({ id }) => rawImage(await engine.docker(), id),
    'images.remove': async ({ id, force, noPrune }) => removeImage(await engine.docker(), id, { force, noPrune }),
  };
}
