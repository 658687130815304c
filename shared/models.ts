import { z } from 'zod';
import { Json } from './json';

/** Domain models that cross the contract. Names follow what a person sees, not the engine's casing. */

export const Id = z.string().min(1).max(256);

export const ContainerState = z.enum(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);
export type ContainerState = z.infer<typeof ContainerState>;

export const PortMapping = z.object({
  ip: z.string().optional(),
  privatePort: z.number().int(),
  publicPort: z.number().int().optional(),
  protocol: z.string(),
});
export type PortMapping = z.infer<typeof PortMapping>;

export const MountSummary = z.object({
  type: z.string(),
  name: z.string().optional(),
  source: z.string(),
  destination: z.string(),
  readOnly: z.boolean(),
});
export type MountSummary = z.infer<typeof MountSummary>;

export const ContainerNetworkSummary = z.object({
  name: z.string(),
  networkId: z.string(),
  ipAddress: z.string(),
});

export const ContainerSummary = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  command: z.string(),
  created: z.number(),
  state: ContainerState,
  status: z.string(),
  ports: z.array(PortMapping),
  labels: z.record(z.string(), z.string()),
  composeProject: z.string().optional(),
  composeService: z.string().optional(),
  networks: z.array(ContainerNetworkSummary),
  mounts: z.array(MountSummary),
});
export type ContainerSummary = z.infer<typeof ContainerSummary>;

export const ContainerNetworkDetail = z.object({
  name: z.string(),
  networkId: z.string(),
  ipAddress: z.string(),
  ipPrefixLen: z.number().int(),
  gateway: z.string(),
  macAddress: z.string(),
  aliases: z.array(z.string()),
});

export const ContainerDetail = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  created: z.string(),
  state: ContainerState,
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  exitCode: z.number().int().optional(),
  error: z.string().optional(),
  health: z.string().optional(),
  /** Entrypoint and Cmd as the engine stores them (exec form arrays). */
  entrypoint: z.array(z.string()),
  cmd: z.array(z.string()),
  /** Path + Args: what actually runs. */
  path: z.string(),
  args: z.array(z.string()),
  env: z.array(z.object({ key: z.string(), value: z.string() })),
  mounts: z.array(MountSummary),
  ports: z.array(PortMapping),
  exposedPorts: z.array(z.string()),
  networkMode: z.string(),
  networks: z.array(ContainerNetworkDetail),
  restartPolicy: z.object({ name: z.string(), maximumRetryCount: z.number().int() }),
  restartCount: z.number().int(),
  limits: z.object({
    memory: z.number(),
    memorySwap: z.number(),
    nanoCpus: z.number(),
    cpuShares: z.number(),
    cpuQuota: z.number(),
    cpuPeriod: z.number(),
    cpusetCpus: z.string(),
    pidsLimit: z.number().nullable(),
  }),
  labels: z.record(z.string(), z.string()),
  hostname: z.string(),
  workingDir: z.string(),
  user: z.string(),
  tty: z.boolean(),
  openStdin: z.boolean(),
  autoRemove: z.boolean(),
  privileged: z.boolean(),
  composeProject: z.string().optional(),
  composeService: z.string().optional(),
});
export type ContainerDetail = z.infer<typeof ContainerDetail>;

export const ContainerInspect = z.object({ detail: ContainerDetail, raw: Json });
export type ContainerInspect = z.infer<typeof ContainerInspect>;

export const UsedBy = z.object({ id: z.string(), name: z.string(), state: ContainerState });
export type UsedBy = z.infer<typeof UsedBy>;

export const ImageSummary = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  dangling: z.boolean(),
  size: z.number(),
  created: z.number(),
  labels: z.record(z.string(), z.string()),
  usedBy: z.array(UsedBy),
});
export type ImageSummary = z.infer<typeof ImageSummary>;

export const VolumeSummary = z.object({
  name: z.string(),
  driver: z.string(),
  mountpoint: z.string(),
  scope: z.string(),
  created: z.string().optional(),
  labels: z.record(z.string(), z.string()),
  anonymous: z.boolean(),
  usedBy: z.array(UsedBy),
});
export type VolumeSummary = z.infer<typeof VolumeSummary>;

export const NetworkSummary = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  internal: z.boolean(),
  attachable: z.boolean(),
  ipv6: z.boolean(),
  builtIn: z.boolean(),
  created: z.string(),
  subnets: z.array(z.object({ subnet: z.string(), gateway: z.string().optional() })),
  labels: z.record(z.string(), z.string()),
  containers: z.array(UsedBy.extend({ ipv4: z.string() })),
});
export type NetworkSummary = z.infer<typeof NetworkSummary>;

export const EngineSource = z.enum(['setting', 'DOCKER_HOST', 'context', 'default', 'podman']);
export type EngineSource = z.infer<typeof EngineSource>;

export const EngineAttempt = z.object({ endpoint: z.string(), source: EngineSource, error: z.string().optional() });
export type EngineAttempt = z.infer<typeof EngineAttempt>;

export const EngineStatus = z.object({
  state: z.enum(['connecting', 'connected', 'unreachable']),
  endpoint: z.string().optional(),
  source: EngineSource.optional(),
  reason: z.string().optional(),
  tried: z.array(EngineAttempt),
  version: z
    .object({
      version: z.string(),
      apiVersion: z.string(),
      os: z.string(),
      arch: z.string(),
      product: z.string(),
    })
    .optional(),
});
export type EngineStatus = z.infer<typeof EngineStatus>;

export const EngineEvent = z.object({
  /** 'container' | 'image' | 'volume' | 'network' | ... as the engine says; 'berth' for our own resync marker. */
  type: z.string(),
  action: z.string(),
  id: z.string(),
  name: z.string().optional(),
  timeNano: z.number(),
  attributes: z.record(z.string(), z.string()),
});
export type EngineEvent = z.infer<typeof EngineEvent>;
