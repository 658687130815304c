import { z } from 'zod';
import { invoke, stream } from '../contract-kit';
import { ContainerId, VolumeName } from '../models';

/**
 * Channels for browsing files: a container's file system (any state) or a volume's (through a
 * created-never-started helper container, see electron/engine/files/target.ts). Everything goes
 * through the engine's archive API (`HEAD`/`GET`/`PUT /containers/{id}/archive`), so no shell or
 * tool is needed in the image and nothing is pulled. Spread into the one contract by shared/contract.ts.
 */

/** Where the files are. A volume's paths are relative to the volume's root ("/" is the volume). */
export const FileTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('container'), id: ContainerId }),
  z.object({ kind: z.literal('volume'), name: VolumeName }),
]);
export type FileTarget = z.infer<typeof FileTarget>;

/**
 * An absolute path inside the target, `/`-separated. `b64` carries the exact bytes (base64) when the
 * path holds bytes that are not UTF-8 (then `text` is only for display, with U+FFFD); `b64` wins.
 */
export const FilePath = z.object({
  text: z
    .string()
    .min(1)
    .max(4096)
    .refine((s) => s.startsWith('/'), { message: 'Use an absolute path, e.g. /etc' })
    .refine((s) => !s.includes('\0'), { message: 'A path has no NUL character' }),
  b64: z
    .string()
    .max(8192)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/)
    .optional(),
});
export type FilePath = z.infer<typeof FilePath>;

export const FileType = z.enum(['dir', 'file', 'link', 'fifo', 'socket', 'char', 'block', 'other']);
export type FileType = z.infer<typeof FileType>;

/** One entry of a folder listing. */
export const FileEntry = z.object({
  /** For display: bytes that are not UTF-8 shown as U+FFFD (control characters are kept; the UI escapes them). */
  name: z.string(),
  /** The name's exact bytes (base64) when they are not UTF-8; use it to build paths. */
  nameB64: z.string().optional(),
  type: FileType,
  /** Bytes (files); 0 for folders, as `ls` shows their own size only where the engine says. */
  size: z.number().int().min(0),
  /** Permission and special bits (07777). */
  mode: z.number().int().min(0),
  uid: z.number().int().min(0),
  gid: z.number().int().min(0),
  /** Owner and group names from the target's own /etc/passwd and /etc/group, when it has them. */
  user: z.string().optional(),
  group: z.string().optional(),
  /** Modification time, ms since the epoch. */
  mtime: z.number(),
  /** Where a symbolic link points, as stored. */
  linkTarget: z.string().optional(),
});
export type FileEntry = z.infer<typeof FileEntry>;

/** `HEAD …/archive`: what a path is (links not followed). */
export const FileStat = z.object({
  /** The path as the engine resolved it (display form). */
  path: z.string(),
  name: z.string(),
  type: FileType,
  size: z.number().int().min(0),
  mode: z.number().int().min(0),
  mtime: z.number(),
  linkTarget: z.string().optional(),
});
export type FileStat = z.infer<typeof FileStat>;

/** Frames of files.list: entries in batches as the listing streams in, then `done`. */
export const ListFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('entries'), entries: z.array(FileEntry) }),
  /** Archive scans read the folder's whole subtree: how far it got (bytes of tar read), for a progress line. */
  z.object({ type: z.literal('scan'), bytes: z.number().int().min(0), entries: z.number().int().min(0) }),
  z.object({
    type: z.literal('done'),
    /** The folder listed (display form, normalised, no trailing slash except "/"). */
    path: z.string(),
    total: z.number().int().min(0),
    /** How it was read: `exec` (a shell in a running container) or `archive` (any state). Same result either way. */
    via: z.enum(['exec', 'archive']),
  }),
]);
export type ListFrame = z.infer<typeof ListFrame>;

export const FileContent = z.object({
  size: z.number().int().min(0),
  /** True when the first bytes hold a NUL or are not text: `text` is then absent; offer a download. */
  binary: z.boolean(),
  /** UTF-8 text (invalid sequences as U+FFFD) of at most `maxBytes` bytes. */
  text: z.string().optional(),
  /** The file is longer than what was read. */
  truncated: z.boolean(),
});
export type FileContent = z.infer<typeof FileContent>;

export const filesContract = {
  /**
   * The entries of one folder (not recursive), streamed. NOT_FOUND when the path does not exist;
   * INVALID_ARGUMENT when it is not a folder (a link to a folder is followed); FORBIDDEN when the engine
   * refuses. On a running container with a shell the listing may come from `exec` (faster on big
   * subtrees); otherwise the archive's tar headers are read and file bodies skipped, never kept.
   */
  'files.list': stream(z.object({ target: FileTarget, path: FilePath }), ListFrame),
  /**
   * What a path is (HEAD requests only, no body is read). NOT_FOUND when it does not exist. With
   * `follow`, links are followed and the stat is what the link leads to (`dir`, `file`, …; never
   * `link`), and a dangling link is NOT_FOUND.
   */
  'files.stat': invoke(z.object({ target: FileTarget, path: FilePath, follow: z.boolean().optional() }), FileStat),
  /**
   * The start of a file for viewing: at most `maxBytes` bytes are read (the rest of the archive stream is
   * dropped). INVALID_ARGUMENT for a folder.
   */
  'files.read': invoke(
    z.object({
      target: FileTarget,
      path: FilePath,
      maxBytes: z
        .number()
        .int()
        .min(1)
        .max(8 * 1024 * 1024)
        .default(1024 * 1024),
    }),
    FileContent,
  ),
} as const;
