import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { docker, requireEngine } from './engine';

/**
 * The compose fixtures (test/fixtures/compose/) and what tests of Stacks need around them: the
 * chapter stack's files, a cleanup by the real CLI, and the project's objects as the docker CLI
 * lists them by label. Used by the integration tests, the e2e test and the bench.
 */
export const COMPOSE_FIXTURES = join(__dirname, '..', 'fixtures', 'compose');
export const CHAPTER_DIR = join(COMPOSE_FIXTURES, 'chapter');
export const CHAPTER_FILES = [join(CHAPTER_DIR, 'docker-compose.yml'), join(CHAPTER_DIR, 'docker-compose.extra.yml')];
export const FAULTS_DIR = join(COMPOSE_FIXTURES, 'faults');

const execFileP = promisify(execFile);

/** True when `docker-compose` (v1, what CI installs) answers. */
export async function hasComposeCli(): Promise<boolean> {
  try {
    await execFileP('docker-compose', ['version', '--short']);
    return true;
  } catch {
    return false;
  }
}

/** `docker-compose -p project -f … <args>` on the private engine, as a terminal would run it. */
export async function composeCli(project: string, files: string[], args: string[]): Promise<string> {
  const host = requireEngine();
  const res = await execFileP('docker-compose', ['-p', project, ...files.flatMap((f) => ['-f', f]), ...args], {
    env: { ...process.env, DOCKER_HOST: host },
  });
  return res.stdout;
}

/** `docker-compose -p project -f … down -v --rmi local --remove-orphans -t 0` on the private engine; never throws. */
export async function composeDown(project: string, files: string[], opts: { envFile?: string } = {}): Promise<void> {
  const env = opts.envFile ? ['--env-file', opts.envFile] : [];
  await composeCli(project, files, [...env, 'down', '-v', '--rmi', 'local', '--remove-orphans', '-t', '0']).catch(
    () => undefined,
  );
}

/** Names of the project's containers / networks / volumes (`docker … ls --filter label=…`). */
export async function projectObjects(
  project: string,
): Promise<{ containers: string[]; networks: string[]; volumes: string[] }> {
  const filter = ['--filter', `label=com.docker.compose.project=${project}`];
  const names = async (args: string[], field: string): Promise<string[]> =>
    (await docker([...args, ...filter, '--format', field])).stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .sort();
  const [containers, networks, volumes] = await Promise.all([
    names(['ps', '-a'], '{{.Names}}'),
    names(['network', 'ls'], '{{.Name}}'),
    names(['volume', 'ls'], '{{.Name}}'),
  ]);
  return { containers, networks, volumes };
}

/** `{ name: state }` of the project's containers. */
export async function projectStates(project: string): Promise<Record<string, string>> {
  const out = await docker([
    'ps',
    '-a',
    '--filter',
    `label=com.docker.compose.project=${project}`,
    '--format',
    '{{.Names}} {{.State}}',
  ]);
  return Object.fromEntries(
    out.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' ') as [string, string]),
  );
}
