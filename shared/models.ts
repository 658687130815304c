import { z } from 'zod';
import { containerRefError, imageRefError, networkRefError, volumeNameError } from './engine-names';
import { Json } from './json';

/** Domain models that cross the contract. Names follow what a person sees, not the engine's casing. */

/** Adds the message of a pure name rule (shared/engine-names.ts) as a zod issue. */
function nameRule(check: (s: string) => string | undefined) {
  return (s: string, ctx: z.RefinementCtx): void => {
    const message = check(s);
    if (message) ctx.addIssue({ code: 'custom', message });
  };
}

/**
 * Names and ids that end up in engine API paths, each by the engine's own rule (never a bare string:
 * `abc/archive?path=…` must not reach a path).
 */
export const ContainerId = z.string().superRefine(nameRule(containerRefError));
export const ImageId = z.string().superRefine(nameRule(imageRefError));
export const VolumeName = z.string().superRefine(nameRule(volumeNameError));
export const NetworkId = z.string().superRefine(nameRule(networkRefError));

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
  /** `--volumes-from` sources (HostConfig.VolumesFrom): container name or id, and `ro`/`rw` (empty: the source's modes). */
  volumesFrom: z.array(z.object({ container: z.string(), mode: z.string() })),
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
  /** While reconnecting to an engine lost mid-session: the attempt under way (1, 2, ...). */
  attempt: z.number().int().min(1).optional(),
  /** While reconnecting: why the connection was lost, or why the latest attempt failed. */
  lastError: z.string().optional(),
  /** Connected, but a request has had no answer for `forMs` (when this status was sent): the engine hangs. */
  slow: z.object({ forMs: z.number().min(0), request: z.string() }).optional(),
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

// --- Stats, processes, changes (issue 3, helper-stats) ---

/**
 * One resource-usage sample of a running container, computed the way the docker CLI computes it.
 * Counters (network, block I/O) are cumulative since the container started; rates come from two
 * samples (renderer/presentation/stats.ts).
 */
export const ContainerStats = z.object({
  id: z.string(),
  name: z.string(),
  /** When the engine read the sample (epoch ms). */
  read: z.number(),
  /** CPU % as `docker stats` shows it (100 % = one full CPU); null on the first sample or after a counter reset. */
  cpuPercent: z.number().nullable(),
  onlineCpus: z.number().int(),
  /** Usage minus inactive file cache (what the CLI shows as MEM USAGE). */
  memoryUsage: z.number(),
  /** 0 when the engine reports none. */
  memoryLimit: z.number(),
  memoryPercent: z.number(),
  /** Summed over every interface. */
  netRx: z.number(),
  netTx: z.number(),
  /** Summed io_service_bytes_recursive (cgroup v1 and v2). */
  blockRead: z.number(),
  blockWrite: z.number(),
  pids: z.number().int(),
});
export type ContainerStats = z.infer<typeof ContainerStats>;

/** `docker top`: column titles and one row of strings per process. */
export const ProcessList = z.object({
  titles: z.array(z.string()),
  processes: z.array(z.array(z.string())),
});
export type ProcessList = z.infer<typeof ProcessList>;

export const FileChangeKind = z.enum(['added', 'changed', 'deleted']);
export type FileChangeKind = z.infer<typeof FileChangeKind>;

/** `docker diff`: one path changed in the container's writable layer. */
export const FileChange = z.object({ path: z.string(), kind: FileChangeKind });
export type FileChange = z.infer<typeof FileChange>;

// --- Exec / attach (issue 3: helper-exec) ---

/** Terminal size in character cells. */
export const TerminalCols = z.number().int().min(1).max(1000);
export const TerminalRows = z.number().int().min(1).max(1000);

/** Docker's detach-keys syntax: comma-separated `ctrl-<x>` or single printable characters (not ','). */
export const DETACH_KEYS_PATTERN = /^(?:ctrl-[a-z@[\\\]^_]|[!-+\--~])(?:,(?:ctrl-[a-z@[\\\]^_]|[!-+\--~]))*$/;
export const DEFAULT_DETACH_KEYS = 'ctrl-p,ctrl-q';

/** Why a terminal session ended. */
export const TerminalEndReason = z.enum([
  /** The process exited on its own (exit code set). */
  'exited',
  /** The container stopped (or was removed) under the session. */
  'container-stopped',
  /** Attach only: the detach keys were typed; the container keeps running. */
  'detached',
]);
export type TerminalEndReason = z.infer<typeof TerminalEndReason>;

/** Frames of 'exec.open' and 'containers.attach'. Output is UTF-8 text, decoded with a streaming decoder. */
export const TerminalFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('started'),
    /** Handle for 'exec.write' / 'exec.resize'; only valid for the sender that opened it. */
    session: z.string(),
    /** What runs (exec: the command; attach: the container's main command). */
    command: z.array(z.string()),
    /** Attach only: false when the container was started without an open stdin (input goes nowhere). */
    stdin: z.boolean(),
  }),
  z.object({ type: z.literal('output'), data: z.string() }),
  z.object({ type: z.literal('exit'), exitCode: z.number().int().nullable(), reason: TerminalEndReason }),
]);
export type TerminalFrame = z.infer<typeof TerminalFrame>;

// --- Logs (issue 3, helper-logs) ---

/** One log line of a container: `ts` is the engine's RFC 3339 timestamp with nanoseconds ('' if absent). */
export const LogLine = z.object({
  stream: z.enum(['stdout', 'stderr']),
  ts: z.string(),
  text: z.string(),
});
export type LogLine = z.infer<typeof LogLine>;

/** "all" or a line count. */
export const LogTail = z.union([z.literal('all'), z.number().int().min(0).max(10_000_000)]);
export type LogTail = z.infer<typeof LogTail>;

/** A point in time for since/until: RFC 3339 ("2024-05-01T10:00:00.5Z") or Unix seconds ("1714557600.5"). */
export const LogTime = z
  .string()
  .max(64)
  .refine((s) => /^\d{1,12}(\.\d{1,9})?$/.test(s) || !Number.isNaN(Date.parse(s)), {
    message: 'Expected an RFC 3339 time or Unix seconds',
  });

export const LogsArgs = z.object({
  id: ContainerId,
  /** Lines from the end to start with (with `until`: the last lines before that time). */
  tail: LogTail.default(1000),
  since: LogTime.optional(),
  until: LogTime.optional(),
  follow: z.boolean().default(true),
});
export type LogsArgs = z.infer<typeof LogsArgs>;
