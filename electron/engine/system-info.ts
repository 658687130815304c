import type { SystemInfo } from '../../shared/contracts/system';

/** The parts of the engine's `/info` the System page shows (every field optional: engines differ). */
export interface RawInfo {
  Name?: string;
  OperatingSystem?: string;
  OSType?: string;
  KernelVersion?: string;
  Architecture?: string;
  NCPU?: number;
  MemTotal?: number;
  Driver?: string;
  DockerRootDir?: string;
  CgroupDriver?: string;
  CgroupVersion?: string;
  DefaultRuntime?: string;
  Runtimes?: Record<string, unknown> | null;
  SecurityOptions?: string[] | null;
  RegistryConfig?: {
    InsecureRegistryCIDRs?: string[] | null;
    IndexConfigs?: Record<string, { Name?: string; Secure?: boolean; Mirrors?: string[] | null }> | null;
    Mirrors?: string[] | null;
  } | null;
  Swarm?: { LocalNodeState?: string; NodeID?: string; ControlAvailable?: boolean } | null;
  Containers?: number;
  ContainersRunning?: number;
  ContainersPaused?: number;
  ContainersStopped?: number;
  Images?: number;
  Warnings?: string[] | null;
  ServerVersion?: string;
  Plugins?: { Volume?: string[] | null; Network?: string[] | null } | null;
}

/** The parts of `/version` used. */
export interface RawVersion {
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
}

const count = (n: number | undefined): number =>
  typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;

/** `name=seccomp,profile=builtin` → `seccomp` (the form `docker info` lists them in). */
export function securityOptionName(opt: string): string {
  for (const part of opt.split(',')) {
    const [k, v] = part.split('=', 2);
    if (k === 'name' && v) return v;
  }
  return opt;
}

/**
 * Insecure registries as `docker info` lists them: registries configured as not secure (by name),
 * then the CIDRs the engine treats as insecure (127.0.0.0/8 is always one).
 */
export function insecureRegistries(reg: RawInfo['RegistryConfig']): string[] {
  const names = Object.entries(reg?.IndexConfigs ?? {})
    .filter(([, c]) => c.Secure === false)
    .map(([name, c]) => c.Name ?? name)
    .sort();
  return [...names, ...(reg?.InsecureRegistryCIDRs ?? [])];
}

export function mapSystemInfo(info: RawInfo, version: RawVersion): SystemInfo {
  const security = info.SecurityOptions ?? [];
  return {
    name: info.Name ?? '',
    version: version.Version ?? info.ServerVersion ?? '',
    apiVersion: version.ApiVersion ?? '',
    minApiVersion: version.MinAPIVersion ?? '',
    os: info.OperatingSystem ?? '',
    osType: info.OSType ?? '',
    kernelVersion: info.KernelVersion ?? '',
    architecture: info.Architecture ?? '',
    cpus: count(info.NCPU),
    memoryBytes: count(info.MemTotal),
    storageDriver: info.Driver ?? '',
    rootDir: info.DockerRootDir ?? '',
    cgroupDriver: info.CgroupDriver ?? '',
    cgroupVersion: info.CgroupVersion ?? '',
    defaultRuntime: info.DefaultRuntime ?? '',
    runtimes: Object.keys(info.Runtimes ?? {}).sort(),
    securityOptions: security.map(securityOptionName),
    securityOptionsRaw: [...security],
    insecureRegistries: insecureRegistries(info.RegistryConfig),
    registryMirrors: [...(info.RegistryConfig?.Mirrors ?? [])],
    swarm: {
      state: info.Swarm?.LocalNodeState ?? '',
      nodeId: info.Swarm?.NodeID ?? '',
      isManager: info.Swarm?.ControlAvailable === true,
    },
    containers: {
      total: count(info.Containers),
      running: count(info.ContainersRunning),
      paused: count(info.ContainersPaused),
      stopped: count(info.ContainersStopped),
    },
    images: count(info.Images),
    warnings: [...(info.Warnings ?? [])],
    networkDrivers: [...(info.Plugins?.Network ?? [])],
    volumeDrivers: [...(info.Plugins?.Volume ?? [])],
  };
}
