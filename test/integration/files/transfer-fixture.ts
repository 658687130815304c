import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { TEST_IMAGE, docker, uniqueName, type Tracker } from '../../helpers/engine';

/** Containers and host folders for the file-transfer tests. */

export const run = promisify(execFile);

/** A running container (sleep), or one created and never started, or one that ran and stopped. */
export async function container(
  tracker: Tracker,
  state: 'running' | 'created' | 'stopped',
  setup = '',
): Promise<string> {
  const name = tracker.container(uniqueName(`xfer-${state}`));
  if (state === 'created') {
    await docker(['create', '--name', name, TEST_IMAGE, 'sleep', '600']);
    if (setup) throw new Error('a created container has no shell to set up files');
  } else {
    await docker(['run', '-d', '--name', name, TEST_IMAGE, 'sleep', '600']);
    if (setup) await docker(['exec', name, 'sh', '-c', setup]);
    if (state === 'stopped') await docker(['stop', '-t', '0', name]);
  }
  return name;
}

/** `docker exec sh -c` output (a running container). */
export async function sh(name: string, script: string): Promise<string> {
  return (await docker(['exec', name, 'sh', '-c', script])).stdout;
}

/** Leftover temporary files in a folder. */
export function parts(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.includes('berth-part'));
}

/** A small tmpfs (root only): for disk-full and read-only tests. Returns an unmount function. */
export async function tmpfs(dir: string, options: string): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  await run('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  return async () => {
    await run('umount', [dir]).catch(() => run('umount', ['-l', dir]));
  };
}
