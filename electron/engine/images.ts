import type Dockerode from 'dockerode';
import type { Json } from '../../shared/json';
import type { ImageSummary } from '../../shared/models';
import { imageOf } from './api-path';
import { containersForUsage } from './containers';
import { toImageSummaries } from './mappers';

/** Image calls: list, inspect, remove, tag, history, and the tar and build bodies sent to the engine. */

export async function listImageSummaries(docker: Dockerode, usage: boolean): Promise<ImageSummary[]> {
  const [images, containers] = await Promise.all([
    docker.listImages({ all: false }),
    containersForUsage(docker, usage),
  ]);
  return toImageSummaries(images, containers);
}

export async function inspectImage(docker: Dockerode, ref: string): Promise<Dockerode.ImageInspectInfo> {
  return imageOf(docker, ref).inspect();
}

export async function rawImage(docker: Dockerode, ref: string): Promise<{ raw: Json }> {
  return { raw: (await inspectImage(docker, ref)) as unknown as Json };
}

export async function removeImage(
  docker: Dockerode,
  id: string,
  opts: { force: boolean; noPrune: boolean },
): Promise<{ untagged: string[]; deleted: string[] }> {
  const result = (await imageOf(docker, id).remove({ force: opts.force, noprune: opts.noPrune })) as Array<{
    Untagged?: string;
    Deleted?: string;
  }>;
  return {
    untagged: result.flatMap((r) => (r.Untagged ? [r.Untagged] : [])),
    deleted: result.flatMap((r) => (r.Deleted ? [r.Deleted] : [])),
  };
}

export async function tagImage(docker: Dockerode, source: string, repo: string, tag: string): Promise<void> {
  await imageOf(docker, source).tag({ repo, tag });
}

/** One row of `GET /images/{name}/history`. */
export interface EngineHistory {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

export async function imageHistory(docker: Dockerode, ref: string): Promise<EngineHistory[]> {
  return (await imageOf(docker, ref).history()) as EngineHistory[];
}

/** `GET /images/get?names=…`: one tar of the images (dockerode has it; its type definitions do not). */
export function saveImages(docker: Dockerode, names: string[], signal: AbortSignal): Promise<NodeJS.ReadableStream> {
  return (docker as unknown as { getImages(o: object): Promise<NodeJS.ReadableStream> }).getImages({
    names,
    abortSignal: signal,
  });
}

/** `POST /images/load` with a tar body; the reply is the engine's JSON lines. */
export function loadImages(
  docker: Dockerode,
  body: NodeJS.ReadableStream,
  signal: AbortSignal,
): Promise<NodeJS.ReadableStream> {
  return docker.loadImage(body, { quiet: true, abortSignal: signal } as object);
}

/** `POST /images/create?fromSrc=-` with a root filesystem tar body; the reply is the engine's JSON lines. */
export function importImage(
  docker: Dockerode,
  body: NodeJS.ReadableStream,
  opts: Record<string, unknown>,
): Promise<NodeJS.ReadableStream> {
  return docker.importImage(body, opts);
}

/** `POST /build` with a context tar body; the reply is the engine's JSON lines. */
export function buildImage(
  docker: Dockerode,
  body: NodeJS.ReadableStream,
  options: Record<string, unknown>,
): Promise<NodeJS.ReadableStream> {
  return docker.buildImage(body, options);
}
