import type Dockerode from 'dockerode';
import type { StreamSink } from '../../../shared/contract-kit';
import type { ComposeFrame } from '../../../shared/contracts/stacks';
import { opRuns, type ComposeOpArgs } from './args';
import { composeEnv, type ComposeCli } from './cli';
import { parseComposeOutput } from './output-errors';
import { listProjectContainers } from './project';
import { runComposeStream } from './runner';
import { resolveTarget } from './target';

/**
 * One compose op end to end: its CLI runs (args.ts), streamed (runner.ts) against the engine Berth is
 * connected to, then the `exit` frame: the status, the failures the output names per service, and
 * after a failed or cancelled `up`/`scale` what the engine then has of the project.
 */

export interface OpDeps {
  cli: ComposeCli;
  docker: Dockerode;
  /** DOCKER_HOST of the connected engine (Engine.cliHost). */
  dockerHost: string;
  env?: NodeJS.ProcessEnv;
  /** Identifies this run in its `start` frames (for `stacks.cancel`). */
  run: string;
  killAfterMs?: number;
}

type ExitFrame = Extract<ComposeFrame, { kind: 'exit' }>;

export async function runComposeOp(
  deps: OpDeps,
  op: ComposeOpArgs,
  sink: StreamSink<ComposeFrame>,
  signal: AbortSignal,
): Promise<ExitFrame> {
  const runs = opRuns(deps.cli, op);
  const baseEnv = deps.env ?? process.env;
  const target = await resolveTarget(op.target, baseEnv, deps.cli.major);
  const result = await runComposeStream({
    cli: deps.cli,
    runs,
    cwd: target.workingDir,
    env: composeEnv(baseEnv, deps.dockerHost),
    signal,
    sink,
    run: deps.run,
    ...(deps.killAfterMs !== undefined ? { killAfterMs: deps.killAfterMs } : {}),
  });
  const parsed = parseComposeOutput(result.output, { project: target.project });
  const exit: ExitFrame = {
    kind: 'exit',
    code: result.code,
    cancelled: result.cancelled,
    serviceErrors: parsed.serviceErrors,
  };
  const failed = result.code !== 0 || result.spawnError !== undefined;
  const message = result.spawnError ?? parsed.message;
  if (failed && !result.cancelled && message) exit.message = message;
  if ((failed || result.cancelled) && (op.op === 'up' || op.op === 'scale')) {
    exit.project = await listProjectContainers(deps.docker, target.project).catch(() => []);
  }
  sink.emit(exit);
  return exit;
}
