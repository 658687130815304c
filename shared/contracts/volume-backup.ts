import { z } from 'zod';
import { invoke, stream } from '../contract-kit';
import { VolumeName } from '../models';
import { HostPath } from './archive';
import { VolumeCreateInput } from './volumes';

/**
 * Volume backup, restore and clone, through a created-never-started helper container that mounts the
 * volume (labelled, always removed, swept at start). Spread into the one contract by shared/contract.ts.
 */

const Progress = z.object({
  type: z.literal('progress'),
  bytes: z.number().int().min(0),
  total: z.number().int().min(0).optional(),
});

/** What a backup, restore or clone moved. */
const Done = z.object({
  type: z.literal('done'),
  volume: z.string(),
  /** The backup file written (backup only). */
  path: z.string().optional(),
  /** Bytes written to the file (backup) or read from it (restore) or copied (clone). */
  bytes: z.number().int().min(0),
  /** Entries in the archive (files, folders, links), the volume's root not counted. */
  files: z.number().int().min(0),
});

export const VolumeCopyFrame = z.discriminatedUnion('type', [Progress, Done]);
export type VolumeCopyFrame = z.infer<typeof VolumeCopyFrame>;

/** What restoring `source` into a volume would do, before anything is written. */
export const RestorePlan = z.object({
  gzip: z.boolean(),
  /** Entries in the archive and the bytes of their contents. */
  entries: z.number().int().min(0),
  bytes: z.number().int().min(0),
  /** The archive's top-level names. */
  topLevel: z.array(z.string()),
  /** The target volume's entry count (0 when empty or new). */
  targetEntries: z.number().int().min(0),
  /** Top-level names the archive would overwrite in the target (already there). */
  overwrites: z.array(z.string()),
});
export type RestorePlan = z.infer<typeof RestorePlan>;

const RestoreInto = z.discriminatedUnion('kind', [
  /** A new volume, created for the restore and removed again if it fails. */
  z.object({ kind: z.literal('new'), volume: VolumeCreateInput }),
  z.object({ kind: z.literal('existing'), name: VolumeName }),
]);

export const volumeBackupContract = {
  /**
   * The volume's contents as a tar (`.tar.gz` paths or `gzip: true` compress), entries relative to the
   * volume's root (`tar -C /volume -c .`). Written to a temporary name and renamed at the end.
   * CONFLICT when `dest` exists and `overwrite` is false.
   */
  'volumes.backup': stream(
    z.object({
      name: VolumeName,
      dest: HostPath,
      gzip: z.boolean().optional(),
      overwrite: z.boolean().default(false),
    }),
    VolumeCopyFrame,
  ),
  /**
   * Reads the archive through (a corrupt or non-tar file is INVALID_ARGUMENT with the reason) and
   * compares it with the target volume, which is left untouched.
   */
  'volumes.restorePlan': invoke(z.object({ source: HostPath, name: VolumeName.optional() }), RestorePlan),
  /**
   * Restores a tar or tar.gz into a new volume, or an existing one. An existing volume that is not
   * empty is CONFLICT (details: the RestorePlan) unless `replace` is true. The archive is checked
   * before anything is written.
   */
  'volumes.restore': stream(
    z.object({ source: HostPath, into: RestoreInto, replace: z.boolean().default(false) }),
    VolumeCopyFrame,
  ),
  /**
   * A new volume `newName` with the source's driver, driver options (unless `copyOptions: false`) and
   * labels, and a copy of its contents. A source whose options bind a host folder (`device`) would share
   * that folder: INVALID_ARGUMENT unless `copyOptions` is false. The new volume is removed on failure.
   */
  'volumes.clone': stream(
    z.object({ name: VolumeName, newName: VolumeName, copyOptions: z.boolean().default(true) }),
    VolumeCopyFrame,
  ),
} as const;
