import { describe, expect, test, vi } from 'vitest';
import { coalesced } from '../../../renderer/lib/timers';
import type { EngineEvent } from '../../../shared/models';
import {
  addressOnly,
  networkPageEventEffect,
  toNetworkPageModel,
  userAliases,
} from '../../../renderer/presentation/networkPage';

const NET = 'b204f1179b60a02fb0c71b4a190cc01b73fec6c11df975d08946c7ebbe651c80';
const C1 = '76f9ed66795a9d22c14c578296ac57c6aca92e7c1b7684f1c38f8e2929f99b73';
const C2 = `aa${'0'.repeat(62)}`;

/** `docker network inspect` of a user-defined bridge with two containers, as Docker 20.10 prints it. */
const RAW = {
  Name: 'appnet',
  Id: NET,
  Created: '2026-12-05T07:04:07.407797384Z',
  Scope: 'local',
  Driver: 'bridge',
  EnableIPv6: true,
  IPAM: {
    Driver: 'default',
    Options: {},
    Config: [{ Subnet: '172.21.0.0/16', Gateway: '172.21.0.1', IPRange: '172.21.5.0/24' }, { Subnet: 'fd00:21::/64' }],
  },
  Internal: false,
  Attachable: true,
  Ingress: false,
  ConfigFrom: { Network: '' },
  ConfigOnly: false,
  Containers: {
    [C1]: {
      Name: 'web',
      EndpointID: 'bd1d',
      MacAddress: '02:42:ac:15:00:02',
      IPv4Address: '172.21.5.2/16',
      IPv6Address: 'fd00:21::2/64',
    },
    [C2]: {
      Name: 'api',
      EndpointID: 'cc',
      MacAddress: '02:42:ac:15:00:03',
      IPv4Address: '172.21.5.3/16',
      IPv6Address: '',
    },
    'lb-appnet': {
      Name: 'appnet-endpoint',
      EndpointID: 'dd',
      MacAddress: '',
      IPv4Address: '172.21.5.4/16',
      IPv6Address: '',
    },
  },
  Options: { 'com.docker.network.driver.mtu': '1450', 'com.docker.network.bridge.name': 'br-app' },
  Labels: { team: 'web', app: 'shop' },
};

const ev = (type: string, action: string, id: string): EngineEvent => ({
  type,
  action,
  id,
  timeNano: 0,
  attributes: {},
});

describe('network page model', () => {
  test('maps the header, flags, IPAM, options and labels (sorted)', () => {
    const m = toNetworkPageModel(RAW)!;
    expect(m).toMatchObject({
      id: NET,
      shortId: NET.slice(0, 12),
      name: 'appnet',
      driver: 'bridge',
      scope: 'local',
      flags: { internal: false, attachable: true, ipv6: true, ingress: false },
    });
    expect(m.created).toBeCloseTo(Date.parse('2026-12-05T07:04:07.407Z') / 1000, 0);
    expect(m.ipam).toEqual({
      driver: 'default',
      configs: [
        { subnet: '172.21.0.0/16', gateway: '172.21.0.1', ipRange: '172.21.5.0/24' },
        { subnet: 'fd00:21::/64', gateway: '', ipRange: '' },
      ],
      options: [],
    });
    expect(m.options).toEqual([
      ['com.docker.network.bridge.name', 'br-app'],
      ['com.docker.network.driver.mtu', '1450'],
    ]);
    expect(m.labels).toEqual([
      ['app', 'shop'],
      ['team', 'web'],
    ]);
  });

  test('attached containers sorted by name, aliases joined from the containers, load balancers marked', () => {
    const m = toNetworkPageModel(RAW, new Map([[C1, ['db', 'cache', C1.slice(0, 12)]]]))!;
    expect(m.endpoints.map((e) => e.name)).toEqual(['api', 'appnet-endpoint', 'web']);
    const web = m.endpoints.find((e) => e.name === 'web')!;
    expect(web).toEqual({
      containerId: C1,
      name: 'web',
      ipv4: '172.21.5.2/16',
      ipv6: 'fd00:21::2/64',
      mac: '02:42:ac:15:00:02',
      aliases: ['db', 'cache'],
      isContainer: true,
    });
    // Not read yet: undefined (the page shows a placeholder), not "no aliases".
    expect(m.endpoints.find((e) => e.name === 'api')?.aliases).toBeUndefined();
    expect(m.endpoints.find((e) => e.name === 'appnet-endpoint')?.isContainer).toBe(false);
  });

  test('missing or mistyped fields default instead of throwing', () => {
    const m = toNetworkPageModel({ Id: NET, Name: 'n', IPAM: { Config: null }, Containers: null, Labels: null })!;
    expect(m.endpoints).toEqual([]);
    expect(m.ipam).toEqual({ driver: 'default', configs: [], options: [] });
    expect(m.labels).toEqual([]);
    expect(m.created).toBeUndefined();
    expect(m.flags).toEqual({ internal: false, attachable: false, ipv6: false, ingress: false });
    expect(toNetworkPageModel({ Name: 'no id' })).toBeUndefined();
    expect(toNetworkPageModel(null)).toBeUndefined();
    expect(toNetworkPageModel([RAW])).toBeUndefined();
  });

  test('user aliases leave out the short id the engine adds', () => {
    expect(userAliases([C1.slice(0, 12), 'db'], C1)).toEqual(['db']);
    expect(userAliases(null, C1)).toEqual([]);
    // A short alias that happens to be a prefix of the id is the user's.
    expect(userAliases(['76f9'], C1)).toEqual(['76f9']);
  });

  test('addressOnly drops the prefix length', () => {
    expect(addressOnly('172.21.5.2/16')).toBe('172.21.5.2');
    expect(addressOnly('fd00::2')).toBe('fd00::2');
    expect(addressOnly('')).toBe('');
  });
});

describe('network page events', () => {
  const attached = new Set([C1]);
  test("its own network's events re-read it; its destroy makes it gone", () => {
    expect(networkPageEventEffect(ev('network', 'connect', NET), NET, attached)).toBe('reload');
    expect(networkPageEventEffect(ev('network', 'disconnect', NET), NET, attached)).toBe('reload');
    expect(networkPageEventEffect(ev('network', 'destroy', NET), NET, attached)).toBe('gone');
    const other = { ...ev('network', 'connect', 'othernet'), attributes: { container: C2, name: 'other' } };
    expect(networkPageEventEffect(other, NET, attached)).toBe('ignore');
  });
  test("Podman's connect has the container as actor and names no network: re-read (it may be this one)", () => {
    // As podman 4.3's /events sends it.
    const attributes = { containerExitCode: '0', image: '', name: 'pm-a', podId: '' };
    expect(networkPageEventEffect({ ...ev('network', 'connect', C2), attributes }, NET, attached)).toBe('reload');
    expect(networkPageEventEffect({ ...ev('network', 'disconnect', C2), attributes }, NET, attached)).toBe('reload');
    // Docker's: the actor is another network, the container an attribute.
    const docker = {
      ...ev('network', 'connect', 'othernet'),
      attributes: { container: C1, name: 'other', type: 'bridge' },
    };
    expect(networkPageEventEffect(docker, NET, attached)).toBe('ignore');
  });
  test('resync re-reads; an attached container renamed re-reads; others are ignored', () => {
    expect(networkPageEventEffect(ev('berth', 'resync', ''), NET, attached)).toBe('reload');
    expect(networkPageEventEffect(ev('container', 'rename', C1), NET, attached)).toBe('reload');
    expect(networkPageEventEffect(ev('container', 'rename', C2), NET, attached)).toBe('ignore');
    expect(networkPageEventEffect(ev('container', 'exec_start', C1), NET, attached)).toBe('ignore');
    expect(networkPageEventEffect(ev('image', 'pull', NET), NET, attached)).toBe('ignore');
  });
});

describe('coalesced', () => {
  test('a burst of schedules runs the function once, after the delay; cancel drops a pending run', () => {
    vi.useFakeTimers();
    try {
      const fn = vi.fn();
      const c = coalesced(fn, 30);
      c.schedule();
      vi.advanceTimersByTime(20);
      c.schedule();
      c.schedule();
      vi.advanceTimersByTime(10);
      expect(fn).toHaveBeenCalledTimes(1);
      c.schedule();
      vi.advanceTimersByTime(30);
      expect(fn).toHaveBeenCalledTimes(2);
      c.schedule();
      c.cancel();
      vi.advanceTimersByTime(100);
      expect(fn).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
