import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEST_IMAGE, createTracker, docker, dockerJson, requireEngine, uniqueName } from '../../helpers/engine';
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

const networkExists = async (nameOrId: string): Promise<boolean> =>
  (await docker(['network', 'inspect', nameOrId], { allowFail: true })).code === 0;

/** A user network with an explicit subnet; a random /24 avoids clashing with other tests' pools. */
async function createNetwork(prefix: string): Promise<{ name: string; id: string; subnet: string; gateway: string }> {
  const name = tracker.network(uniqueName(prefix));
  for (let attempt = 0; attempt < 5; attempt++) {
    const base = `10.${randomInt(100, 250)}.${randomInt(0, 255)}`;
    const subnet = `${base}.0/24`;
    const gateway = `${base}.1`;
    const r = await docker(
      ['network', 'create', '--subnet', subnet, '--gateway', gateway, '--label', 'berth.test=net', name],
      {
        allowFail: true,
      },
    );
    if (r.code === 0) return { name, id: r.stdout.trim(), subnet, gateway };
    if (!/overlap/i.test(r.stderr)) throw new Error(`network create failed: ${r.stderr}`);
  }
  throw new Error('no free subnet after 5 attempts');
}

describe('networks', () => {
  test('list marks bridge, host and none as built in (and nothing else)', async () => {
    const list = await stack.call('networks.list', {});
    const builtIn = list
      .filter((n) => n.builtIn)
      .map((n) => n.name)
      .sort();
    expect(builtIn).toEqual(['bridge', 'host', 'none']);
    expect(list.find((n) => n.name === 'bridge')).toMatchObject({ driver: 'bridge', scope: 'local' });
    expect(list.find((n) => n.name === 'none')?.driver).toBe('null');
  });

  test('a user network shows subnet, gateway, labels and attached containers with their IPs', async () => {
    const net = await createNetwork('net');
    const running = tracker.container(uniqueName('net-run'));
    const runningId = (
      await docker(['run', '-d', '--name', running, '--network', net.name, TEST_IMAGE, 'sleep', '300'])
    ).stdout.trim();
    const created = tracker.container(uniqueName('net-created'));
    const createdId = (
      await docker(['create', '--name', created, '--network', net.name, TEST_IMAGE, 'sleep', '300'])
    ).stdout.trim();

    const summary = (await stack.call('networks.list', {})).find((n) => n.id === net.id);
    expect(summary).toMatchObject({
      name: net.name,
      driver: 'bridge',
      builtIn: false,
      internal: false,
      subnets: [{ subnet: net.subnet, gateway: net.gateway }],
      labels: { 'berth.test': 'net' },
    });
    const [info] = await dockerJson<Array<{ NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }>>([
      'inspect',
      running,
    ]);
    const ip = info?.NetworkSettings.Networks[net.name]?.IPAddress ?? '';
    expect(ip.startsWith(net.subnet.replace('.0/24', '.'))).toBe(true);
    expect(summary?.containers).toEqual(
      expect.arrayContaining([
        { id: runningId, name: running, state: 'running', ipv4: ip },
        // Configured but never started: attached by name, no address yet.
        { id: createdId, name: created, state: 'created', ipv4: '' },
      ]),
    );
    expect(summary?.containers).toHaveLength(2);

    const { raw } = await stack.call('networks.inspect', { id: net.name });
    expect(raw).toMatchObject({ Id: net.id, Name: net.name });
  });

  test('remove with a running container attached → the engine refusal surfaces; empty → gone', async () => {
    const net = await createNetwork('net-busy');
    const user = tracker.container(uniqueName('net-busy-user'));
    await docker(['run', '-d', '--name', user, '--network', net.name, TEST_IMAGE, 'sleep', '300']);

    const err = await stack.fail('networks.remove', { id: net.id });
    // Docker 20.10 answers 403 "error while removing network: network <name> id <id> has active endpoints".
    expect(['CONFLICT', 'FORBIDDEN', 'INTERNAL']).toContain(err.code);
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toMatch(/has active endpoints/);
    expect(err.message).toContain(net.name);
    expect(await networkExists(net.id)).toBe(true);

    await docker(['rm', '-f', user]);
    await stack.call('networks.remove', { id: net.id });
    expect(await networkExists(net.id)).toBe(false);
    tracker.untrack('network', net.name);
  });

  test('removing a built-in network is refused by the engine with its reason', async () => {
    const err = await stack.fail('networks.remove', { id: 'none' });
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toBe('none is a pre-defined network and cannot be removed');
    expect(await networkExists('none')).toBe(true);
  });

  test('unknown network → NOT_FOUND', async () => {
    const ghost = uniqueName('ghost');
    expect((await stack.fail('networks.inspect', { id: ghost })).code).toBe('NOT_FOUND');
    const rm = await stack.fail('networks.remove', { id: ghost });
    expect(rm.code).toBe('NOT_FOUND');
    expect(rm.message).toMatch(/not found/i);
  });
});
