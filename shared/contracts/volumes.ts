import { z } from 'zod';
import { invoke } from '../contract-kit';
import { VolumeName, VolumeSummary } from '../models';

/** Volume channels beyond list/inspect/remove (those stay in shared/contract.ts). Spread into the one contract. */

/** A driver option or label key: no `=`, no whitespace or control characters. */
const OptionKey = z
  .string()
  .min(1, 'Enter a key')
  .max(256)
  .regex(/^[^=\s\p{Cc}]+$/u, 'A key has no "=", spaces or control characters');
const OptionValue = z
  .string()
  .max(4096)
  .regex(/^[^\p{Cc}]*$/u, 'A value has no control characters');

export const VolumeCreateInput = z.object({
  /** Omitted: the engine generates a name (64 hex characters). */
  name: VolumeName.optional(),
  driver: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,127}$/, 'A driver name such as local')
    .default('local'),
  /** e.g. `{ type: 'tmpfs', device: 'tmpfs', o: 'size=1m' }` for a tmpfs-backed local volume. */
  driverOpts: z.record(OptionKey, OptionValue).default({}),
  labels: z.record(OptionKey, OptionValue).default({}),
});
export type VolumeCreateInput = z.infer<typeof VolumeCreateInput>;

/** A volume a prune would remove: no container (in any state) mounts it. Sizes only on demand (volumes.sizes). */
export const VolumePruneCandidate = z.object({
  name: z.string(),
  driver: z.string(),
  created: z.string().optional(),
  labels: z.record(z.string(), z.string()),
  anonymous: z.boolean(),
});
export type VolumePruneCandidate = z.infer<typeof VolumePruneCandidate>;

/** Bytes a volume holds; `size` absent when its driver does not say (the engine's -1). */
export const VolumeSize = z.object({ name: z.string(), size: z.number().int().min(0).optional() });
export type VolumeSize = z.infer<typeof VolumeSize>;

export const VolumePruneResult = z.object({
  /** `size` as measured just before removal, when the prune was asked to measure. */
  removed: z.array(VolumeSize),
  /** Each volume that stayed, with why: CONFLICT (a container mounts it now), NOT_FOUND, or the engine's reason. */
  failed: z.array(z.object({ name: z.string(), code: z.string(), message: z.string() })),
});
export type VolumePruneResult = z.infer<typeof VolumePruneResult>;

const VolumeNames = z.array(VolumeName).min(1).max(10_000);

export const volumesContract = {
  /**
   * `docker volume create`. CONFLICT when a volume of that name exists (the engine itself would hand
   * back the existing one, whatever its options); the engine's reason for options it refuses.
   */
  'volumes.create': invoke(VolumeCreateInput, VolumeSummary),
  /**
   * The volumes a prune would remove, decided here (so on any API version): those no container in any
   * state mounts; `all: false` only anonymous ones (the engine's own default since API 1.42). No sizes.
   */
  'volumes.prunePreview': invoke(z.object({ all: z.boolean().default(false) }), z.array(VolumePruneCandidate)),
  /** Sizes of these volumes from `/system/df` (volumes only where the engine allows): on demand only. */
  'volumes.sizes': invoke(z.object({ names: VolumeNames }), z.array(VolumeSize)),
  /**
   * Removes exactly these volumes, never with force. Each is checked again first: one a container
   * mounts since the preview stays, reported with CONFLICT. `measure`: sizes in the result (one df).
   */
  'volumes.prune': invoke(z.object({ names: VolumeNames, measure: z.boolean().default(false) }), VolumePruneResult),
} as const;
