import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { SystemInfo } from '../../../shared/contracts/system';
import {
  insecureRegistries,
  mapSystemInfo,
  securityOptionName,
  type RawInfo,
  type RawVersion,
} from '../../../electron/engine/system-info';

/** `/info` and `/version` as the private test engine (dockerd 20.10, API 1.41) answered them. */
const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;

describe('system info mapper', () => {
  test('maps a real engine answer into the contract model', () => {
    const info = mapSystemInfo(fixture<RawInfo>('info.json'), fixture<RawVersion>('version.json'));
    expect(SystemInfo.parse(info)).toEqual(info);
    expect(info).toEqual({
      name: 'vm',
      version: '20.10.24+dfsg1',
      apiVersion: '1.41',
      minApiVersion: '1.12',
      os: 'Debian GNU/Linux 12 (bookworm)',
      osType: 'linux',
      kernelVersion: '6.18.44-fc-v1272',
      architecture: 'x86_64',
      cpus: 2,
      memoryBytes: 25276157952,
      storageDriver: 'overlay2',
      rootDir: '/tmp/berth-engine-shared/data',
      cgroupDriver: 'cgroupfs',
      cgroupVersion: '1',
      defaultRuntime: 'runc',
      runtimes: ['io.containerd.runc.v2', 'io.containerd.runtime.v1.linux', 'runc'],
      securityOptions: ['seccomp'],
      securityOptionsRaw: ['name=seccomp,profile=default'],
      insecureRegistries: ['127.0.0.0/8'],
      registryMirrors: [],
      swarm: { state: 'inactive', nodeId: '', isManager: false },
      containers: { total: 0, running: 0, paused: 0, stopped: 0 },
      images: 1,
      warnings: [],
      networkDrivers: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'],
      volumeDrivers: ['local'],
    });
  });

  test('an engine that says almost nothing still maps (Podman and old engines omit fields)', () => {
    const info = mapSystemInfo({ NCPU: -1, Runtimes: null, RegistryConfig: null, Swarm: null }, {});
    expect(SystemInfo.parse(info)).toMatchObject({
      cpus: 0,
      runtimes: [],
      insecureRegistries: [],
      swarm: { state: '' },
      networkDrivers: [],
      volumeDrivers: [],
    });
  });

  test('security options by name; insecure registries by name, then CIDRs', () => {
    expect(securityOptionName('name=apparmor')).toBe('apparmor');
    expect(securityOptionName('profile=x,name=seccomp')).toBe('seccomp');
    expect(securityOptionName('weird')).toBe('weird');
    expect(
      insecureRegistries({
        InsecureRegistryCIDRs: ['127.0.0.0/8'],
        IndexConfigs: {
          'docker.io': { Name: 'docker.io', Secure: true },
          'reg.local:5000': { Name: 'reg.local:5000', Secure: false },
        },
      }),
    ).toEqual(['reg.local:5000', '127.0.0.0/8']);
  });
});
