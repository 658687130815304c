import type { Handlers } from '../../shared/contract-kit';
import type { stacksContract } from '../../shared/contracts/stacks';
import { BerthError } from '../../shared/errors';
import { actOnProject } from '../engine/compose/project';
import type { Engine } from '../engine/engine';

export function stackHandlers(engine: Engine): Handlers<typeof stacksContract> {
  return {
    'stacks.action': async ({ project, service, action }) => {
      const result = await actOnProject(await engine.docker(), project, action, service);
      if (result.done.length + result.skipped.length + result.failed.length === 0) {
        throw new BerthError(
          'NOT_FOUND',
          service ? `No containers of service ${service} in project ${project}` : `No containers of project ${project}`,
        );
      }
      return result;
    },
  };
}
