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

export const volumesContract = {
  /**
   * `docker volume create`. CONFLICT when a volume of that name exists (the engine itself would hand
   * back the existing one, whatever its options); the engine's reason for options it refuses.
   */
  'volumes.create': invoke(VolumeCreateInput, VolumeSummary),
} as const;
