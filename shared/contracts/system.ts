import { z } from 'zod';
import { invoke, stream } from '../contract-kit';
import { ContainerId, ImageId, NetworkId, VolumeName } from '../models';

/** Channels for the System page: engine info, disk use and system prune. Spread into shared/contract.ts. */

const Bytes = z.number().int().min(0);

export const SystemInfo = z.object({
  name: z.string(),
  /** Server version, e.g. "28.2.2"; API version the engine speaks and the oldest it accepts. */
  version: z.string(),
  apiVersion: z.string(),
  minApiVersion: z.string(),
  os: z.string(),
  osType: z.string(),
  kernelVersion: z.string(),
  architecture: z.string(),
  cpus: z.number().int().min(0),
  memoryBytes: Bytes,
  storageDriver: z.string(),
  /** Docker root directory on the engine's host. */
  rootDir: z.string(),
  cgroupDriver: z.string(),
  /** "1" or "2"; empty when the engine does not say. */
  cgroupVersion: z.string(),
  defaultRuntime: z.string(),
  runtimes: z.array(z.string()),
  /** e.g. ["seccomp", "apparmor", "rootless"]: the `name=` of each security option, details in `securityOptionsRaw`. */
  securityOptions: z.array(z.string()),
  securityOptionsRaw: z.array(z.string()),
  insecureRegistries: z.array(z.string()),
  registryMirrors: z.array(z.string()),
  swarm: z.object({
    /** inactive, pending, active, error, locked (or "" when the engine does not say). */
    state: z.string(),
    nodeId: z.string(),
    isManager: z.boolean(),
  }),
  containers: z.object({
    total: z.number().int().min(0),
    running: z.number().int().min(0),
    paused: z.number().int().min(0),
    stopped: z.number().int().min(0),
  }),
  images: z.number().int().min(0),
  /** Warnings the engine reports about its own configuration. */
  warnings: z.array(z.string()),
  /** Network drivers the engine offers (`Plugins.Network`: bridge, host, ipvlan, macvlan, null, overlay, ...). */
  networkDrivers: z.array(z.string()),
  /** Volume drivers the engine offers (`Plugins.Volume`: local and any plugin's). */
  volumeDrivers: z.array(z.string()),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

/** One row of `docker system df`: count, active count, size and reclaimable bytes. */
export const DiskUsageRow = z.object({
  total: z.number().int().min(0),
  active: z.number().int().min(0),
  size: Bytes,
  reclaimable: Bytes,
});
export type DiskUsageRow = z.infer<typeof DiskUsageRow>;

export const DiskUsage = z.object({
  images: DiskUsageRow,
  containers: DiskUsageRow,
  volumes: DiskUsageRow,
  buildCache: DiskUsageRow,
});
export type DiskUsage = z.infer<typeof DiskUsage>;

/** Which kinds a system prune considers; each is off unless asked for. */
export const SystemPruneKinds = z.object({
  /** Containers that are not running, paused or restarting. */
  containers: z.boolean().default(false),
  /** User-defined networks no container (in any state) is connected to. */
  networks: z.boolean().default(false),
  /** `dangling`: untagged images; `all`: every image no container uses. */
  images: z.enum(['none', 'dangling', 'all']).default('none'),
  /** Build cache records not in use. */
  buildCache: z.boolean().default(false),
  /** `anonymous`: unused anonymous volumes (the engine's default); `all`: every unused volume. */
  volumes: z.enum(['none', 'anonymous', 'all']).default('none'),
});
export type SystemPruneKinds = z.infer<typeof SystemPruneKinds>;

export const PruneKind = z.enum(['container', 'network', 'image', 'buildCache', 'volume']);
export type PruneKind = z.infer<typeof PruneKind>;

/** One object a system prune would remove, with the bytes its removal frees. */
export const PruneItem = z.object({
  kind: PruneKind,
  /** Container/network/image/build-cache id, or volume name. */
  id: z.string(),
  /** Container name, network name, image tags, volume name, build-cache description. */
  label: z.string(),
  /**
   * Bytes freed: a container's writable layer, a volume's size, a build-cache record's size (0 when
   * shared), an image's own layers (as images.prunePreview computes them; 0 when another image kept
   * builds on all of them).
   */
  reclaim: Bytes,
  /** Size unknown to the engine (e.g. a volume of a non-local driver). */
  sizeUnknown: z.boolean().default(false),
});
export type PruneItem = z.infer<typeof PruneItem>;

export const SystemPrunePreview = z.object({
  kinds: SystemPruneKinds,
  items: z.array(PruneItem),
  /** Bytes freed when everything listed goes (image layers shared only by listed images counted once). */
  reclaim: Bytes,
});
export type SystemPrunePreview = z.infer<typeof SystemPrunePreview>;

const Ids = <T extends z.ZodType>(t: T) => z.array(t).max(10_000).default([]);

/** What the user confirmed, by id; nothing else is removed. */
export const SystemPruneSelection = z
  .object({
    containers: Ids(ContainerId),
    networks: Ids(NetworkId),
    images: Ids(ImageId),
    buildCache: Ids(z.string().regex(/^[A-Za-z0-9]{1,128}$/, 'A build cache id')),
    volumes: Ids(VolumeName),
  })
  .refine(
    (s) => s.containers.length + s.networks.length + s.images.length + s.buildCache.length + s.volumes.length > 0,
    { message: 'Choose at least one object to remove' },
  );
export type SystemPruneSelection = z.infer<typeof SystemPruneSelection>;

/** Frames of system.prune: one per object (in order: containers, networks, images, volumes, build cache), then `done`. */
export const SystemPruneFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('removed'),
    kind: PruneKind,
    id: z.string(),
    reclaim: Bytes,
    index: z.number().int().min(0),
    total: z.number().int().min(0),
  }),
  z.object({
    type: z.literal('skipped'),
    kind: PruneKind,
    id: z.string(),
    /** NOT_FOUND (already gone), CONFLICT (in use since the preview), or the engine's error code. */
    code: z.string(),
    message: z.string(),
    index: z.number().int().min(0),
    total: z.number().int().min(0),
  }),
  z.object({
    type: z.literal('done'),
    removed: z.number().int().min(0),
    skipped: z.number().int().min(0),
    /** Bytes freed by what was removed (figures measured when the prune started). */
    reclaimed: Bytes,
  }),
]);
export type SystemPruneFrame = z.infer<typeof SystemPruneFrame>;

export const systemContract = {
  /** Engine facts for the System page, from `/info` and `/version`. */
  'system.info': invoke(z.object({}), SystemInfo),
  /** `docker system df`: asks the engine to compute sizes (slow on big hosts), so only on demand. */
  'system.df': invoke(z.object({}), DiskUsage),
  /** Every object a system prune of the chosen kinds would remove, with what each frees. */
  'system.prunePreview': invoke(SystemPruneKinds, SystemPrunePreview),
  /**
   * Removes exactly the confirmed objects, never with force: what was started, connected or used
   * since the preview is skipped with CONFLICT and stays.
   */
  'system.prune': stream(SystemPruneSelection, SystemPruneFrame),
} as const;
