import { describe, expect, test } from 'vitest';
import {
  emptyNetworkSpec,
  gatewayError,
  implicitGateway,
  ipRangeError,
  matchesLabelFilters,
  networkNameError,
  overlappingRows,
  parseAddress,
  parseCidr,
  parseUntil,
  subnetError,
  staticAddressError,
  toNetworkCreateBody,
  validateConnectSpec,
  validateNetworkSpec,
  type NetworkSpec,
} from '../../../shared/network-spec';

const spec = (over: Partial<NetworkSpec>): NetworkSpec => ({ ...emptyNetworkSpec('net-a'), ...over });
const row = (subnet: string, gateway = '', ipRange = '') => ({ subnet, gateway, ipRange });

describe('addresses and subnets', () => {
  test('addresses are strict dotted quads or IPv6 without a zone', () => {
    expect(parseAddress('172.28.5.254')).toMatchObject({ ok: true, value: { family: 'ipv4' } });
    expect(parseAddress('fd00:28::1')).toMatchObject({ ok: true, value: { family: 'ipv6' } });
    expect(parseAddress('::ffff:10.0.0.1')).toMatchObject({ ok: true, value: { family: 'ipv6' } });
    for (const bad of ['10.1', '0x0a.0.0.1', '256.1.1.1', '10.0.0.1/24', 'fe80::1%eth0', 'abc', '', '1.2.3.4.5'])
      expect(parseAddress(bad).ok, bad).toBe(false);
  });

  test('CIDR syntax, prefix range and host bits', () => {
    expect(parseCidr('172.28.0.0/16')).toMatchObject({ ok: true, value: { family: 'ipv4', prefix: 16 } });
    expect(parseCidr('fd00:28::/64')).toMatchObject({ ok: true, value: { family: 'ipv6', prefix: 64 } });
    expect(parseCidr('172.28.0.0')).toEqual({ ok: false, error: expect.stringMatching(/CIDR form/) });
    expect(parseCidr('172.28.0.0/33')).toEqual({
      ok: false,
      error: 'The prefix length after “/” is a number from 0 to 32',
    });
    expect(parseCidr('fd00::/129').ok).toBe(false);
    expect(parseCidr('172.28.0.0/1a').ok).toBe(false);
    expect(parseCidr('172.28.0.0/')).toMatchObject({ ok: false });
    expect(parseCidr('10.1.2.3/24')).toEqual({
      ok: false,
      error: 'The address part has host bits set; did you mean 10.1.2.0/24?',
    });
    expect(parseCidr('fd00:28::5/64')).toMatchObject({ ok: false, error: expect.stringContaining('fd00:28::/64') });
  });

  test('an IPv6 subnet requires IPv6 on', () => {
    expect(subnetError('fd00:28::/64', false)).toBe('An IPv6 subnet needs IPv6 turned on');
    expect(subnetError('fd00:28::/64', true)).toBeUndefined();
    expect(subnetError('10.9.0.0/16', false)).toBeUndefined();
  });

  test('gateway inside its subnet, of its family', () => {
    expect(gatewayError('10.9.0.0/16', '10.9.255.254')).toBeUndefined();
    expect(gatewayError('10.9.0.0/16', '')).toBeUndefined();
    expect(gatewayError('10.9.0.0/16', '10.10.0.1')).toBe('The gateway 10.10.0.1 is not inside 10.9.0.0/16');
    expect(gatewayError('10.9.0.0/16', 'fd00::1')).toBe('The gateway must be an IPv4 address');
    expect(gatewayError('fd00:28::/64', 'fd00:28::1')).toBeUndefined();
    expect(gatewayError('fd00:28::/64', 'fd00:29::1')).toMatch(/not inside/);
    expect(gatewayError('', '10.9.0.1')).toBe('Enter the subnet this gateway belongs to');
    expect(gatewayError('10.9.0.0/16', '10.9.0')).toMatch(/is not an IP address/);
    // A broken subnet is the subnet field's error, not the gateway's.
    expect(gatewayError('10.9.0.0/99', '10.9.0.1')).toBeUndefined();
  });

  test('ip range inside its subnet', () => {
    expect(ipRangeError('10.9.0.0/16', '10.9.5.0/24')).toBeUndefined();
    expect(ipRangeError('10.9.0.0/16', '10.9.0.0/16')).toBeUndefined();
    expect(ipRangeError('10.9.0.0/16', '10.0.0.0/8')).toBe('The IP range 10.0.0.0/8 is not inside 10.9.0.0/16');
    expect(ipRangeError('10.9.0.0/16', '10.10.5.0/24')).toMatch(/not inside/);
    expect(ipRangeError('10.9.0.0/16', 'fd00::/64')).toBe('The IP range must be IPv4');
    expect(ipRangeError('10.9.0.0/16', '10.9.5.1/24')).toMatch(/^The range has host bits set/);
    expect(ipRangeError('fd00:28::/64', 'fd00:28:0:0:8000::/65')).toBeUndefined();
    expect(ipRangeError('', '10.9.5.0/24')).toBe('Enter the subnet this range belongs to');
  });
});

describe('network names', () => {
  test('what the engine accepts, minus its own names and spaces', () => {
    for (const ok of ['web', 'my-net', 'a/b', 'a..b', 'ü-net']) expect(networkNameError(ok), ok).toBeUndefined();
    for (const spaced of ['my net', 'a b c']) expect(networkNameError(spaced), spaced).toMatch(/cannot contain spaces/);
    expect(networkNameError('')).toBe('Enter a network name');
    expect(networkNameError(' web')).toMatch(/spaces/);
    for (const taken of ['bridge', 'host', 'none', 'default', 'ingress'])
      expect(networkNameError(taken)).toMatch(/engine creates itself/);
    expect(networkNameError('container:web')).toMatch(/container:/);
    expect(networkNameError('a'.repeat(64).replace(/a/g, 'f'))).toMatch(/network id/);
    expect(networkNameError('..')).toMatch(/cannot be "\."/);
    expect(networkNameError('a\nb')).toMatch(/control characters/);
  });
});

describe('validateNetworkSpec', () => {
  test('a full valid spec has no errors and becomes the engine body', () => {
    const s = spec({
      ipv6: true,
      internal: true,
      attachable: true,
      ipam: [row('10.9.0.0/16', '10.9.0.1', '10.9.5.0/24'), row('fd00:28::/64', 'fd00:28::1'), row('')],
      labels: [
        { key: 'team', value: 'a' },
        { key: '', value: '' },
      ],
      options: [
        { key: 'com.docker.network.bridge.name', value: 'br-test' },
        { key: 'com.docker.network.driver.mtu', value: ' 1450 ' },
      ],
    });
    expect(validateNetworkSpec(s)).toEqual({});
    expect(toNetworkCreateBody(s)).toEqual({
      Name: 'net-a',
      Driver: 'bridge',
      EnableIPv6: true,
      Internal: true,
      Attachable: true,
      CheckDuplicate: true,
      IPAM: {
        Driver: 'default',
        Config: [
          { Subnet: '10.9.0.0/16', Gateway: '10.9.0.1', IPRange: '10.9.5.0/24' },
          { Subnet: 'fd00:28::/64', Gateway: 'fd00:28::1' },
        ],
      },
      Labels: { team: 'a' },
      Options: { 'com.docker.network.bridge.name': 'br-test', 'com.docker.network.driver.mtu': '1450' },
    });
    expect(toNetworkCreateBody(spec({ driver: '  ' })).Driver).toBe('bridge');
  });

  test('each error names its field', () => {
    const errors = validateNetworkSpec(
      spec({
        name: 'host',
        driver: 'bad driver',
        ipam: [
          row('10.9.0.0/16', '10.8.0.1', '10.0.0.0/8'),
          row('fd00:28::/64'),
          row('10.9.128.0/17'),
          row('', '10.7.0.1'),
          row('10.7.0.0/16x'),
        ],
        labels: [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
        ],
        options: [
          { key: 'com.docker.network.driver.mtu', value: '20' },
          { key: 'x y', value: '' },
        ],
      }),
    );
    expect(errors).toEqual({
      name: expect.stringMatching(/engine creates itself/),
      driver: expect.stringMatching(/driver name/),
      'ipam.0.gateway': 'The gateway 10.8.0.1 is not inside 10.9.0.0/16',
      'ipam.0.ipRange': 'The IP range 10.0.0.0/8 is not inside 10.9.0.0/16',
      'ipam.1.subnet': 'An IPv6 subnet needs IPv6 turned on',
      'ipam.2.subnet': 'Overlaps the subnet in row 1',
      'ipam.3.subnet': 'Enter a subnet (or leave the whole row blank)',
      'ipam.3.gateway': 'Enter the subnet this gateway belongs to',
      'ipam.4.subnet': expect.stringMatching(/prefix length/),
      'labels.1.key': 'a is already set in row 1',
      'options.0.value': expect.stringMatching(/MTU/),
      'options.1.key': 'A option name cannot contain “=” or spaces',
    });
  });

  test('IPv4 and IPv6 subnets never overlap each other', () => {
    expect(validateNetworkSpec(spec({ ipv6: true, ipam: [row('10.0.0.0/8'), row('::/0')] }))).toEqual({});
  });

  test('overlappingRows finds the rows that clash with the engine’s subnets', () => {
    const s = spec({ ipv6: true, ipam: [row('10.9.0.0/16'), row('fd00:28::/64'), row('10.20.0.0/16')] });
    expect(overlappingRows(s, ['172.17.0.0/16', '10.9.3.0/24', 'fd00::/16', 'garbage'])).toEqual([0, 1]);
    expect(overlappingRows(s, ['10.0.0.0/8'])).toEqual([0, 2]);
    expect(overlappingRows(s, [])).toEqual([]);
  });
});

describe('validateConnectSpec', () => {
  test('aliases, static addresses by family, links', () => {
    expect(
      validateConnectSpec({
        aliases: ['db', 'db.local'],
        ipv4: '10.9.0.5',
        ipv6: 'fd00:28::5',
        links: ['web', 'web:w'],
      }),
    ).toEqual({});
    expect(
      validateConnectSpec({ aliases: ['ok', 'no way'], ipv4: 'fd00::5', ipv6: '10.0.0.1', links: ['a:b:c', ''] }),
    ).toEqual({
      'aliases.1': expect.stringMatching(/alias/),
      ipv4: 'Enter an IPv4 address here, e.g. 172.28.5.10',
      ipv6: 'Enter an IPv6 address here, e.g. fd00:28::10',
      'links.0': 'A link is container or container:alias',
      'links.1': 'A link is container or container:alias',
    });
    expect(validateConnectSpec({ aliases: [], ipv4: '10.0.0', ipv6: '', links: [] })).toEqual({
      ipv4: expect.stringMatching(/not an IP address/),
    });
  });
});

describe('static addresses on a network', () => {
  test('the bridge driver’s implicit gateway is the first host address', () => {
    expect(implicitGateway('10.9.3.0/24')).toBe('10.9.3.1');
    expect(implicitGateway('10.9.0.0/16')).toBe('10.9.0.1');
    expect(implicitGateway('fd00:28::/64')).toBe('fd00:28::1');
    expect(implicitGateway('10.9.3.7/32')).toBeUndefined();
    expect(implicitGateway('nonsense')).toBeUndefined();
  });

  test('inside a subnet of its family, not held by the gateway or another endpoint', () => {
    const subnets = ['10.9.3.0/24', 'fd00:28::/64'];
    expect(staticAddressError('10.9.3.50', subnets, ['10.9.3.1'])).toBeUndefined();
    expect(staticAddressError('fd00:28::50', subnets, [])).toBeUndefined();
    expect(staticAddressError('10.9.4.50', [...subnets, '10.8.0.0/16'], [])).toBe(
      '10.9.4.50 is not inside this network’s subnets (10.9.3.0/24, 10.8.0.0/16)',
    );
    expect(staticAddressError('10.9.4.50', ['10.9.3.0/24'], [])).toBe(
      '10.9.4.50 is not inside this network’s subnet (10.9.3.0/24)',
    );
    expect(staticAddressError('10.9.3.1', subnets, ['10.9.3.1', 'fd00:28::2'])).toBe(
      '10.9.3.1 is already in use on this network',
    );
    expect(staticAddressError('fd00:28:0::2', subnets, ['fd00:28::2'])).toBe(
      'fd00:28:0::2 is already in use on this network',
    );
    expect(staticAddressError('fd00::5', ['10.9.3.0/24'], [])).toBe('This network has no IPv6 subnet');
    expect(staticAddressError('10.9.3', subnets, [])).toMatch(/not an IP address/);
  });
});

describe('prune filters', () => {
  test('label filters as the docker CLI’s label= and label!=', () => {
    const labels = { team: 'a', tier: 'db' };
    expect(matchesLabelFilters(labels, [])).toBe(true);
    expect(matchesLabelFilters(labels, [{ key: 'team' }])).toBe(true);
    expect(matchesLabelFilters(labels, [{ key: 'team', value: 'a' }, { key: 'tier' }])).toBe(true);
    expect(matchesLabelFilters(labels, [{ key: 'team', value: 'b' }])).toBe(false);
    expect(matchesLabelFilters(labels, [{ key: 'team', not: true }])).toBe(false);
    expect(matchesLabelFilters(labels, [{ key: 'team', value: 'b', not: true }])).toBe(true);
    expect(matchesLabelFilters(null, [{ key: 'team', not: true }])).toBe(true);
    expect(matchesLabelFilters({ toString: 'x' }, [{ key: 'constructor' }])).toBe(false);
  });

  test('until: durations, unix seconds, RFC 3339', () => {
    const now = Date.parse('2026-12-04T12:00:00Z');
    expect(parseUntil('24h', now)).toEqual({ ok: true, value: now - 86_400_000 });
    expect(parseUntil('1h30m', now)).toEqual({ ok: true, value: now - 5_400_000 });
    expect(parseUntil('90s', now)).toEqual({ ok: true, value: now - 90_000 });
    expect(parseUntil('1700000000', now)).toEqual({ ok: true, value: 1_700_000_000_000 });
    expect(parseUntil('2026-12-01T10:00:00Z', now)).toEqual({ ok: true, value: Date.parse('2026-12-01T10:00:00Z') });
    expect(parseUntil('2026-12-01', now)).toEqual({ ok: true, value: Date.parse('2026-12-01') });
    for (const bad of ['yesterday', '1d', '2026-13-45T99:00', '', '-5h', '24h ago'])
      expect(parseUntil(bad, now).ok, bad).toBe(false);
  });
});
