import type { Handlers } from '../../shared/contract-kit';
import type { engineServiceContract } from '../../shared/contracts/engine-service';
import type { PodmanService } from '../engine/podman-service';

export function engineServiceHandlers(podman: PodmanService): Handlers<typeof engineServiceContract> {
  return {
    'engine.localTools': async () => podman.localTools(),
    'engine.startPodman': async ({ keep }) => podman.start(keep),
  };
}
