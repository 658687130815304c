import { z } from 'zod';
import { invoke, stream } from '../contract-kit';
import { ImageId } from '../models';
import { parseReference, parseTagTarget, validateRegistryAddress } from '../reference';

/** Channels for pull, push, tag, registry login/logout, image history. Spread into the one contract by shared/contract.ts. */

/** An image reference by Docker's rules; the message is the parser's reason. */
const ImageRef = z
  .string()
  .max(1024)
  .superRefine((s, ctx) => {
    const r = parseReference(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: `${s}: ${r.error}` });
  });

const TagRef = z
  .string()
  .max(1024)
  .superRefine((s, ctx) => {
    const r = parseTagTarget(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: `${s}: ${r.error}` });
  });

/** A registry host[:port] (a scheme is allowed and dropped); empty = Docker Hub. */
const RegistryAddress = z
  .string()
  .max(512)
  .superRefine((s, ctx) => {
    const err = validateRegistryAddress(s);
    if (err) ctx.addIssue({ code: 'custom', message: err });
  });

export const LayerPhase = z.enum([
  'waiting',
  'downloading',
  'verifying',
  'downloaded',
  'extracting',
  'complete',
  'exists',
  'preparing',
  'pushing',
  'pushed',
  'mounted',
]);
export type LayerPhase = z.infer<typeof LayerPhase>;

export const LayerProgress = z.object({
  /** Short layer id as the engine prints it (12 hex digits). */
  id: z.string(),
  phase: LayerPhase,
  /** The engine's own words, e.g. "Downloading", "Layer already exists". */
  status: z.string(),
  /** Bytes of the current phase (download, extract or upload); undefined when the engine gave none. */
  current: z.number().optional(),
  total: z.number().optional(),
});
export type LayerProgress = z.infer<typeof LayerProgress>;

export const TransferOverall = z.object({
  /** 0–100 over every layer known so far. */
  percent: z.number(),
  /** Bytes transferred / to transfer over the layers whose size is known. */
  currentBytes: z.number(),
  totalBytes: z.number(),
  layersDone: z.number().int(),
  layersTotal: z.number().int(),
});
export type TransferOverall = z.infer<typeof TransferOverall>;

/**
 * Frames of `images.pull` / `images.push`: snapshots of every layer (coalesced while the consumer is
 * behind, so a slow window never makes the engine stream buffer), then one `done`.
 */
export const TransferFrame = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('progress'),
    layers: z.array(LayerProgress),
    overall: TransferOverall,
    /** Latest non-layer line, e.g. "Pulling from library/busybox". */
    status: z.string().optional(),
  }),
  z.object({
    kind: z.literal('done'),
    /** Canonical reference that was pulled or pushed. */
    ref: z.string(),
    /** e.g. "Downloaded newer image for busybox:latest", "Image is up to date for …". */
    status: z.string(),
    digest: z.string().optional(),
    layers: z.array(LayerProgress),
    overall: TransferOverall,
  }),
]);
export type TransferFrame = z.infer<typeof TransferFrame>;

export const HistoryEntry = z.object({
  /** Layer image id, or undefined for `<missing>` (layers built elsewhere). */
  id: z.string().optional(),
  /** Unix seconds. */
  created: z.number(),
  createdBy: z.string(),
  tags: z.array(z.string()),
  size: z.number(),
  comment: z.string(),
  /** Metadata-only step (ENV, CMD, LABEL...): adds no filesystem layer. */
  empty: z.boolean(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const RegistryCredential = z.object({
  /** config.json key, e.g. `https://index.docker.io/v1/` or `localhost:5000`. */
  registry: z.string(),
  username: z.string().optional(),
  /** Where the secret lives: `config.json` or the credential helper's name. */
  store: z.string(),
});
export type RegistryCredential = z.infer<typeof RegistryCredential>;

export const registryContract = {
  /**
   * `docker pull`: per-layer progress and an overall figure. Unsubscribing cancels (the engine request is
   * destroyed). Errors: NOT_FOUND (no such repository, tag or manifest), UNAUTHORIZED (the registry needs
   * credentials or refused them; `details.registry` names its config.json key), INVALID_ARGUMENT.
   */
  'images.pull': stream(z.object({ ref: ImageRef }), TransferFrame),
  /** `docker push` of one tag (default `latest`), same frames and errors as pull. */
  'images.push': stream(z.object({ ref: TagRef }), TransferFrame),
  /** Adds each tag to the image `source` (id or reference), in order; all are validated first. */
  'images.tag': invoke(
    z.object({ source: ImageId, tags: z.array(TagRef).min(1).max(32) }),
    z.object({ tagged: z.array(z.string()) }),
  ),
  /** `docker history`, newest step first. */
  'images.history': invoke(z.object({ id: ImageId }), z.array(HistoryEntry)),
  /**
   * Verifies the credentials with the engine (POST /auth), then stores them as the docker CLI does
   * (credHelpers / credsStore helper, else base64 in config.json). UNAUTHORIZED with the registry's reason.
   */
  'registry.login': invoke(
    z.object({
      registry: RegistryAddress,
      username: z.string().min(1).max(512),
      password: z.string().min(1).max(8192),
    }),
    z.object({ registry: z.string(), status: z.string() }),
  ),
  /** Erases stored credentials of a registry; NOT_FOUND when there were none. */
  'registry.logout': invoke(z.object({ registry: RegistryAddress }), z.void()),
  /** Registries with stored credentials (usernames only, never secrets). */
  'registry.list': invoke(z.object({}), z.array(RegistryCredential)),
} as const;
