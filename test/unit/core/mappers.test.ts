import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { describe, expect, test } from 'vitest';
import {
  toContainerDetail,
  toContainerSummary,
  toImageSummaries,
  toNetworkSummaries,
  toState,
  toVolumeSummaries,
} from '../../../electron/engine/mappers';
import { ContainerDetail, ContainerSummary, ImageSummary, NetworkSummary, VolumeSummary } from '../../../shared/models';

/**
 * Fixtures are real engine answers captured from the private engine (Docker 20.10.24, API 1.41):
 *  - fx-web:   docker create --memory 64m --cpus 0.5 --restart on-failure:3 -p 127.0.0.1::80 -p 8080:8080/udp
 *              -e A=b -e EQ=x=y=z -e EMPTY= -v fx-data:/data -v /tmp:/host-tmp:ro -v /anon
 *              --label com.docker.compose.project=shop --label com.docker.compose.service=web
 *              --network fx-net (--subnet 172.30.77.0/24) --entrypoint sh busybox -c 'httpd -f -p 80'; then started
 *  - fx-shell: docker create --restart no busybox sleep 300 (never started)
 */
function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as T;
}
const clone = <T>(v: T): T => structuredClone(v);

const containerList = fixture<Dockerode.ContainerInfo[]>('containers-list.json');
const inspectWeb = fixture<Dockerode.ContainerInspectInfo>('container-inspect-web.json');
const inspectCreated = fixture<Dockerode.ContainerInspectInfo>('container-inspect-created.json');
const imageList = fixture<Dockerode.ImageInfo[]>('images-list.json');
const volumeList = fixture<{ Volumes: Array<{ Name: string; Driver: string; Mountpoint: string }> }>(
  'volumes-list.json',
);
const networkList = fixture<Dockerode.NetworkInspectInfo[]>('networks-list.json');

const webInfo = containerList.find((c) => c.Names[0] === '/fx-web') as Dockerode.ContainerInfo;
const shellInfo = containerList.find((c) => c.Names[0] === '/fx-shell') as Dockerode.ContainerInfo;
const ANON = '74364894ba11aba3523da18a18c518f5fb210ad20fbbf375289de0a73b262c79';
const BUSYBOX_ID = 'sha256:9905878f3d70d0ab2ffdbbe3d659d7c834fddfb9bd61242d17fb8c3fc240df2a';
const FX_NET_ID = '5b52d4cd876d89a33e40cd4165048d56c1a9c19c5e2d8504748ddeaaa7c04580';

describe('toState', () => {
  test('known states map, case-insensitive; unknown → dead', () => {
    expect(toState('running')).toBe('running');
    expect(toState('Paused')).toBe('paused');
    expect(toState('weird')).toBe('dead');
    expect(toState(undefined)).toBe('dead');
  });
});

describe('toContainerSummary', () => {
  const web = toContainerSummary(webInfo);
  const shell = toContainerSummary(shellInfo);

  test('matches the contract schema', () => {
    expect(() => ContainerSummary.parse(web)).not.toThrow();
    expect(() => ContainerSummary.parse(shell)).not.toThrow();
  });

  test('name without the leading slash, state, image, command', () => {
    expect(web).toMatchObject({
      id: webInfo.Id,
      name: 'fx-web',
      image: 'busybox:latest',
      imageId: BUSYBOX_ID,
      command: "sh -c 'httpd -f -p 80'",
      state: 'running',
    });
    expect(shell).toMatchObject({ name: 'fx-shell', state: 'created', status: 'Created', ports: [], mounts: [] });
  });

  test('compose labels become project/service; plain containers have none', () => {
    expect(web.composeProject).toBe('shop');
    expect(web.composeService).toBe('web');
    expect(web.labels).toEqual({ 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' });
    expect(shell.composeProject).toBeUndefined();
    expect(shell.composeService).toBeUndefined();
  });

  test('ports keep the host IP and public port', () => {
    expect(web.ports).toEqual([
      { ip: '127.0.0.1', privatePort: 80, publicPort: 32768, protocol: 'tcp' },
      { ip: '0.0.0.0', privatePort: 8080, publicPort: 8080, protocol: 'udp' },
      { ip: '::', privatePort: 8080, publicPort: 8080, protocol: 'udp' },
    ]);
    const exposedOnly = toContainerSummary({
      ...clone(webInfo),
      Ports: [{ PrivatePort: 443, Type: 'tcp' } as Dockerode.Port],
    });
    expect(exposedOnly.ports).toEqual([{ privatePort: 443, protocol: 'tcp' }]);
  });

  test('networks with id and IP', () => {
    expect(web.networks).toEqual([{ name: 'fx-net', networkId: FX_NET_ID, ipAddress: '172.30.77.2' }]);
    expect(shell.networks).toEqual([{ name: 'bridge', networkId: '', ipAddress: '' }]);
  });

  test('mounts: volumes (named and anonymous) and binds, read-only flag', () => {
    expect(web.mounts).toEqual([
      { type: 'volume', name: ANON, source: '', destination: '/anon', readOnly: false },
      {
        type: 'volume',
        name: 'fx-data',
        source: '/tmp/eng/data/volumes/fx-data/_data',
        destination: '/data',
        readOnly: false,
      },
      { type: 'bind', source: '/tmp', destination: '/host-tmp', readOnly: true },
    ]);
  });

  test('a container without names falls back to its short id; missing optional fields do not crash', () => {
    const bare = {
      Id: 'f'.repeat(64),
      Names: [],
      Image: 'x',
      ImageID: 'sha256:x',
      Created: 1,
      State: 'exited',
    } as unknown as Dockerode.ContainerInfo;
    const s = toContainerSummary(bare);
    expect(s).toMatchObject({
      name: 'ffffffffffff',
      ports: [],
      networks: [],
      mounts: [],
      labels: {},
      command: '',
      status: '',
    });
    expect(() => ContainerSummary.parse(s)).not.toThrow();
  });
});

describe('toContainerDetail', () => {
  const web = toContainerDetail(inspectWeb);
  const created = toContainerDetail(inspectCreated);

  test('matches the contract schema', () => {
    expect(() => ContainerDetail.parse(web)).not.toThrow();
    expect(() => ContainerDetail.parse(created)).not.toThrow();
  });

  test('exec-form entrypoint and cmd stay arrays; path + args is what runs', () => {
    expect(web.entrypoint).toEqual(['sh']);
    expect(web.cmd).toEqual(['-c', 'httpd -f -p 80']);
    expect(web.path).toBe('sh');
    expect(web.args).toEqual(['-c', 'httpd -f -p 80']);
    expect(created.entrypoint).toEqual([]); // Entrypoint: null
    expect(created.cmd).toEqual(['sleep', '300']);
  });

  test('shell-form strings (older engines, Podman) become one-element arrays', () => {
    const i = clone(inspectCreated);
    (i.Config as unknown as Record<string, unknown>).Cmd = 'sleep 300';
    (i.Config as unknown as Record<string, unknown>).Entrypoint = '/bin/sh -c';
    const d = toContainerDetail(i);
    expect(d.cmd).toEqual(['sleep 300']);
    expect(d.entrypoint).toEqual(['/bin/sh -c']);
  });

  test('env is split at the first "=" only', () => {
    expect(web.env).toEqual([
      { key: 'A', value: 'b' },
      { key: 'EQ', value: 'x=y=z' },
      { key: 'EMPTY', value: '' },
    ]);
    const i = clone(inspectCreated);
    i.Config.Env = ['NOVALUE'];
    expect(toContainerDetail(i).env).toEqual([{ key: 'NOVALUE', value: '' }]);
  });

  test('live port bindings keep the host IP', () => {
    expect(web.ports).toEqual([
      { ip: '127.0.0.1', privatePort: 80, publicPort: 32768, protocol: 'tcp' },
      { ip: '0.0.0.0', privatePort: 8080, publicPort: 8080, protocol: 'udp' },
      { ip: '::', privatePort: 8080, publicPort: 8080, protocol: 'udp' },
    ]);
    expect(web.exposedPorts).toEqual(['80/tcp', '8080/udp']);
  });

  test('a stopped container shows its configured bindings (NetworkSettings.Ports is empty then)', () => {
    const i = clone(inspectWeb);
    i.NetworkSettings.Ports = {} as Dockerode.ContainerInspectInfo['NetworkSettings']['Ports'];
    expect(toContainerDetail(i).ports).toEqual([
      { ip: '127.0.0.1', privatePort: 80, protocol: 'tcp' },
      { privatePort: 8080, publicPort: 8080, protocol: 'udp' },
    ]);
  });

  test('an exposed port without bindings has no public port', () => {
    const i = clone(inspectWeb);
    i.NetworkSettings.Ports = {
      '443/tcp': null,
    } as unknown as Dockerode.ContainerInspectInfo['NetworkSettings']['Ports'];
    expect(toContainerDetail(i).ports).toEqual([{ privatePort: 443, protocol: 'tcp' }]);
  });

  test('restart policy, limits, mounts, networks', () => {
    expect(web.restartPolicy).toEqual({ name: 'on-failure', maximumRetryCount: 3 });
    expect(web.limits).toEqual({
      memory: 64 * 1024 * 1024,
      memorySwap: 128 * 1024 * 1024,
      nanoCpus: 500_000_000,
      cpuShares: 0,
      cpuQuota: 0,
      cpuPeriod: 0,
      cpusetCpus: '',
      pidsLimit: null,
    });
    expect(web.mounts.map((m) => [m.type, m.name ?? m.source, m.destination, m.readOnly])).toEqual([
      ['volume', 'fx-data', '/data', false],
      ['bind', '/tmp', '/host-tmp', true],
      ['volume', ANON, '/anon', false],
    ]);
    expect(web.networkMode).toBe('fx-net');
    expect(web.networks).toEqual([
      {
        name: 'fx-net',
        networkId: FX_NET_ID,
        ipAddress: '172.30.77.2',
        ipPrefixLen: 24,
        gateway: '172.30.77.1',
        macAddress: '02:42:ac:1e:4d:02',
        aliases: ['e498e5b6346f'],
      },
    ]);
    expect(created.restartPolicy).toEqual({ name: 'no', maximumRetryCount: 0 });
  });

  test('restart policy defaults to "no" when the engine leaves it empty or out', () => {
    const i = clone(inspectCreated);
    i.HostConfig.RestartPolicy = { Name: '', MaximumRetryCount: 0 };
    expect(toContainerDetail(i).restartPolicy).toEqual({ name: 'no', maximumRetryCount: 0 });
    delete (i.HostConfig as unknown as Record<string, unknown>).RestartPolicy;
    expect(toContainerDetail(i).restartPolicy).toEqual({ name: 'no', maximumRetryCount: 0 });
  });

  test('name without slash, compose labels, state, dates: zero dates "0001-..." are dropped', () => {
    expect(web).toMatchObject({ name: 'fx-web', state: 'running', composeProject: 'shop', composeService: 'web' });
    expect(web.startedAt).toBe('2026-11-28T18:44:16.368588148Z');
    expect(web.finishedAt).toBeUndefined();
    expect(created.state).toBe('created');
    expect(created.startedAt).toBeUndefined();
    expect(created.finishedAt).toBeUndefined();
    expect(created.exitCode).toBe(0);
    expect(created.error).toBeUndefined();
    expect(created.health).toBeUndefined();
    expect(created.composeProject).toBeUndefined();
  });

  test('health and error are carried when present', () => {
    const i = clone(inspectWeb);
    (i.State as unknown as Record<string, unknown>).Health = { Status: 'unhealthy', FailingStreak: 3, Log: [] };
    i.State.Error = 'oci runtime error';
    expect(toContainerDetail(i)).toMatchObject({ health: 'unhealthy', error: 'oci runtime error' });
  });
});

describe('toImageSummaries', () => {
  const containers = containerList.map(toContainerSummary);

  test('tags, usedBy from containers by image id, schema', () => {
    const [img] = toImageSummaries(imageList, containers);
    expect(() => ImageSummary.parse(img)).not.toThrow();
    expect(img).toMatchObject({
      id: BUSYBOX_ID,
      repoTags: ['fx-repo/busybox:v1', 'busybox:latest'],
      repoDigests: [],
      dangling: false,
      size: 1982340,
      labels: {},
    });
    expect(img?.usedBy.map((u) => [u.name, u.state]).sort()).toEqual([
      ['fx-shell', 'created'],
      ['fx-web', 'running'],
    ]);
  });

  test('dangling images ("<none>:<none>") have no tags; digests "<none>@<none>" dropped', () => {
    const dangling = {
      ...clone(imageList[0] as Dockerode.ImageInfo),
      Id: 'sha256:dead',
      RepoTags: ['<none>:<none>'],
      RepoDigests: ['<none>@<none>'],
    };
    const untaggedPulled = {
      ...clone(imageList[0] as Dockerode.ImageInfo),
      Id: 'sha256:beef',
      RepoTags: null,
      RepoDigests: ['busybox@sha256:abc'],
    };
    const [a, b] = toImageSummaries([dangling, untaggedPulled as unknown as Dockerode.ImageInfo], []);
    expect(a).toMatchObject({ repoTags: [], repoDigests: [], dangling: true, usedBy: [] });
    expect(b).toMatchObject({ repoTags: [], repoDigests: ['busybox@sha256:abc'], dangling: true });
  });
});

describe('toVolumeSummaries', () => {
  const containers = containerList.map(toContainerSummary);
  const volumes = toVolumeSummaries(volumeList.Volumes, containers);

  test('schema, usedBy from container mounts, anonymous detection by 64-hex name', () => {
    for (const v of volumes) expect(() => VolumeSummary.parse(v)).not.toThrow();
    const named = volumes.find((v) => v.name === 'fx-data');
    const anon = volumes.find((v) => v.name === ANON);
    expect(named).toMatchObject({
      driver: 'local',
      scope: 'local',
      anonymous: false,
      labels: { 'berth.fixture': '1' },
      created: '2026-11-28T18:44:15Z',
      usedBy: [{ id: webInfo.Id, name: 'fx-web', state: 'running' }],
    });
    expect(anon).toMatchObject({ anonymous: true, labels: {}, usedBy: [{ name: 'fx-web' }] });
  });

  test('the anonymous label (newer engines) marks a named-looking volume anonymous; binds are not volumes', () => {
    const [v] = toVolumeSummaries(
      [{ Name: 'short', Driver: 'local', Mountpoint: '/m', Labels: { 'com.docker.volume.anonymous': '' } }],
      [
        {
          ...toContainerSummary(webInfo),
          mounts: [{ type: 'bind', source: '/short', destination: '/x', readOnly: false }],
        },
      ],
    );
    expect(v).toMatchObject({ anonymous: true, usedBy: [] });
  });
});

describe('toNetworkSummaries', () => {
  const containers = containerList.map(toContainerSummary);
  const nets = toNetworkSummaries(networkList, containers);
  const byName = (n: string): ReturnType<typeof toNetworkSummaries>[number] | undefined =>
    nets.find((x) => x.name === n);

  test('schema; builtIn only for bridge/host/none with their drivers', () => {
    for (const n of nets) expect(() => NetworkSummary.parse(n)).not.toThrow();
    expect(byName('bridge')?.builtIn).toBe(true);
    expect(byName('host')?.builtIn).toBe(true);
    expect(byName('none')?.builtIn).toBe(true);
    expect(byName('fx-net')?.builtIn).toBe(false);
    // A user network named like a built-in one (e.g. on Podman, or a swarm overlay called "bridge") is not built in.
    const fake = {
      ...clone(networkList.find((n) => n.Name === 'fx-net') as Dockerode.NetworkInspectInfo),
      Name: 'host',
      Driver: 'overlay',
    };
    expect(toNetworkSummaries([fake], [])[0]?.builtIn).toBe(false);
  });

  test('subnets, labels and attached containers with their IPs', () => {
    expect(byName('fx-net')).toMatchObject({
      id: FX_NET_ID,
      driver: 'bridge',
      scope: 'local',
      internal: false,
      ipv6: false,
      subnets: [{ subnet: '172.30.77.0/24' }],
      labels: { 'berth.fixture': '1' },
      containers: [{ id: webInfo.Id, name: 'fx-web', state: 'running', ipv4: '172.30.77.2' }],
    });
    expect(byName('host')?.subnets).toEqual([]);
    const withGateway = clone(networkList.find((n) => n.Name === 'fx-net') as Dockerode.NetworkInspectInfo);
    withGateway.IPAM = { Driver: 'default', Config: [{ Subnet: '10.9.0.0/24', Gateway: '10.9.0.254' }] };
    expect(toNetworkSummaries([withGateway], [])[0]?.subnets).toEqual([
      { subnet: '10.9.0.0/24', gateway: '10.9.0.254' },
    ]);
  });

  test('a never-started container (empty NetworkID) is attached by network name', () => {
    expect(byName('bridge')?.containers).toEqual([{ id: shellInfo.Id, name: 'fx-shell', state: 'created', ipv4: '' }]);
  });
});
