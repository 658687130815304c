import { z } from 'zod';
import { invoke, stream } from './contract-kit';
import { Json } from './json';
import {
  ContainerInspect,
  ContainerSummary,
  EngineEvent,
  EngineStatus,
  Id,
  ImageSummary,
  NetworkSummary,
  VolumeSummary,
} from './models';

const ById = z.object({ id: Id });
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
  /** Engine events; a `{ type: 'berth', action: 'resync' }` frame follows every (re)connect. */
  'engine.events': stream(z.object({}), EngineEvent),

  // Containers
  'containers.list': invoke(
    z.object({ all: z.boolean().default(true), ids: z.array(Id).max(500).optional() }),
    z.array(ContainerSummary),
  ),
  'containers.inspect': invoke(ById, ContainerInspect),
  'containers.start': invoke(ById, z.void()),
  'containers.stop': invoke(ById.extend({ timeoutSec: z.number().int().min(0).max(3600).optional() }), z.void()),
  'containers.restart': invoke(ById.extend({ timeoutSec: z.number().int().min(0).max(3600).optional() }), z.void()),
  'containers.pause': invoke(ById, z.void()),
  'containers.unpause': invoke(ById, z.void()),
  'containers.kill': invoke(ById.extend({ signal: z.string().regex(/^[A-Z0-9+]{1,16}$/).optional() }), z.void()),
  'containers.remove': invoke(
    ById.extend({ force: z.boolean().default(false), volumes: z.boolean().default(false) }),
    z.void(),
  ),

  // Images
  'images.list': invoke(z.object({}), z.array(ImageSummary)),
  'images.inspect': invoke(ById, Inspected),
  /** `id` is an image id or a repo:tag reference; removing a reference untags it. */
  'images.remove': invoke(
    ById.extend({ force: z.boolean().default(false), noPrune: z.boolean().default(false) }),
    z.object({ untagged: z.array(z.string()), deleted: z.array(z.string()) }),
  ),

  // Volumes
  'volumes.list': invoke(z.object({}), z.array(VolumeSummary)),
  'volumes.inspect': invoke(z.object({ name: Id }), Inspected),
  'volumes.remove': invoke(z.object({ name: Id, force: z.boolean().default(false) }), z.void()),

  // Networks
  'networks.list': invoke(z.object({}), z.array(NetworkSummary)),
  'networks.inspect': invoke(ById, Inspected),
  'networks.remove': invoke(ById, z.void()),

  // --- Logs (issue 3: helper-logs adds its channels here) ---

  // --- Exec / attach (issue 3: helper-exec adds its channels here) ---

  // --- Stats, processes, changes (issue 3: helper-stats adds its channels here) ---
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract & string;
export const channelNames = Object.keys(contract) as Channel[];
