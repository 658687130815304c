import { z } from 'zod';
import { invoke, stream } from '../contract-kit';
import { isAbsoluteHostPath, parseImageRef } from '../image-ref';
import { ContainerId, ImageId } from '../models';

/** Channels for save, load, import, export, commit and prune. Spread into the one contract by shared/contract.ts. */

/** An absolute path on the machine where Berth's main process runs. */
export const HostPath = z
  .string()
  .min(1, 'Choose a file')
  .max(4096)
  .refine(isAbsoluteHostPath, { message: 'Use an absolute path, e.g. /home/me/images.tar' });

/** `repo[:tag]` for the image a commit or import makes. */
export const ImageRefInput = z
  .string()
  .max(512)
  .superRefine((s, ctx) => {
    const r = parseImageRef(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
  });

/** Dockerfile instructions applied to a commit or import, e.g. `CMD ["sh"]`, `ENV A=1`. */
export const ImageChange = z
  .string()
  .max(4096)
  .regex(
    /^\s*(CMD|ENTRYPOINT|ENV|EXPOSE|LABEL|ONBUILD|STOPSIGNAL|USER|VOLUME|WORKDIR|HEALTHCHECK)\s+\S/i,
    'Each change is one Dockerfile instruction: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR or HEALTHCHECK',
  );

/** Bytes moved so far; `total` is exact for files read (load, import) and an estimate for archives written. */
const Progress = z.object({
  type: z.literal('progress'),
  bytes: z.number().int().min(0),
  total: z.number().int().min(0).optional(),
  totalIsEstimate: z.boolean(),
});
export type TransferProgress = z.infer<typeof Progress>;

/** Frames of images.save and containers.export: progress, then `done` once the file is in place. */
export const WriteFrame = z.discriminatedUnion('type', [
  Progress,
  z.object({ type: z.literal('done'), path: z.string(), bytes: z.number().int().min(0) }),
]);
export type WriteFrame = z.infer<typeof WriteFrame>;

/** Frames of images.load: progress from bytes read, then the images the engine reports it loaded. */
export const LoadFrame = z.discriminatedUnion('type', [
  Progress,
  z.object({
    type: z.literal('done'),
    /** Tags ("busybox:latest") and, for untagged images, ids ("sha256:…"), as the engine printed them. */
    images: z.array(z.string()),
  }),
]);
export type LoadFrame = z.infer<typeof LoadFrame>;

/** Frames of images.import: progress from bytes read, then the new image. */
export const ImportFrame = z.discriminatedUnion('type', [
  Progress,
  z.object({ type: z.literal('done'), id: z.string(), ref: z.string().optional() }),
]);
export type ImportFrame = z.infer<typeof ImportFrame>;

/** One image a prune would delete. */
export const PruneCandidate = z.object({
  id: z.string(),
  /** Tags it carries (empty for a dangling image). */
  repoTags: z.array(z.string()),
  created: z.number(),
  /** The image's full size (shared layers included), as `docker images` shows it. */
  size: z.number(),
  /**
   * Bytes freed by deleting it while every image it shares layers with stays: the layers no other
   * image has. 0 when another image builds on all of its layers.
   */
  reclaim: z.number(),
  /**
   * Other candidates that build on this image's layers. Its `reclaim` is freed only when every one
   * of them goes too (renderer/presentation/prune.ts sums a selection).
   */
  dependents: z.array(z.string()),
});
export type PruneCandidate = z.infer<typeof PruneCandidate>;

/**
 * The own layers of an untagged parent image ("intermediate"): the engine deletes it with the last
 * image built on it, so these bytes are freed once, when every image in `requires` goes.
 */
export const SharedReclaim = z.object({ id: z.string(), reclaim: z.number(), requires: z.array(z.string()) });
export type SharedReclaim = z.infer<typeof SharedReclaim>;

export const PrunePreview = z.object({
  all: z.boolean(),
  images: z.array(PruneCandidate),
  shared: z.array(SharedReclaim),
  /** Space freed when every listed image goes (`shared` included). */
  reclaim: z.number(),
});
export type PrunePreview = z.infer<typeof PrunePreview>;

export const PruneResult = z.object({
  /** Ids deleted (including untagged parents the engine deleted with them). */
  deleted: z.array(z.string()),
  untagged: z.array(z.string()),
  failed: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })),
});
export type PruneResult = z.infer<typeof PruneResult>;

export const CommitResult = z.object({ id: z.string(), ref: z.string().optional() });

export const archiveContract = {
  /**
   * `docker save` of one or more images (ids or repo:tag) into a tar on the host. CONFLICT when the
   * file exists and `overwrite` is false; NOT_FOUND when its folder does not exist. Written under a
   * temporary name in the same folder and renamed at the end: cancel or failure leaves no file.
   */
  'images.save': stream(
    z.object({
      images: z.array(ImageId).min(1, 'Choose at least one image').max(500),
      path: HostPath,
      overwrite: z.boolean().default(false),
    }),
    WriteFrame,
  ),
  /** `docker load` of a tar on the host (streamed from disk). A file that is no image archive: the engine's reason. */
  'images.load': stream(z.object({ path: HostPath }), LoadFrame),
  /** `docker import`: a root file system tar becomes an image with `ref`, `message` and `changes`. */
  'images.import': stream(
    z.object({
      path: HostPath,
      ref: ImageRefInput.optional(),
      message: z.string().max(4096).optional(),
      changes: z.array(ImageChange).max(64).default([]),
    }),
    ImportFrame,
  ),
  /** `docker commit`: the container's file system and config as a new image. */
  'containers.commit': invoke(
    z.object({
      id: ContainerId,
      ref: ImageRefInput.optional(),
      message: z.string().max(4096).optional(),
      author: z.string().max(512).optional(),
      changes: z.array(ImageChange).max(64).default([]),
      /** Pause the container while committing (the engine's default). */
      pause: z.boolean().default(true),
    }),
    CommitResult,
  ),
  /** `docker export`: the container's file system as a tar on the host (same file rules as images.save). */
  'containers.export': stream(
    z.object({ id: ContainerId, path: HostPath, overwrite: z.boolean().default(false) }),
    WriteFrame,
  ),
  /**
   * Which images a prune would delete: `all: false` → dangling (untagged) ones, `all: true` → every
   * image no container uses. Images other images build on (parents) are never listed, like the engine's prune.
   */
  'images.prunePreview': invoke(z.object({ all: z.boolean().default(false) }), PrunePreview),
  /**
   * Deletes exactly these images (no force): each tag is removed, then the image. What another container
   * started using since the preview is refused by the engine and reported in `failed`.
   */
  'images.prune': invoke(z.object({ ids: z.array(ImageId).min(1).max(10_000) }), PruneResult),
} as const;
