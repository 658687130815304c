import type { Contract } from '../../shared/contract';
import type { Handlers } from '../../shared/contract-kit';
import type { Json } from '../../shared/json';
import type { Engine } from '../engine/engine';
import { toContainerSummary, toNetworkSummaries } from '../engine/mappers';
import { networkOf } from '../engine/api-path';

type NetworkHandlers = Pick<Handlers<Contract>, 'networks.list' | 'networks.inspect' | 'networks.remove'>;

export function networkHandlers(engine: Engine): NetworkHandlers {
  return {
    'networks.list': async ({ usage }) => {
      const docker = await engine.docker();
      const [networks, containers] = await Promise.all([
        docker.listNetworks(),
        usage ? docker.listContainers({ all: true, size: false }) : Promise.resolve([]),
      ]);
      return toNetworkSummaries(networks, containers.map(toContainerSummary));
    },
    'networks.inspect': async ({ id }) => {
      const docker = await engine.docker();
      return { raw: (await networkOf(docker, id).inspect()) as unknown as Json };
    },
    'networks.remove': async ({ id }) => {
      const docker = await engine.docker();
      await networkOf(docker, id).remove();
    },
  };
}
