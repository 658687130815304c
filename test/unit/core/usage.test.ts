import { describe, expect, test } from 'vitest';
import type { ImageSummary } from '../../../shared/models';
import { withImageUsage, withNetworkUsage, withVolumeUsage } from '../../../shared/usage';

const img = (id: string): ImageSummary => ({
  id,
  repoTags: [`${id}:latest`],
  repoDigests: [],
  dangling: false,
  size: 1,
  created: 0,
  labels: {},
  usedBy: [{ id: 'stale', name: 'stale', state: 'exited' }],
});

describe('image usage from a container list', () => {
  test('each image gets the containers made from it (by image id), others none', () => {
    const out = withImageUsage(
      [img('a'), img('b'), img('c')],
      [
        { id: '1', name: 'web', state: 'running', imageId: 'a' },
        { id: '2', name: 'db', state: 'exited', imageId: 'b' },
        { id: '3', name: 'web-2', state: 'paused', imageId: 'a' },
        { id: '4', name: 'orphan', state: 'exited', imageId: 'gone' },
      ],
    );
    expect(out.map((i) => i.usedBy.map((u) => u.name))).toEqual([['web', 'web-2'], ['db'], []]);
    expect(out[0]?.usedBy[1]).toEqual({ id: '3', name: 'web-2', state: 'paused' });
  });
});

describe('volume and network usage from a container list', () => {
  const containers = [
    {
      id: '1',
      name: 'web',
      state: 'running' as const,
      mounts: [
        { type: 'volume' as const, name: 'data', source: '', destination: '/data', rw: true },
        { type: 'bind' as const, name: '', source: '/tmp', destination: '/t', rw: true },
      ],
      networks: [{ name: 'app', networkId: 'n-app', ipAddress: '172.20.0.2' }],
    },
    {
      id: '2',
      name: 'fresh',
      state: 'created' as const,
      mounts: [{ type: 'volume' as const, name: 'data', source: '', destination: '/d', rw: false }],
      // Never started: no network id yet, attached by name.
      networks: [{ name: 'app', networkId: '', ipAddress: '' }],
    },
  ];

  test('volumes: by volume mount name; binds do not count', () => {
    const vol = (name: string) => ({
      name,
      driver: 'local',
      mountpoint: `/v/${name}`,
      scope: 'local',
      labels: {},
      anonymous: false,
      usedBy: [],
    });
    const out = withVolumeUsage([vol('data'), vol('tmp')], containers as never);
    expect(out.map((v) => v.usedBy.map((u) => u.name))).toEqual([['web', 'fresh'], []]);
  });

  test('networks: by network id, or by name for a container that never started; with IPv4', () => {
    const net = (id: string, name: string) => ({
      id,
      name,
      driver: 'bridge',
      scope: 'local',
      internal: false,
      attachable: false,
      ipv6: false,
      builtIn: false,
      created: '',
      subnets: [],
      labels: {},
      containers: [],
    });
    const [app, other] = withNetworkUsage([net('n-app', 'app'), net('n-x', 'x')], containers as never);
    expect(app?.containers).toEqual([
      { id: '1', name: 'web', state: 'running', ipv4: '172.20.0.2' },
      { id: '2', name: 'fresh', state: 'created', ipv4: '' },
    ]);
    expect(other?.containers).toEqual([]);
  });
});
