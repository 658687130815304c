import { dirname } from 'node:path';
import type { z } from 'zod';
import type { ComposeOp, ComposeTarget } from '../../../shared/contracts/stacks';
import { BerthError } from '../../../shared/errors';
import type { ComposeCli } from './cli';

/**
 * The argument arrays for each compose op, per CLI: pure, so every flag is unit-tested against v1
 * (docker-compose 1.29) and v2. Never a shell string: each value is one array element.
 */

export type ComposeOpArgs = z.output<typeof ComposeOp>;
export type ComposeTargetArgs = z.output<typeof ComposeTarget>;
type CliVersion = Pick<ComposeCli, 'major' | 'version'>;

/** The folder compose runs in: `workingDir`, else the first file's folder (as the CLI defaults it). */
export function targetWorkingDir(target: Pick<ComposeTargetArgs, 'files' | 'workingDir'>): string {
  return target.workingDir ?? dirname(target.files[0] ?? '.');
}

/** `--ansi` came with docker-compose 1.28; v2 always had it. Older v1 has only `--no-ansi`. */
export function supportsAnsiFlag(cli: CliVersion): boolean {
  if (cli.major >= 2) return true;
  const [, minor] = cli.version.split('.').map((n) => Number.parseInt(n, 10));
  return cli.major === 1 && (minor ?? 0) >= 28;
}

/**
 * The options before the command: colours kept ("always", for the live output) or off (for output
 * Berth parses), files in order, project, folder, env file, profiles.
 */
export function globalArgs(cli: CliVersion, target: ComposeTargetArgs, ansi: 'always' | 'never' = 'always'): string[] {
  const args: string[] = [];
  if (supportsAnsiFlag(cli)) args.push('--ansi', ansi);
  else if (ansi === 'never') args.push('--no-ansi');
  for (const f of target.files) args.push('-f', f);
  if (target.project) args.push('-p', target.project);
  args.push('--project-directory', targetWorkingDir(target));
  if (target.envFile) args.push('--env-file', target.envFile);
  for (const p of target.profiles) args.push('--profile', p);
  return args;
}

/** `--` before service names: a name can never be read as an option (the schema already forbids a leading "-"). */
function servicesArgs(services: readonly string[]): string[] {
  return services.length ? ['--', ...services] : [];
}

/**
 * The CLI runs an op takes, in order (v1's pull policy "always" is a `pull` run, then `up`). Each is
 * compose's full argument list after the program (and `compose` for the plugin). INVALID_ARGUMENT,
 * with `details.field`, for what this CLI cannot do.
 */
export function opRuns(cli: CliVersion, op: ComposeOpArgs): string[][] {
  // v1 lowercases -p and drops what it does not allow; v2 refuses such a name outright.
  if (cli.major >= 2 && op.target.project !== undefined && !/^[a-z0-9][a-z0-9_-]*$/.test(op.target.project)) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `Compose ${cli.version} accepts only lowercase letters, digits, "-" and "_" in a project name, starting with a letter or digit: "${op.target.project}" is not one.`,
      { field: 'project' },
    );
  }
  const g = globalArgs(cli, op.target);
  switch (op.op) {
    case 'up': {
      const up = ['up', '-d'];
      if (op.build) up.push('--build');
      if (op.forceRecreate) up.push('--force-recreate');
      if (op.removeOrphans) up.push('--remove-orphans');
      if (cli.major >= 2) {
        if (op.pull !== 'missing') up.push('--pull', op.pull);
        return [[...g, ...up, ...servicesArgs(op.services)]];
      }
      if (op.pull === 'never') {
        throw new BerthError(
          'INVALID_ARGUMENT',
          `docker-compose ${cli.version} cannot be told never to pull: it pulls missing images on up. Choose "missing" or "always", or install Compose v2.`,
          { field: 'pull' },
        );
      }
      const runs = [[...g, ...up, ...servicesArgs(op.services)]];
      if (op.pull === 'always') runs.unshift([...g, 'pull', ...servicesArgs(op.services)]);
      return runs;
    }
    case 'down': {
      const down = ['down'];
      if (op.volumes) down.push('--volumes');
      if (op.removeOrphans) down.push('--remove-orphans');
      if (op.rmi !== 'none') down.push('--rmi', op.rmi);
      return [[...g, ...down]];
    }
    case 'remove':
      return [[...g, 'rm', '--stop', '--force', ...(op.volumes ? ['-v'] : []), ...servicesArgs(op.services)]];
    case 'pull':
      return [[...g, 'pull', ...servicesArgs(op.services)]];
    case 'build':
      return [[...g, 'build', ...(op.noCache ? ['--no-cache'] : []), ...servicesArgs(op.services)]];
    case 'scale':
      return [[...g, 'up', '-d', '--no-deps', '--scale', `${op.service}=${op.replicas}`, '--', op.service]];
  }
}
