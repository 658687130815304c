import { describe, expect, test } from 'vitest';
import type { ImageSummary, NetworkSummary, VolumeSummary } from '../../../shared/models';
import {
  describeUsedBy,
  fitCount,
  filterImageRows,
  imageRowMatches,
  networkRemovalText,
  planImageRemoval,
  shouldRelist,
  splitRepoTag,
  toImageRows,
  toNetworkRows,
  toVolumeRows,
  volumeRemovalText,
} from '../../../renderer/presentation/resources';

const ID_A = `sha256:${'a'.repeat(64)}`;
const ID_B = `sha256:${'b'.repeat(64)}`;
const ID_C = `sha256:${'c'.repeat(64)}`;

function image(over: Partial<ImageSummary> & { id: string }): ImageSummary {
  return {
    repoTags: [],
    repoDigests: [],
    dangling: false,
    size: 1000,
    created: 1_700_000_000,
    labels: {},
    usedBy: [],
    ...over,
  };
}

const images: ImageSummary[] = [
  image({
    id: ID_A,
    repoTags: ['busybox:latest', 'busybox:old', 'registry.local:5000/team/busybox:1.36'],
    size: 1_980_000,
    usedBy: [
      { id: 'c1', name: 'zeta', state: 'exited' },
      { id: 'c2', name: 'alpha', state: 'exited' },
      { id: 'c3', name: 'web', state: 'running' },
    ],
  }),
  image({ id: ID_B, dangling: true, size: 5000 }),
  image({ id: ID_C, repoTags: ['solo:v1'], size: 42 }),
];

describe('image rows', () => {
  test('one row per repo:tag; a dangling image is one <none> row', () => {
    const rows = toImageRows(images);
    expect(rows.map((r) => r.key)).toEqual([
      'busybox:latest',
      'busybox:old',
      'registry.local:5000/team/busybox:1.36',
      ID_B,
      'solo:v1',
    ]);
    const [latest, old, registry, dangling] = rows;
    expect(latest).toMatchObject({ repository: 'busybox', tag: 'latest', shortId: 'aaaaaaaaaaaa', dangling: false });
    expect(old).toMatchObject({ repository: 'busybox', tag: 'old', ref: 'busybox:old', size: 1_980_000 });
    expect(registry).toMatchObject({ repository: 'registry.local:5000/team/busybox', tag: '1.36' });
    expect(dangling).toMatchObject({ repository: '<none>', tag: '<none>', ref: undefined, dangling: true });
    expect(latest?.allTags).toHaveLength(3);
  });

  test('used-by lists running containers first, then by name', () => {
    const [row] = toImageRows(images);
    expect(row?.usedBy.map((c) => c.name)).toEqual(['web', 'alpha', 'zeta']);
    expect(describeUsedBy(row?.usedBy ?? [])).toBe('web (running), alpha (exited), zeta (exited)');
    expect(describeUsedBy(row?.usedBy ?? [], 1)).toBe('web (running) and 2 more');
  });

  test('dangling filter and text filter', () => {
    const rows = toImageRows(images);
    expect(filterImageRows(rows, 'show')).toHaveLength(5);
    expect(filterImageRows(rows, 'hide').every((r) => !r.dangling)).toBe(true);
    expect(filterImageRows(rows, 'hide')).toHaveLength(4);
    expect(filterImageRows(rows, 'only').map((r) => r.imageId)).toEqual([ID_B]);
    expect(filterImageRows(rows, 'show', 'OLD').map((r) => r.key)).toEqual(['busybox:old']);
    expect(filterImageRows(rows, 'show', 'web').map((r) => r.imageId)).toEqual([ID_A, ID_A, ID_A]);
    expect(filterImageRows(rows, 'show', 'cccccc').map((r) => r.key)).toEqual(['solo:v1']);
  });

  test('the users of an image are one shared search text, not copied into each of its tag rows', () => {
    const rows = toImageRows(images).filter((r) => r.imageId === ID_A);
    expect(rows[0]?.usedSearch).toBe('web alpha zeta');
    expect(rows.every((r) => r.usedSearch === rows[0]?.usedSearch && !r.search.includes('web'))).toBe(true);
    expect(imageRowMatches(rows[0]!, 'alpha')).toBe(true);
    expect(imageRowMatches(rows[0]!, 'busybox:latest')).toBe(true);
    expect(imageRowMatches(rows[0]!, 'solo')).toBe(false);
  });

  test('a digest-only image shows its repository and no tag', () => {
    const [row] = toImageRows([image({ id: ID_C, repoDigests: ['app@sha256:1234'], dangling: true })]);
    expect(row).toMatchObject({ repository: 'app', tag: '<none>', ref: undefined });
  });

  test('splitRepoTag handles registry ports, digests and implicit latest', () => {
    expect(splitRepoTag('localhost:5000/app:v2')).toEqual({ repository: 'localhost:5000/app', tag: 'v2' });
    expect(splitRepoTag('localhost:5000/app')).toEqual({ repository: 'localhost:5000/app', tag: 'latest' });
    expect(splitRepoTag('app@sha256:abc')).toEqual({ repository: 'app', tag: '<none>' });
  });
});

describe('image removal plan', () => {
  const rows = toImageRows(images);
  const byKey = (k: string) => {
    const r = rows.find((x) => x.key === k);
    if (!r) throw new Error(k);
    return r;
  };
  const fmt = (b: number) => `${b} B`;

  test('untagging one of several tags keeps the image', () => {
    const [step] = planImageRemoval([byKey('busybox:old')], fmt);
    expect(step).toMatchObject({ target: 'busybox:old', effect: 'untag' });
    expect(step?.text).toBe(
      'Untag busybox:old; the image aaaaaaaaaaaa stays while other tags remain (busybox:latest, registry.local:5000/team/busybox:1.36).',
    );
  });

  test("removing an image's only tag deletes the image, and says so with its size", () => {
    const [step] = planImageRemoval([byKey('solo:v1')], fmt);
    expect(step).toMatchObject({ target: 'solo:v1', effect: 'untag-and-delete' });
    expect(step?.text).toBe("Untag solo:v1 and delete image cccccccccccc (42 B): it is the image's only tag.");
  });

  test('a dangling row deletes by id', () => {
    const [step] = planImageRemoval([byKey(ID_B)], fmt);
    expect(step).toMatchObject({
      target: ID_B,
      effect: 'delete',
      text: 'Delete image bbbbbbbbbbbb (5000 B), untagged.',
    });
  });

  test('choosing every tag of an image: the last untag deletes it', () => {
    const chosen = rows.filter((r) => r.imageId === ID_A);
    const steps = planImageRemoval(chosen, fmt);
    expect(steps.map((s) => s.effect)).toEqual(['untag', 'untag', 'untag-and-delete']);
    expect(steps[0]?.text).toBe('Untag busybox:latest.');
    expect(steps[2]?.text).toBe(
      'Untag registry.local:5000/team/busybox:1.36 and delete image aaaaaaaaaaaa (1980000 B): no tags remain.',
    );
  });
});

describe('volume rows', () => {
  const anon = 'f'.repeat(64);
  const volumes: VolumeSummary[] = [
    {
      name: anon,
      driver: 'local',
      mountpoint: `/var/lib/docker/volumes/${anon}/_data`,
      scope: 'local',
      created: '2024-05-01T10:00:00Z',
      labels: {},
      anonymous: true,
      usedBy: [{ id: 'c1', name: 'db', state: 'running' }],
    },
    {
      name: 'data',
      driver: 'local',
      mountpoint: '/var/lib/docker/volumes/data/_data',
      scope: 'local',
      labels: {},
      anonymous: false,
      usedBy: [],
    },
  ];

  test('anonymous volumes are shortened and marked; created parses', () => {
    const [a, d] = toVolumeRows(volumes);
    expect(a).toMatchObject({ displayName: 'ffffffffffff…', anonymous: true, name: anon });
    expect(a?.created).toBe(Date.UTC(2024, 4, 1, 10) / 1000);
    expect(d).toMatchObject({ displayName: 'data', anonymous: false, created: undefined });
    expect(a?.search).toContain('db');
    expect(volumeRemovalText(d!)).toBe('Delete volume data and all data in it (/var/lib/docker/volumes/data/_data).');
    expect(volumeRemovalText(a!)).toContain(`anonymous volume ${anon}`);
  });
});

describe('network rows', () => {
  const networks: NetworkSummary[] = [
    {
      id: '1'.repeat(64),
      name: 'bridge',
      driver: 'bridge',
      scope: 'local',
      internal: false,
      attachable: false,
      ipv6: false,
      builtIn: true,
      created: '2024-05-01T10:00:00.123456789+02:00',
      subnets: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1' }],
      labels: {},
      containers: [],
    },
    {
      id: '2'.repeat(64),
      name: 'berth-net',
      driver: 'bridge',
      scope: 'local',
      internal: true,
      attachable: false,
      ipv6: false,
      builtIn: false,
      created: '0001-01-01T00:00:00Z',
      subnets: [{ subnet: '10.213.0.0/24' }],
      labels: {},
      containers: [
        { id: 'c9', name: 'zz', state: 'exited', ipv4: '' },
        { id: 'c8', name: 'api', state: 'running', ipv4: '10.213.0.2/24' },
      ],
    },
  ];

  test('subnets, gateways, built-in flag, attached containers with plain IPv4', () => {
    const [bridge, user] = toNetworkRows(networks);
    expect(bridge).toMatchObject({
      builtIn: true,
      subnets: ['172.17.0.0/16'],
      gateways: ['172.17.0.1'],
      shortId: '111111111111',
    });
    expect(bridge?.created).toBe(Date.UTC(2024, 4, 1, 8, 0, 0, 123) / 1000);
    expect(user?.created).toBeUndefined();
    expect(user?.containers.map((c) => `${c.name}=${c.ipv4}`)).toEqual(['api=10.213.0.2', 'zz=']);
    expect(user?.search).toContain('10.213.0.2');
    expect(user?.search).toContain('internal');
    expect(networkRemovalText(user!)).toBe('Remove network berth-net (222222222222, bridge, 10.213.0.0/24).');
  });
});

describe('live updates', () => {
  test('own-type events and resync re-list; container events and usage-only events do not (usage is joined)', () => {
    expect(shouldRelist('image', { type: 'image', action: 'untag' })).toBe(true);
    expect(shouldRelist('image', { type: 'container', action: 'destroy' })).toBe(false);
    expect(shouldRelist('volume', { type: 'container', action: 'start' })).toBe(false);
    expect(shouldRelist('network', { type: 'container', action: 'create' })).toBe(false);
    expect(shouldRelist('image', { type: 'container', action: 'exec_start: sh -c true' })).toBe(false);
    expect(shouldRelist('image', { type: 'container', action: 'health_status: healthy' })).toBe(false);
    expect(shouldRelist('image', { type: 'volume', action: 'create' })).toBe(false);
    expect(shouldRelist('image', { type: 'container', action: 'commit' })).toBe(true);
    expect(shouldRelist('volume', { type: 'container', action: 'commit' })).toBe(false);
    expect(shouldRelist('image', { type: 'network', action: 'connect' })).toBe(false);
    expect(shouldRelist('volume', { type: 'volume', action: 'mount' })).toBe(false);
    expect(shouldRelist('volume', { type: 'volume', action: 'create' })).toBe(true);
    expect(shouldRelist('network', { type: 'network', action: 'disconnect' })).toBe(false);
    expect(shouldRelist('network', { type: 'network', action: 'destroy' })).toBe(true);
    expect(shouldRelist('network', { type: 'berth', action: 'resync' })).toBe(true);
    expect(shouldRelist('network', { type: 'berth', action: 'other' })).toBe(false);
  });
});

describe('fitCount', () => {
  test('shows as many entries as fit, at least one', () => {
    expect(fitCount([], 30)).toBe(1);
    expect(fitCount([40], 30)).toBe(1);
    expect(fitCount([5, 5, 5], 30)).toBe(3);
    expect(fitCount([8, 8, 8], 30)).toBe(2);
    expect(fitCount([20, 20], 30)).toBe(1);
  });
});
