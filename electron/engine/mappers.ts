import type Dockerode from 'dockerode';
import { COMPOSE_LABELS } from '../../shared/compose-labels';
import { BUILTIN_NETWORKS } from '../../shared/run-spec';
import { withImageUsage, withNetworkUsage, withVolumeUsage } from '../../shared/usage';
import type {
  ContainerDetail,
  ContainerState,
  ContainerSummary,
  ImageSummary,
  MountSummary,
  NetworkSummary,
  PortMapping,
  VolumeSummary,
} from '../../shared/models';

/** Pure mappings from the engine's JSON to Berth's models. */

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];
export function toState(s: string | undefined): ContainerState {
  const lower = (s ?? '').toLowerCase();
  return (STATES as readonly string[]).includes(lower) ? (lower as ContainerState) : 'dead';
}

function stripSlash(name: string | undefined): string {
  return (name ?? '').replace(/^\//, '');
}

function mount(m: { Type?: string; Name?: string; Source?: string; Destination?: string; RW?: boolean }): MountSummary {
  const out: MountSummary = {
    type: m.Type ?? 'volume',
    source: m.Source ?? '',
    destination: m.Destination ?? '',
    readOnly: m.RW === false,
  };
  if (m.Name) out.name = m.Name;
  return out;
}

export function toContainerSummary(c: Dockerode.ContainerInfo): ContainerSummary {
  const labels = c.Labels ?? {};
  const ports: PortMapping[] = (c.Ports ?? []).map((p) => {
    const out: PortMapping = { privatePort: p.PrivatePort, protocol: p.Type };
    if (p.IP) out.ip = p.IP;
    if (p.PublicPort) out.publicPort = p.PublicPort;
    return out;
  });
  const networks = Object.entries(c.NetworkSettings?.Networks ?? {}).map(([name, n]) => ({
    name,
    networkId: n.NetworkID ?? '',
    ipAddress: n.IPAddress ?? '',
  }));
  const summary: ContainerSummary = {
    id: c.Id,
    name: stripSlash(c.Names?.[0]) || c.Id.slice(0, 12),
    image: c.Image,
    imageId: c.ImageID,
    command: c.Command ?? '',
    created: c.Created,
    state: toState(c.State),
    status: c.Status ?? '',
    ports,
    labels,
    networks,
    mounts: (c.Mounts ?? []).map(mount),
  };
  if (labels[COMPOSE_LABELS.project]) summary.composeProject = labels[COMPOSE_LABELS.project];
  if (labels[COMPOSE_LABELS.service]) summary.composeService = labels[COMPOSE_LABELS.service];
  return summary;
}

function splitEnv(entry: string): { key: string; value: string } {
  const i = entry.indexOf('=');
  return i < 0 ? { key: entry, value: '' } : { key: entry.slice(0, i), value: entry.slice(i + 1) };
}

function asArray(v: string | string[] | undefined | null): string[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** `name[:ro|rw]` of HostConfig.VolumesFrom. */
function volumesFromEntry(entry: string): { container: string; mode: string } {
  const m = /^(.*):(ro|rw)$/.exec(entry);
  return m ? { container: stripSlash(m[1]), mode: m[2] ?? '' } : { container: stripSlash(entry), mode: '' };
}

export function toContainerDetail(i: Dockerode.ContainerInspectInfo): ContainerDetail {
  const labels = i.Config?.Labels ?? {};
  const hc = i.HostConfig ?? ({} as Dockerode.HostConfig);
  const ports: PortMapping[] = [];
  // A container that is not running has no live bindings (NetworkSettings.Ports is {}): show what it
  // is configured to publish instead, so the detail view does not claim it has no ports.
  const live = i.NetworkSettings?.Ports ?? {};
  const configured = (hc.PortBindings ?? {}) as Record<string, Array<{ HostIp?: string; HostPort?: string }> | null>;
  for (const [key, bindings] of Object.entries(Object.keys(live).length > 0 ? live : configured)) {
    const [port, protocol = 'tcp'] = key.split('/');
    const privatePort = Number(port);
    if (!bindings || bindings.length === 0) {
      ports.push({ privatePort, protocol });
      continue;
    }
    for (const b of bindings) {
      const out: PortMapping = { privatePort, protocol };
      if (b.HostIp) out.ip = b.HostIp;
      if (b.HostPort) out.publicPort = Number(b.HostPort);
      ports.push(out);
    }
  }
  const networks = Object.entries(i.NetworkSettings?.Networks ?? {}).map(([name, n]) => ({
    name,
    networkId: n.NetworkID ?? '',
    ipAddress: n.IPAddress ?? '',
    ipPrefixLen: n.IPPrefixLen ?? 0,
    gateway: n.Gateway ?? '',
    macAddress: n.MacAddress ?? '',
    aliases: n.Aliases ?? [],
  }));
  const state = i.State;
  const detail: ContainerDetail = {
    id: i.Id,
    name: stripSlash(i.Name),
    image: i.Config?.Image ?? '',
    imageId: i.Image,
    created: i.Created,
    state: toState(state?.Status),
    entrypoint: asArray(i.Config?.Entrypoint as string | string[] | undefined),
    cmd: asArray(i.Config?.Cmd as string | string[] | undefined),
    path: i.Path ?? '',
    args: i.Args ?? [],
    env: (i.Config?.Env ?? []).map(splitEnv),
    mounts: (i.Mounts ?? []).map(mount),
    volumesFrom: ((hc as { VolumesFrom?: string[] | null }).VolumesFrom ?? []).map(volumesFromEntry),
    ports,
    exposedPorts: Object.keys(i.Config?.ExposedPorts ?? {}),
    networkMode: hc.NetworkMode ?? 'default',
    networks,
    restartPolicy: {
      name: hc.RestartPolicy?.Name || 'no',
      maximumRetryCount: hc.RestartPolicy?.MaximumRetryCount ?? 0,
    },
    restartCount: i.RestartCount ?? 0,
    limits: {
      memory: hc.Memory ?? 0,
      memorySwap: hc.MemorySwap ?? 0,
      nanoCpus: hc.NanoCpus ?? 0,
      cpuShares: hc.CpuShares ?? 0,
      cpuQuota: hc.CpuQuota ?? 0,
      cpuPeriod: hc.CpuPeriod ?? 0,
      cpusetCpus: hc.CpusetCpus ?? '',
      pidsLimit: hc.PidsLimit ?? null,
    },
    labels,
    hostname: i.Config?.Hostname ?? '',
    workingDir: i.Config?.WorkingDir ?? '',
    user: i.Config?.User ?? '',
    tty: Boolean(i.Config?.Tty),
    openStdin: Boolean(i.Config?.OpenStdin),
    autoRemove: Boolean(hc.AutoRemove),
    privileged: Boolean(hc.Privileged),
  };
  if (state?.StartedAt && !state.StartedAt.startsWith('0001')) detail.startedAt = state.StartedAt;
  if (state?.FinishedAt && !state.FinishedAt.startsWith('0001')) detail.finishedAt = state.FinishedAt;
  if (typeof state?.ExitCode === 'number') detail.exitCode = state.ExitCode;
  if (state?.Error) detail.error = state.Error;
  if (state?.Health?.Status) detail.health = state.Health.Status;
  if (labels[COMPOSE_LABELS.project]) detail.composeProject = labels[COMPOSE_LABELS.project];
  if (labels[COMPOSE_LABELS.service]) detail.composeService = labels[COMPOSE_LABELS.service];
  return detail;
}

/** Image summaries; `containers` fill `usedBy` (pass [] to leave it empty). */
export function toImageSummaries(images: Dockerode.ImageInfo[], containers: ContainerSummary[]): ImageSummary[] {
  const summaries = images.map((img): ImageSummary => {
    const tags = (img.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    const digests = (img.RepoDigests ?? []).filter((d) => d !== '<none>@<none>');
    return {
      id: img.Id,
      repoTags: tags,
      repoDigests: digests,
      dangling: tags.length === 0,
      size: img.Size ?? 0,
      created: img.Created,
      labels: img.Labels ?? {},
      usedBy: [],
    };
  });
  return containers.length > 0 ? withImageUsage(summaries, containers) : summaries;
}

interface VolumeInfo {
  Name: string;
  Driver: string;
  Mountpoint: string;
  Scope?: string;
  CreatedAt?: string;
  Labels?: Record<string, string> | null;
}

const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';

/**
 * Anonymous: the engine's label (engines ≥ 23, whose volume prune keys on it), or the 64-hex name
 * every anonymous volume gets (engines before 23 set no label).
 */
export function isAnonymousVolume(v: { Name: string; Labels?: Record<string, string> | null }): boolean {
  return ANONYMOUS_LABEL in (v.Labels ?? {}) || /^[0-9a-f]{64}$/.test(v.Name);
}

/** Volume summaries; `containers` fill `usedBy` (pass [] to leave it empty). */
export function toVolumeSummaries(volumes: VolumeInfo[], containers: ContainerSummary[]): VolumeSummary[] {
  const summaries = volumes.map((v): VolumeSummary => {
    const labels = v.Labels ?? {};
    const out: VolumeSummary = {
      name: v.Name,
      driver: v.Driver,
      mountpoint: v.Mountpoint,
      scope: v.Scope ?? 'local',
      labels,
      anonymous: isAnonymousVolume(v),
      usedBy: [],
    };
    if (v.CreatedAt) out.created = v.CreatedAt;
    return out;
  });
  return containers.length > 0 ? withVolumeUsage(summaries, containers) : summaries;
}

export function toNetworkSummaries(
  networks: Dockerode.NetworkInspectInfo[],
  containers: ContainerSummary[],
): NetworkSummary[] {
  const summaries = networks.map((n): NetworkSummary => ({
    id: n.Id,
    name: n.Name,
    driver: n.Driver,
    scope: n.Scope,
    internal: Boolean(n.Internal),
    attachable: Boolean(n.Attachable),
    ipv6: Boolean(n.EnableIPv6),
    builtIn: (BUILTIN_NETWORKS as readonly string[]).includes(n.Name) && ['bridge', 'host', 'null'].includes(n.Driver),
    created: n.Created ?? '',
    subnets: (n.IPAM?.Config ?? []).map((cfg) => {
      const out: { subnet: string; gateway?: string } = { subnet: cfg.Subnet ?? '' };
      if (cfg.Gateway) out.gateway = cfg.Gateway;
      return out;
    }),
    labels: n.Labels ?? {},
    containers: [],
  }));
  return containers.length > 0 ? withNetworkUsage(summaries, containers) : summaries;
}
