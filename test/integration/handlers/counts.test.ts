import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTracker, docker, requireEngine, uniqueName } from '../../helpers/engine';
import { createStack, type Stack } from './harness';

const tracker = createTracker();
let stack: Stack;

beforeAll(() => {
  requireEngine();
  stack = createStack();
});
afterAll(async () => {
  stack?.close();
  await tracker.cleanup();
});

/** Distinct lines of a `-q` listing (`docker image ls` prints an image once per tag). */
const cliCount = async (args: string[]): Promise<number> =>
  new Set((await docker(args)).stdout.split('\n').filter((l) => l.trim() !== '')).size;

describe('engine.counts', () => {
  test('matches the CLI (docker image ls / volume ls / network ls) and follows a new volume and network', async () => {
    // Other tests may create or remove resources meanwhile: compare snapshots taken back to back, a few tries.
    const snapshot = async () => {
      const [counts, images, volumes, networks] = await Promise.all([
        stack.call('engine.counts', {}),
        cliCount(['image', 'ls', '-q', '--no-trunc']),
        cliCount(['volume', 'ls', '-q']),
        cliCount(['network', 'ls', '-q']),
      ]);
      return { counts, cli: { images, volumes, networks } };
    };
    let last = await snapshot();
    for (let i = 0; i < 3 && JSON.stringify(last.counts) !== JSON.stringify(last.cli); i++) last = await snapshot();
    expect(last.counts).toEqual(last.cli);

    const vol = tracker.volume(uniqueName('count-vol'));
    const net = tracker.network(uniqueName('count-net'));
    await docker(['volume', 'create', vol]);
    await docker(['network', 'create', net]);
    const after = await stack.call('engine.counts', {});
    expect(after.volumes).toBeGreaterThanOrEqual(1);
    expect(after.networks).toBeGreaterThanOrEqual(4); // bridge, host, none + ours
    const [vols, nets] = await Promise.all([stack.call('volumes.list', {}), stack.call('networks.list', {})]);
    expect(vols.some((v) => v.name === vol)).toBe(true);
    expect(nets.some((n) => n.name === net)).toBe(true);
  });
});
