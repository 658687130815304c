import { describe, expect, test } from 'vitest';
import { emptyNetworkSpec } from '../../../shared/network-spec';
import {
  creatableDrivers,
  driverOptionKeys,
  needsParent,
  toNetworkCreateCommand,
} from '../../../renderer/presentation/network-create';

const info = (networkDrivers: string[], state = 'inactive') => ({ networkDrivers, swarm: { state } });

describe('create network dialog: drivers', () => {
  test('the engine’s drivers minus host and null, bridge first; overlay only on an active Swarm node', () => {
    const all = ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'];
    expect(creatableDrivers(info(all))).toEqual(['bridge', 'ipvlan', 'macvlan']);
    expect(creatableDrivers(info(all, 'active'))).toEqual(['bridge', 'ipvlan', 'macvlan', 'overlay']);
    expect(creatableDrivers(info(all, 'pending'))).not.toContain('overlay');
    // A plugin's driver is offered; duplicates collapse.
    expect(creatableDrivers(info(['weave', 'bridge', 'weave']))).toEqual(['bridge', 'weave']);
  });

  test('without engine info: bridge alone', () => {
    expect(creatableDrivers(undefined)).toEqual(['bridge']);
    expect(creatableDrivers(info([]))).toEqual(['bridge']);
  });

  test('option keys suggested per driver; macvlan and ipvlan want a parent', () => {
    expect(driverOptionKeys('bridge')).toContain('com.docker.network.bridge.name');
    expect(driverOptionKeys('bridge')).toContain('com.docker.network.driver.mtu');
    expect(driverOptionKeys('macvlan')).toContain('parent');
    expect(driverOptionKeys('ipvlan')).toContain('parent');
    expect(driverOptionKeys('some-plugin')).toEqual(['com.docker.network.driver.mtu']);
    expect(needsParent('macvlan')).toBe(true);
    expect(needsParent('bridge')).toBe(false);
  });
});

describe('create network dialog: the docker command', () => {
  test('an empty form', () => {
    expect(toNetworkCreateCommand(emptyNetworkSpec())).toBe('docker network create <name>');
  });

  test('every field, quoted for a shell where needed; blank pools and keys left out', () => {
    const spec = {
      ...emptyNetworkSpec('web net'),
      driver: 'macvlan',
      ipam: [
        { subnet: '172.28.0.0/16', gateway: '172.28.5.254', ipRange: '172.28.5.0/24' },
        { subnet: '', gateway: '', ipRange: '' },
        { subnet: 'fd00:28::/64', gateway: '', ipRange: '' },
      ],
      ipv6: true,
      internal: true,
      attachable: true,
      labels: [
        { key: 'team', value: 'core infra' },
        { key: ' ', value: '' },
      ],
      options: [{ key: 'parent', value: 'eth0' }],
    };
    expect(toNetworkCreateCommand(spec)).toBe(
      'docker network create --driver macvlan --subnet 172.28.0.0/16 --gateway 172.28.5.254 ' +
        '--ip-range 172.28.5.0/24 --subnet fd00:28::/64 --ipv6 --internal --attachable ' +
        "--label 'team=core infra' --opt parent=eth0 'web net'",
    );
  });
});
