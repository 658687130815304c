import { z } from 'zod';
import { invoke } from '../contract-kit';

export const HostEntry = z.object({
  name: z.string(),
  kind: z.enum(['dir', 'file', 'link', 'other']),
  /** Bytes, for files. */
  size: z.number().optional(),
});
export type HostEntry = z.infer<typeof HostEntry>;

export const HostListing = z.object({
  /** The absolute, normalised folder that was listed. */
  path: z.string(),
  /** Its parent folder; absent at the root. */
  parent: z.string().optional(),
  /** The user's home folder (for a "Home" shortcut). */
  home: z.string(),
  /** The path separator of the host ('/' or '\\'). */
  sep: z.string(),
  /** Folders first, then files, each sorted by name; hidden entries included (the UI may hide them). */
  entries: z.array(HostEntry),
  /** True when the listing was cut at the entry limit. */
  truncated: z.boolean(),
});
export type HostListing = z.infer<typeof HostListing>;

/** Channels for browsing the host file system (where Berth's main process runs) for path pickers. */
export const hostContract = {
  /**
   * One folder of the host. `path` absent → the home folder. A relative path, or one that is not a folder,
   * is INVALID_ARGUMENT; a missing one NOT_FOUND; an unreadable one FORBIDDEN (with the OS reason).
   */
  'host.list': invoke(z.object({ path: z.string().max(4096).optional() }), HostListing),
} as const;
