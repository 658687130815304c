import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEST_IMAGE, createTracker, docker, dockerJson, requireEngine, uniqueName, waitFor } from '../helpers/engine';

describe('test harness', () => {
  const tracker = createTracker();

  beforeAll(() => {
    requireEngine();
  });

  afterAll(async () => {
    await tracker.cleanup();
  });

  test('the private engine answers', async () => {
    const host = requireEngine();
    expect(host).not.toBe('unix:///var/run/docker.sock');
    const { stdout } = await docker(['version', '--format', '{{.Server.APIVersion}}']);
    expect(stdout.trim()).toMatch(/^\d+\.\d+$/);
  });

  test(`${TEST_IMAGE} exists and runs`, async () => {
    const [image] = await dockerJson<Array<{ Id: string; RepoTags: string[] }>>(['image', 'inspect', TEST_IMAGE]);
    expect(image?.RepoTags).toContain(TEST_IMAGE);
    const { stdout } = await docker(['run', '--rm', TEST_IMAGE, 'echo', 'hi']);
    expect(stdout).toBe('hi\n');
  });

  test('stdin is passed through', async () => {
    const { stdout } = await docker(['run', '--rm', '-i', TEST_IMAGE, 'cat'], { input: 'piped\n' });
    expect(stdout).toBe('piped\n');
  });

  test('failures throw with stderr unless allowFail', async () => {
    const missing = uniqueName('missing');
    await expect(docker(['container', 'inspect', missing])).rejects.toThrow(/no such (container|object)/i);
    const r = await docker(['container', 'inspect', missing], { allowFail: true });
    expect(r.code).not.toBe(0);
  });

  test('the tracker removes exactly what it registered', async () => {
    const own = createTracker();
    const net = own.network(uniqueName('Harness Net'));
    expect(net).toMatch(/^berth-t-harness-net-[0-9a-f]{8}$/);
    own.volume(uniqueName('never-created')); // not-found must be ignored

    await docker(['network', 'create', net]);
    const [info] = await dockerJson<Array<{ Name: string }>>(['network', 'inspect', net]);
    expect(info?.Name).toBe(net);

    await own.cleanup();
    const gone = await docker(['network', 'inspect', net], { allowFail: true });
    expect(gone.code).not.toBe(0);
    expect(own.tracked().network).toEqual([]);
  });

  test('waitFor polls until truthy and reports timeouts', async () => {
    const name = tracker.container(uniqueName('waitfor'));
    await docker(['run', '-d', '--name', name, TEST_IMAGE, 'sh', '-c', 'sleep 1; exit 3']);
    const code = await waitFor(
      async () => {
        const [c] = await dockerJson<Array<{ State: { Status: string; ExitCode: number } }>>(['inspect', name]);
        return c?.State.Status === 'exited' ? String(c.State.ExitCode) : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    expect(code).toBe('3');
    await expect(waitFor(() => false, { timeoutMs: 150, intervalMs: 20, message: 'never' })).rejects.toThrow(
      /timed out after 150 ms \(never\)/,
    );
  });
});
