import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../shared/contract-kit';
import type { stacksCliContract, stacksContract } from '../../shared/contracts/stacks';
import { BerthError } from '../../shared/errors';
import { composeEnv } from '../engine/compose/cli';
import { NO_COMPOSE_CLI_MESSAGE, type ComposeCliState } from '../engine/compose/cli-state';
import { previewDownForTarget } from '../engine/compose/down-preview';
import { composeFiles } from '../engine/compose/files';
import { actOnProject } from '../engine/compose/project';
import { runComposeOp } from '../engine/compose/run-op';
import type { EngineApi } from '../engine/engine-api';

export function stackHandlers(engine: EngineApi): Handlers<typeof stacksContract> {
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

/** The environment for a CLI that only reads files (`config`): pointed at the engine when one is connected. */
async function cliEnv(engine: EngineApi): Promise<NodeJS.ProcessEnv> {
  try {
    return composeEnv(process.env, await engine.cliHost());
  } catch {
    return process.env;
  }
}

/** The ops that need the compose CLI; the logic is in electron/engine/compose/. */
export function stackCliHandlers(engine: EngineApi, cli: ComposeCliState): Handlers<typeof stacksCliContract> {
  /** Running ops by sender and run id: a page can cancel only its own. */
  const running = new Map<string, AbortController>();
  const key = (sender: string, run: string): string => `${sender}\n${run}`;
  return {
    'stacks.cli': () => cli.info(),
    'stacks.setCliPath': ({ path }) => cli.setPath(path),
    'stacks.files': async (target) => {
      const found = await cli.current();
      return composeFiles(target, {
        ...(found ? { cli: found } : {}),
        noCliMessage: NO_COMPOSE_CLI_MESSAGE,
        env: process.env,
        cliEnv: await cliEnv(engine),
      });
    },
    'stacks.downPreview': async ({ target, volumes, removeOrphans, rmi }) =>
      previewDownForTarget(await engine.docker(), target, {
        cli: await cli.current(),
        env: process.env,
        cliEnv: await cliEnv(engine),
        volumes,
        removeOrphans,
        rmi,
      }),
    'stacks.run': async (op, sink, signal, ctx) => {
      const found = await cli.require();
      const docker = await engine.docker();
      const dockerHost = await engine.cliHost();
      const run = randomUUID();
      const own = new AbortController();
      running.set(key(ctx.sender, run), own);
      try {
        await runComposeOp({ cli: found, docker, dockerHost, run }, op, sink, AbortSignal.any([signal, own.signal]));
      } finally {
        running.delete(key(ctx.sender, run));
      }
    },
    'stacks.cancel': ({ run }, ctx) => {
      const c = running.get(key(ctx.sender, run));
      c?.abort();
      return Promise.resolve({ cancelled: c !== undefined });
    },
  };
}
