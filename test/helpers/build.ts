import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { docker } from './engine';

/**
 * Build tests tag every image they build with `--build-arg BERTH_TEST_RUN=<run id>`: the fixtures'
 * Dockerfiles turn it into a `berth.test.run` label right after FROM, so every intermediate image of
 * the run (also those a failed or cancelled build leaves in the cache) carries it and can be removed
 * without touching anything else on the shared engine.
 */
export const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'build');

export function newRunId(): string {
  return `berth-t-build-${randomBytes(4).toString('hex')}`;
}

/** Removes every image (tagged or intermediate) labelled with this run id, children first. */
export async function removeRunImages(runId: string): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const { stdout } = await docker([
      'image',
      'ls',
      '-a',
      '-q',
      '--no-trunc',
      '--filter',
      `label=berth.test.run=${runId}`,
    ]);
    const ids = [...new Set(stdout.split('\n').filter(Boolean))];
    if (ids.length === 0) return;
    // Parents refuse while a child exists; each round removes the current leaves.
    await Promise.all(ids.map((id) => docker(['image', 'rm', '--force', id], { allowFail: true })));
  }
  throw new Error(`could not remove the images of build run ${runId}`);
}
