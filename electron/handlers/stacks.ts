import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../shared/contract-kit';
import type { stacksCliContract, stacksContract } from '../../shared/contracts/stacks';
import { BerthError } from '../../shared/errors';
import type { ComposeCliState } from '../engine/compose/cli-state';
import { actOnProject } from '../engine/compose/project';
import { runComposeOp } from '../engine/compose/run-op';
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

/** The ops that need the compose CLI; the logic is in electron/engine/compose/. */
export function stackCliHandlers(engine: Engine, cli: ComposeCliState): Handlers<typeof stacksCliContract> {
  /** Running ops by sender and run id: a page can cancel only its own. */
  const running = new Map<string, AbortController>();
  const key = (sender: string, run: string): string => `${sender}\n${run}`;
  return {
    'stacks.cli': () => cli.info(),
    'stacks.setCliPath': ({ path }) => cli.setPath(path),
    'stacks.files': () => Promise.reject(new BerthError('INTERNAL', 'stacks.files: not yet')),
    'stacks.downPreview': () => Promise.reject(new BerthError('INTERNAL', 'stacks.downPreview: not yet')),
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
