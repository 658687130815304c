import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { NetworkSpec } from '../../../shared/network-spec';
import { emptyNetworkSpec } from '../../../shared/network-spec';
import { TEST_IMAGE, createTracker, docker, dockerJson, requireEngine, uniqueName } from '../../helpers/engine';
import { createStack, type Stack } from '../handlers/harness';

/** networks.create / connect / disconnect / prunePreview / prune on the real engine, checked with the docker CLI. */

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

interface Inspect {
  Id: string;
  Name: string;
  EnableIPv6: boolean;
  Internal: boolean;
  Attachable: boolean;
  IPAM: { Config: Array<{ Subnet: string; Gateway?: string; IPRange?: string }> };
  Labels: Record<string, string>;
  Options: Record<string, string>;
}

const inspectNetwork = async (name: string): Promise<Inspect> =>
  (await dockerJson<Inspect[]>(['network', 'inspect', name]))[0]!;

const networkExists = async (nameOrId: string): Promise<boolean> =>
  (await docker(['network', 'inspect', nameOrId], { allowFail: true })).code === 0;

/** A random private /24 (other tests share this engine: retried elsewhere when taken). */
function randomV4(): { subnet: string; base: string } {
  const base = `10.${randomInt(100, 250)}.${randomInt(0, 255)}`;
  return { subnet: `${base}.0/24`, base };
}
const randomV6 = (): string =>
  `fd${randomBytes(5)
    .toString('hex')
    .replace(/(..)(....)(....)/, '$1:$2:$3')}::`;

/** Creates through the handler, retrying with another random subnet when the engine says the pool is taken. */
async function createWithFreeSubnet(
  make: (v4: { subnet: string; base: string }) => NetworkSpec,
): Promise<{ id: string; spec: NetworkSpec; base: string }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const v4 = randomV4();
    const spec = make(v4);
    tracker.network(spec.name);
    const env = await stack.envelope('networks.create', { spec });
    if (env.ok) return { id: env.data.id, spec, base: v4.base };
    if (!/overlap/i.test(env.error.message)) throw new Error(`networks.create failed: ${JSON.stringify(env.error)}`);
  }
  throw new Error('no free subnet after 5 attempts');
}

async function runSleeper(prefix: string, network?: string): Promise<string> {
  const name = tracker.container(uniqueName(prefix));
  await docker(['run', '-d', '--name', name, ...(network ? ['--network', network] : []), TEST_IMAGE, 'sleep', '300']);
  return name;
}

describe('networks.create', () => {
  test('two IPAM configs (IPv4 and IPv6), flags, labels and driver options reach the engine', async () => {
    const v6 = randomV6();
    const bridge = `br${randomBytes(4).toString('hex')}`;
    const { id, spec, base } = await createWithFreeSubnet(({ subnet, base }) => ({
      ...emptyNetworkSpec(uniqueName('net-full')),
      ipv6: true,
      internal: true,
      attachable: true,
      ipam: [
        { subnet, gateway: `${base}.1`, ipRange: `${base}.128/25` },
        { subnet: `${v6}/64`, gateway: `${v6}1`, ipRange: '' },
      ],
      labels: [{ key: 'berth.test', value: 'create' }],
      options: [
        { key: 'com.docker.network.bridge.name', value: bridge },
        { key: 'com.docker.network.driver.mtu', value: '1400' },
      ],
    }));
    expect(id).toMatch(/^[a-f0-9]{64}$/);
    const info = await inspectNetwork(spec.name);
    expect(info.Id).toBe(id);
    expect(info).toMatchObject({ Name: spec.name, EnableIPv6: true, Internal: true, Attachable: true });
    expect(info.IPAM.Config).toEqual([
      { Subnet: `${base}.0/24`, Gateway: `${base}.1`, IPRange: `${base}.128/25` },
      { Subnet: `${v6}/64`, Gateway: `${v6}1` },
    ]);
    expect(info.Labels).toEqual({ 'berth.test': 'create' });
    expect(info.Options).toEqual({
      'com.docker.network.bridge.name': bridge,
      'com.docker.network.driver.mtu': '1400',
    });
  });

  test('an invalid spec is refused field by field before the engine sees it', async () => {
    const name = tracker.network(uniqueName('net-invalid'));
    const err = await stack.fail('networks.create', {
      spec: {
        ...emptyNetworkSpec(name),
        ipam: [{ subnet: '10.200.0.0/16', gateway: '10.201.0.1', ipRange: '' }, { subnet: 'fd00:99::/64' }],
      },
    });
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.details?.fields).toEqual({
      'ipam.0.gateway': 'The gateway 10.201.0.1 is not inside 10.200.0.0/16',
      'ipam.1.subnet': 'An IPv6 subnet needs IPv6 turned on',
    });
    expect(await networkExists(name)).toBe(false);
  });

  test('a name with spaces is refused at the name field (the engine itself would take it)', async () => {
    const name = uniqueName('net-spaced').replace('-spaced-', ' spaced ');
    const err = await stack.fail('networks.create', { spec: emptyNetworkSpec(name) });
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.details?.fields).toEqual({ name: expect.stringMatching(/cannot contain spaces/) as unknown });
    expect(await networkExists(name)).toBe(false);
  });

  test('IPv6 on without an IPv6 subnet: a refusal lands at the IPv6 field, and no network', async () => {
    const name = tracker.network(uniqueName('net-v6-auto'));
    const env = await stack.envelope('networks.create', { spec: { ...emptyNetworkSpec(name), ipv6: true } });
    // An engine with default IPv6 pools (Docker 27+) takes it; 20.10 finds no pool and says so.
    if (env.ok) return;
    expect(env.error.message).toMatch(/ipv6/i);
    expect(env.error.details?.fields).toEqual({ ipv6: env.error.message });
    expect(await networkExists(name)).toBe(false);
  });

  test('a subnet overlapping another network → that subnet’s field, and no network', async () => {
    const taken = await createWithFreeSubnet(({ subnet }) => ({
      ...emptyNetworkSpec(uniqueName('net-taken')),
      ipam: [{ subnet, gateway: '', ipRange: '' }],
    }));
    const name = tracker.network(uniqueName('net-overlap'));
    const err = await stack.fail('networks.create', {
      spec: {
        ...emptyNetworkSpec(name),
        ipv6: true,
        // Row 0 is free; row 1 lies inside the taken /24.
        ipam: [
          { subnet: `${randomV6()}/64`, gateway: '', ipRange: '' },
          { subnet: `${taken.base}.64/26`, gateway: '', ipRange: '' },
        ],
      },
    });
    expect(err.message).toMatch(/Pool overlaps with other one on this address space/);
    expect(err.details?.fields).toEqual({ 'ipam.1.subnet': err.message });
    expect(await networkExists(name)).toBe(false);
  });

  test('a name already taken → CONFLICT on the name field', async () => {
    const name = tracker.network(uniqueName('net-dup'));
    await docker(['network', 'create', name]);
    const before = await inspectNetwork(name);
    const err = await stack.fail('networks.create', { spec: emptyNetworkSpec(name) });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain(name);
    expect(err.details?.fields).toEqual({ name: err.message });
    // Still exactly one network of that name, the first one.
    const ids = (await docker(['network', 'ls', '-q', '--no-trunc', '--filter', `name=^${name}$`])).stdout.trim();
    expect(ids).toBe(before.Id);
  });
});

describe('networks.connect / disconnect', () => {
  test('two containers with aliases, a static IP and a link reach each other by name', async () => {
    const net = await createWithFreeSubnet(({ subnet, base }) => ({
      ...emptyNetworkSpec(uniqueName('net-conn')),
      ipam: [{ subnet, gateway: `${base}.1`, ipRange: '' }],
    }));
    const a = await runSleeper('conn-a');
    const b = await runSleeper('conn-b');
    const staticIp = `${net.base}.50`;

    await stack.call('networks.connect', {
      network: net.spec.name,
      container: b,
      spec: { aliases: ['svc-b', 'db.internal'], ipv4: staticIp },
    });
    await stack.call('networks.connect', { network: net.id, container: a, spec: { links: [`${b}:linked-b`] } });

    const [bInfo] = await dockerJson<
      Array<{ NetworkSettings: { Networks: Record<string, { IPAddress: string; Aliases: string[] | null }> } }>
    >(['inspect', b]);
    const ep = bInfo?.NetworkSettings.Networks[net.spec.name];
    expect(ep?.IPAddress).toBe(staticIp);
    expect(ep?.Aliases).toEqual(expect.arrayContaining(['svc-b', 'db.internal']));

    for (const target of ['svc-b', 'db.internal', 'linked-b']) {
      const ping = await docker(['exec', a, 'ping', '-c1', '-W2', target], { allowFail: true });
      expect(ping.code, `${target}: ${ping.stderr}`).toBe(0);
      expect(ping.stdout).toContain(staticIp);
    }
    // A name nobody has does not resolve (the pings above could fail).
    expect((await docker(['exec', a, 'ping', '-c1', '-W1', 'nobody-here'], { allowFail: true })).code).not.toBe(0);

    // Disconnect (force): b leaves the network, and its alias no longer resolves from a.
    await stack.call('networks.disconnect', { network: net.spec.name, container: b, force: true });
    const after = await dockerJson<Array<{ NetworkSettings: { Networks: Record<string, unknown> } }>>(['inspect', b]);
    expect(Object.keys(after[0]?.NetworkSettings.Networks ?? {})).not.toContain(net.spec.name);
    expect((await docker(['exec', a, 'ping', '-c1', '-W1', 'svc-b'], { allowFail: true })).code).not.toBe(0);

    // Disconnecting again: the engine's refusal, as it is.
    const again = await stack.fail('networks.disconnect', { network: net.spec.name, container: b });
    expect(again.message).toMatch(/not connected/i);
  });

  test('refusals land on their field: a static IP outside the subnet, an unknown network or container', async () => {
    const net = await createWithFreeSubnet(({ subnet }) => ({
      ...emptyNetworkSpec(uniqueName('net-refuse')),
      ipam: [{ subnet, gateway: '', ipRange: '' }],
    }));
    const c = await runSleeper('conn-refuse');

    // Checked before the engine sees it: Docker 20.10 would leave a running container with a half-made
    // entry for the network (no endpoint, cannot be disconnected, and the container no longer restarts).
    const outside = await stack.fail('networks.connect', {
      network: net.id,
      container: c,
      spec: { ipv4: '192.0.2.10' },
    });
    expect(outside.code).toBe('INVALID_ARGUMENT');
    expect(outside.details?.fields).toEqual({
      ipv4: `192.0.2.10 is not inside this network’s subnet (${net.base}.0/24)`,
    });
    // No gateway was configured: the bridge driver took the subnet's first address (not listed by inspect).
    expect((await inspectNetwork(net.id)).IPAM.Config[0]?.Gateway).toBeUndefined();
    const gateway = `${net.base}.1`;
    const held = await stack.fail('networks.connect', { network: net.id, container: c, spec: { ipv4: gateway } });
    expect(held.details?.fields).toEqual({ ipv4: `${gateway} is already in use on this network` });
    const noV6 = await stack.fail('networks.connect', { network: net.id, container: c, spec: { ipv6: 'fd00::5' } });
    expect(noV6.details?.fields).toEqual({ ipv6: 'This network has no IPv6 subnet' });

    // The engine's own refusal (a subnet it picked itself takes no static address) lands on the field too.
    const auto = tracker.network(uniqueName('net-auto'));
    await docker(['network', 'create', auto]);
    const autoSubnet = (await inspectNetwork(auto)).IPAM.Config[0]?.Subnet ?? '';
    const inAuto = autoSubnet.replace(/0\/\d+$/, '77');
    const engineSays = await stack.fail('networks.connect', { network: auto, container: c, spec: { ipv4: inAuto } });
    expect(engineSays.message).toMatch(/user configured subnets/);
    expect(engineSays.details?.fields).toEqual({ ipv4: engineSays.message });

    const bad = await stack.fail('networks.connect', { network: net.id, container: c, spec: { ipv4: 'fd00::1' } });
    expect(bad.code).toBe('INVALID_ARGUMENT');
    expect(bad.details?.fields).toEqual({ ipv4: 'Enter an IPv4 address here, e.g. 172.28.5.10' });

    const noNet = await stack.fail('networks.connect', { network: uniqueName('ghost'), container: c });
    expect(noNet.code).toBe('NOT_FOUND');
    expect(Object.keys(noNet.details?.fields as object)).toEqual(['network']);

    const noBox = await stack.fail('networks.connect', { network: net.id, container: uniqueName('ghost') });
    expect(noBox.code).toBe('NOT_FOUND');
    expect(Object.keys(noBox.details?.fields as object)).toEqual(['container']);

    const ghostLink = uniqueName('ghost');
    const noLink = await stack.fail('networks.connect', {
      network: net.id,
      container: c,
      spec: { links: [c, `${ghostLink}:g`] },
    });
    expect(noLink.code).toBe('NOT_FOUND');
    expect(noLink.details?.fields).toEqual({ 'links.1': `No container named “${ghostLink}”` });

    // Aliases on the default bridge: the engine's refusal, at the aliases.
    const onNet = tracker.container(uniqueName('conn-alias'));
    await docker(['create', '--name', onNet, '--network', net.id, TEST_IMAGE, 'sleep', '60']);
    const noAlias = await stack.fail('networks.connect', {
      network: 'bridge',
      container: onNet,
      spec: { aliases: ['x'] },
    });
    expect(noAlias.message).toMatch(/alias is supported only for containers in user defined networks/);
    expect(noAlias.details?.fields).toEqual({ aliases: noAlias.message });

    const [info] = await dockerJson<Array<{ NetworkSettings: { Networks: Record<string, unknown> } }>>(['inspect', c]);
    expect(Object.keys(info?.NetworkSettings.Networks ?? {})).toEqual(['bridge']);
    // Nothing half-made: the container still restarts.
    await docker(['restart', '-t', '0', c]);
  });
});

describe('networks.prunePreview / prune', () => {
  test('only unused networks are listed; only confirmed ids go; one that gained a container survives', async () => {
    const mark = randomBytes(4).toString('hex');
    const label = { key: 'berth.test.prune', value: mark };
    const mk = async (prefix: string): Promise<string> => {
      const name = tracker.network(uniqueName(prefix));
      await docker(['network', 'create', '--label', `${label.key}=${label.value}`, name]);
      return (await inspectNetwork(name)).Id;
    };
    const idle1 = await mk('prune-idle1');
    const idle2 = await mk('prune-idle2');
    const raced = await mk('prune-raced');
    const busy = await mk('prune-busy');
    const keep = await mk('prune-keep');
    await runSleeper('prune-user', busy);
    // Created, never started: no endpoint, so a candidate, but the preview names it.
    const idler = tracker.container(uniqueName('prune-created'));
    await docker(['create', '--name', idler, '--network', keep, TEST_IMAGE, 'sleep', '300']);

    const preview = await stack.call('networks.prunePreview', { labels: [label] });
    expect(preview.map((n) => n.id).sort()).toEqual([idle1, idle2, raced, keep].sort());
    expect(preview.find((n) => n.id === idle1)).toMatchObject({
      driver: 'bridge',
      labels: { [label.key]: mark },
      configuredBy: [],
    });
    expect(preview.find((n) => n.id === keep)?.configuredBy).toEqual([idler]);

    // Without filters: never a built-in network, never one with endpoints.
    const all = await stack.call('networks.prunePreview', {});
    expect(all.some((n) => ['bridge', 'host', 'none'].includes(n.name) || n.id === busy)).toBe(false);
    expect(all.map((n) => n.id)).toEqual(expect.arrayContaining([idle1, idle2, raced, keep]));

    // Filters: label!= and until.
    const notMine = await stack.call('networks.prunePreview', { labels: [{ ...label, not: true }] });
    expect(notMine.some((n) => [idle1, idle2, raced, keep].includes(n.id))).toBe(false);
    const old = await stack.call('networks.prunePreview', { labels: [label], until: '2000-01-01T00:00:00Z' });
    expect(old).toEqual([]);
    const recent = await stack.call('networks.prunePreview', { labels: [label], until: '0s' });
    expect(recent.map((n) => n.id).sort()).toEqual([idle1, idle2, raced, keep].sort());
    const badUntil = await stack.fail('networks.prunePreview', { until: 'yesterday' });
    expect(badUntil.code).toBe('INVALID_ARGUMENT');
    expect(Object.keys(badUntil.details?.fields as object)).toEqual(['until']);

    // The race: a container joins `raced` after the preview.
    await runSleeper('prune-joiner', raced);

    const result = await stack.call('networks.prune', { ids: [idle1, idle2, raced, busy, 'none'] });
    expect(result.removed.map((r) => r.id).sort()).toEqual([idle1, idle2].sort());
    expect(result.failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: raced, code: 'CONFLICT', message: expect.stringMatching(/^Now in use by /) }),
        expect.objectContaining({ id: busy, code: 'CONFLICT' }),
        expect.objectContaining({ id: 'none', code: 'FORBIDDEN' }),
      ]),
    );
    expect(result.failed).toHaveLength(3);
    expect(await networkExists(idle1)).toBe(false);
    expect(await networkExists(idle2)).toBe(false);
    expect(await networkExists(raced)).toBe(true);
    expect(await networkExists(busy)).toBe(true);
    // Not confirmed: untouched although it was in the preview.
    expect(await networkExists(keep)).toBe(true);
    expect(await networkExists('none')).toBe(true);

    // Already gone since: reported, not an error of the whole call.
    const again = await stack.call('networks.prune', { ids: [idle1] });
    expect(again).toEqual({
      removed: [],
      failed: [{ id: idle1, name: '', code: 'NOT_FOUND', message: 'The network is already gone' }],
    });
  });
});
