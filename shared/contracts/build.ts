import { z } from 'zod';
import { stream } from '../contract-kit';
import { imageTagError, keyError, targetError } from '../models/build';

/** Channels for docker build from a context folder. Spread into the one contract by shared/contract.ts. */

/** Adds the message of a pure rule (shared/models/build.ts) as a zod issue. */
function rule(check: (v: string) => string | undefined) {
  return (value: string, ctx: z.RefinementCtx): void => {
    const message = check(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  };
}

const HostPath = z.string().min(1).max(4096);
const Key = z
  .string()
  .max(256)
  .superRefine(rule((k) => keyError(k)));

export const BuildArgs = z.object({
  /** The context folder: a path on the machine where Berth's main process runs. */
  context: HostPath,
  /** Dockerfile path (-f): absolute, or relative to the context folder; empty = <context>/Dockerfile. */
  dockerfile: z.string().max(4096).default(''),
  /** -t, several allowed; each a name[:tag] reference (no digest). */
  tags: z
    .array(z.string().max(512).superRefine(rule(imageTagError)))
    .max(64)
    .default([]),
  /** --build-arg NAME=value. */
  buildArgs: z.record(Key, z.string().max(65_536)).default({}),
  /** --label key=value on the built image. */
  labels: z.record(Key, z.string().max(65_536)).default({}),
  /** --target: the stage to stop at. */
  target: z.string().max(128).superRefine(rule(targetError)).default(''),
  noCache: z.boolean().default(false),
  /** --pull: always try to pull newer base images. */
  pull: z.boolean().default(false),
});
export type BuildArgs = z.input<typeof BuildArgs>;

export const BuildFrame = z.discriminatedUnion('kind', [
  /** Upload of the context tar: `sentBytes` of about `totalBytes` (an estimate; sent may end a little off). */
  z.object({
    kind: z.literal('context'),
    sentBytes: z.number().int().nonnegative(),
    totalBytes: z.number().int().nonnegative(),
    files: z.number().int().nonnegative(),
    done: z.boolean(),
  }),
  /** Lines the builder printed ("Step 2/5 : RUN …", a RUN's output, " ---> 1a2b…"); may hold ANSI escapes. */
  z.object({ kind: z.literal('output'), lines: z.array(z.string()) }),
  /** A progress line of a base-image pull (status per layer id, like `docker pull`). */
  z.object({
    kind: z.literal('status'),
    id: z.string().optional(),
    status: z.string(),
    progress: z.string().optional(),
  }),
  /** The build finished: the image id and the tags it got. */
  z.object({ kind: z.literal('built'), imageId: z.string(), tags: z.array(z.string()) }),
]);
export type BuildFrame = z.infer<typeof BuildFrame>;

export const buildContract = {
  /**
   * `docker build` with the classic builder: the context folder is walked and filtered by its
   * .dockerignore exactly as the docker CLI does, then streamed to the engine as a tar. Frames: context
   * upload progress, builder output lines, pull status, and `built` at the end. A failing step ends the
   * stream with FAILED (`details.exitCode` when a RUN exited non-zero; its output came as output frames);
   * a bad Dockerfile, build arg or target with INVALID_ARGUMENT; a missing context folder, Dockerfile or
   * base image with NOT_FOUND (`details.field` names the form field when it is about one).
   * Unsubscribing cancels the build (the engine stops it; nothing is tagged).
   */
  'images.build': stream(BuildArgs, BuildFrame),
} as const;
