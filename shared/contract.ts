import { z } from 'zod';
import { invoke, stream } from './contract-kit';
import { Json } from './json';
import {
  ContainerInspect,
  ContainerSummary,
  EngineEvent,
  EngineStatus,
  ContainerId,
  ImageId,
  ImageSummary,
  VolumeName,
  VolumeSummary,
} from './models';
import { ContainerStats, FileChange, ProcessList } from './models';
import { DETACH_KEYS_PATTERN, TerminalCols, TerminalFrame, TerminalRows } from './models';
import { LogLine, LogsArgs } from './models';
import { archiveContract } from './contracts/archive';
import { buildContract } from './contracts/build';
import { enginesContract } from './contracts/engines';
import { eventsContract } from './contracts/events';
import { engineServiceContract } from './contracts/engine-service';
import { fileTransferContract } from './contracts/file-transfer';
import { filesContract } from './contracts/files';
import { hostContract } from './contracts/host';
import { networksContract } from './contracts/networks';
import { notificationsContract } from './contracts/notifications';
import { stacksCliContract, stacksContract } from './contracts/stacks';
import { registryContract } from './contracts/registry';
import { runContract } from './contracts/run';
import { settingsContract } from './contracts/settings';
import { systemContract } from './contracts/system';
import { volumeBackupContract } from './contracts/volume-backup';
import { volumesContract } from './contracts/volumes';

const ById = z.object({ id: ContainerId });
const ByImage = z.object({ id: ImageId });
const Inspected = z.object({ raw: Json });

/**
 * The one IPC contract. Main's handlers, the preload bridge and the renderer client all derive
 * their types from this object; nothing else declares a channel or a payload type.
 */
export const contract = {
  // Engine
  'engine.status': invoke(z.object({}), EngineStatus),
  'engine.watch': stream(z.object({}), EngineStatus),
  'engine.reconnect': invoke(z.object({}), EngineStatus),
  /**
   * Engine events; a `{ type: 'berth', action: 'resync' }` frame follows every (re)connect. A subscriber
   * joining while the engine is connected gets one first, with `attributes.reason: 'subscribed'`: a list
   * it requested after subscribing is then current (were the stream itself still connecting, a plain
   * resync follows once it is up).
   */
  'engine.events': stream(z.object({}), EngineEvent),
  /** How many images, volumes and networks there are (for the sidebar; cheaper than the full lists). */
  'engine.counts': invoke(
    z.object({}),
    z.object({ images: z.number().int(), volumes: z.number().int(), networks: z.number().int() }),
  ),

  // Containers
  'containers.list': invoke(
    z.object({ all: z.boolean().default(true), ids: z.array(ContainerId).max(500).optional() }),
    z.array(ContainerSummary),
  ),
  'containers.inspect': invoke(ById, ContainerInspect),
  'containers.start': invoke(ById, z.void()),
  'containers.stop': invoke(ById.extend({ timeoutSec: z.number().int().min(0).max(3600).optional() }), z.void()),
  'containers.restart': invoke(ById.extend({ timeoutSec: z.number().int().min(0).max(3600).optional() }), z.void()),
  'containers.pause': invoke(ById, z.void()),
  'containers.unpause': invoke(ById, z.void()),
  'containers.kill': invoke(
    ById.extend({
      signal: z
        .string()
        .regex(/^[A-Z0-9+]{1,16}$/)
        .optional(),
    }),
    z.void(),
  ),
  'containers.remove': invoke(
    ById.extend({ force: z.boolean().default(false), volumes: z.boolean().default(false) }),
    z.void(),
  ),

  // Images
  /**
   * `usage: false` skips the container list the engine would otherwise be asked for and leaves every
   * `usedBy` empty: for a caller that joins the containers it already has (shared/usage.ts).
   */
  'images.list': invoke(z.object({ usage: z.boolean().default(true) }), z.array(ImageSummary)),
  'images.inspect': invoke(ByImage, Inspected),
  /** `id` is an image id or a repo:tag reference; removing a reference untags it. */
  'images.remove': invoke(
    ByImage.extend({ force: z.boolean().default(false), noPrune: z.boolean().default(false) }),
    z.object({ untagged: z.array(z.string()), deleted: z.array(z.string()) }),
  ),

  // Volumes
  /** `usage: false`: no container list, every `usedBy` empty (shared/usage.ts joins it), as images.list. */
  'volumes.list': invoke(z.object({ usage: z.boolean().default(true) }), z.array(VolumeSummary)),
  'volumes.inspect': invoke(z.object({ name: VolumeName }), Inspected),
  'volumes.remove': invoke(z.object({ name: VolumeName, force: z.boolean().default(false) }), z.void()),

  // --- Logs (issue 3: helper-logs adds its channels here) ---
  /**
   * Log lines of a container, timestamps stripped into `ts`: starts with `tail` lines, then follows
   * (unless `follow: false` or `until` is set). `until` is exclusive; with `until` + a numeric tail the
   * stream holds the last `tail` lines before that time. Ends when the container stops. NOT_FOUND for an unknown id.
   */
  'containers.logs': stream(LogsArgs, LogLine),

  // --- Exec / attach (issue 3: helper-exec adds its channels here) ---
  /**
   * A new process in the container with a TTY (`cmd` absent → bash if present, else sh). Frames: started
   * (session id for exec.write / exec.resize), output (UTF-8 text), exit. Unsubscribing hangs the process up.
   */
  'exec.open': stream(
    ById.extend({
      cmd: z.array(z.string().min(1).max(4096)).max(256).optional(),
      user: z.string().max(256).optional(),
      workingDir: z.string().max(4096).optional(),
      cols: TerminalCols,
      rows: TerminalRows,
    }),
    TerminalFrame,
  ),
  /** `docker attach`: the main process's stdio; the detach keys (default ctrl-p,ctrl-q) end it, unsubscribing detaches. */
  'containers.attach': stream(
    ById.extend({
      cols: TerminalCols,
      rows: TerminalRows,
      detachKeys: z.string().max(64).regex(DETACH_KEYS_PATTERN, 'Use e.g. ctrl-p,ctrl-q').optional(),
    }),
    TerminalFrame,
  ),
  /** Input (keystrokes, paste) for a session this sender opened; NOT_FOUND for anyone else's. */
  'exec.write': invoke(z.object({ session: z.string().min(1).max(64), data: z.string().max(1_048_576) }), z.void()),
  'exec.resize': invoke(
    z.object({ session: z.string().min(1).max(64), cols: TerminalCols, rows: TerminalRows }),
    z.void(),
  ),

  // --- Stats, processes, changes (issue 3: helper-stats adds its channels here) ---
  /** One-shot samples of running containers (stopped or vanished ids are left out); CPU % needs a previous call. */
  'containers.stats': invoke(z.object({ ids: z.array(ContainerId).max(100) }), z.array(ContainerStats)),
  /** One sample about every second while subscribed; errors CONFLICT when the container is not running. */
  'containers.statsWatch': stream(ById, ContainerStats),
  /** `docker top`; psArgs are ps(1) options such as "aux" or "-eo pid,comm". */
  'containers.top': invoke(
    ById.extend({
      psArgs: z
        .string()
        .max(200)
        .regex(/^[A-Za-z0-9 ,=_%-]*$/, 'letters, digits, spaces and , = _ % - only')
        .optional(),
    }),
    ProcessList,
  ),
  /** `docker diff`: paths added, changed or deleted in the container's writable layer. */
  'containers.changes': invoke(ById, z.array(FileChange)),

  // Per-feature parts (shared/contracts/*.ts), each implemented by electron/handlers/<same name>.ts.
  ...runContract,
  ...registryContract,
  ...buildContract,
  ...archiveContract,
  ...hostContract,
  ...networksContract,
  ...stacksContract,
  ...stacksCliContract,
  ...systemContract,
  ...volumesContract,
  ...filesContract,
  ...fileTransferContract,
  ...volumeBackupContract,
  ...eventsContract,
  ...notificationsContract,
  ...settingsContract,
  ...engineServiceContract,
  ...enginesContract,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract & string;
export const channelNames = Object.keys(contract) as Channel[];
