import { z } from 'zod';
import { invoke, stream } from '../contract-kit';
import { HostPath } from './archive';
import { FilePath, FileTarget } from './files';

/**
 * Channels for copying files in and out of a target (`docker cp` both ways), streamed through the
 * archive API with progress and cancel. Downloads are written to a temporary name in the destination
 * folder and renamed at the end; cancel or failure leaves nothing under the final name.
 */

const Progress = z.object({
  type: z.literal('progress'),
  bytes: z.number().int().min(0),
  /** Known for a plain file (its size) and for uploads (the sum of the sources); absent for a folder's tar. */
  total: z.number().int().min(0).optional(),
});

export const DownloadFrame = z.discriminatedUnion('type', [
  Progress,
  z.object({
    type: z.literal('done'),
    /** The file written on the host. */
    path: z.string(),
    bytes: z.number().int().min(0),
    /** `file`: a plain file written as itself; `tar`: a folder (or special file) written as a tar. */
    as: z.enum(['file', 'tar']),
  }),
]);
export type DownloadFrame = z.infer<typeof DownloadFrame>;

/** Who owns what an upload creates. */
export const UploadOwner = z.enum([
  /** uid 0, gid 0 (the default). */
  'root',
  /** The uid/gid the files have on this host (`docker cp` without -a). */
  'host',
  /** The container's configured user (`docker cp -a`, the engine's copyUIDGID). */
  'container',
]);
export type UploadOwner = z.infer<typeof UploadOwner>;

/** An item the client sends bytes for (drag and drop from a browser or the window). */
export const ClientItem = z.object({
  /** Relative path inside the upload, `/`-separated, no `..` or leading `/`. */
  path: z
    .string()
    .min(1)
    .max(4096)
    .refine((p) => !p.startsWith('/') && !p.split('/').some((s) => s === '..' || s === ''), {
      message: 'A relative path without .. or empty parts',
    }),
  kind: z.enum(['file', 'dir']),
  /** Bytes the client will send for a file (0 for a folder). */
  size: z.number().int().min(0),
  /** Modification time, ms since the epoch. */
  mtime: z.number().optional(),
});
export type ClientItem = z.infer<typeof ClientItem>;

export const UploadSource = z.discriminatedUnion('kind', [
  /** Files and folders on the machine Berth's main process runs on (the file chooser). */
  z.object({ kind: z.literal('host'), paths: z.array(HostPath).min(1, 'Choose at least one file').max(1000) }),
  /**
   * Bytes the client streams: after the `ready` frame, send each file's bytes in item order with
   * files.uploadChunk (each call resolves when the chunk is taken: that is the flow control).
   */
  z.object({ kind: z.literal('client'), items: z.array(ClientItem).min(1).max(100_000) }),
]);
export type UploadSource = z.infer<typeof UploadSource>;

export const UploadFrame = z.discriminatedUnion('type', [
  /** Client uploads only: the session to send chunks to. */
  z.object({ type: z.literal('ready'), session: z.string() }),
  Progress,
  z.object({
    type: z.literal('done'),
    files: z.number().int().min(0),
    bytes: z.number().int().min(0),
  }),
]);
export type UploadFrame = z.infer<typeof UploadFrame>;

export const fileTransferContract = {
  /**
   * `docker cp TARGET:path host`: a plain file is written as itself, a folder as a tar (links are not
   * followed). CONFLICT (details.path) when `dest` exists and `overwrite` is false; NOT_FOUND when the
   * source or dest's folder does not exist; disk full, permission and a container gone mid-copy each
   * get their own message, and the temporary file is removed.
   */
  'files.download': stream(
    z.object({ target: FileTarget, path: FilePath, dest: HostPath, overwrite: z.boolean().default(false) }),
    DownloadFrame,
  ),
  /**
   * `docker cp host TARGET:dir`: the sources go into folder `dir` (which must exist), modes kept.
   * Without `overwrite`, CONFLICT when any top-level name already exists there, with
   * `details.existing` (names) so the UI can ask. A volume target mounts it read-write for the copy.
   */
  'files.upload': stream(
    z.object({
      target: FileTarget,
      dir: FilePath,
      source: UploadSource,
      owner: UploadOwner.default('root'),
      overwrite: z.boolean().default(false),
    }),
    UploadFrame,
  ),
  /** Bytes for a client upload session this sender opened, in order (base64, ≤ 1 MiB decoded per call). */
  'files.uploadChunk': invoke(
    z.object({ session: z.string().min(1).max(64), data: z.string().max(1_400_000) }),
    z.void(),
  ),
} as const;
