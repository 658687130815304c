import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Handlers, StreamSink } from '../../shared/contract-kit';
import type { archiveContract, PruneResult, TransferProgress } from '../../shared/contracts/archive';
import { BerthError } from '../../shared/errors';
import { parseImageRef } from '../../shared/image-ref';
import type { EngineApi } from '../engine/engine-api';
import { toBerthError } from '../errors/engine-errors';
import { planPrune } from '../engine/prune-plan';
import { imagesForPlan, removeUnusedImages } from '../engine/image-prune';
import { commitContainer, containerExport } from '../engine/containers';
import { importImage, inspectImage, loadImages, saveImages } from '../engine/images';
import { writeFileAtomically } from '../engine/host/atomic-file';
import { ByteCounter } from '../engine/host/byte-counter';
import { checkDestination, fsError, statOrUndefined } from '../engine/host/fs-errors';

type ArchiveHandlers = Handlers<typeof archiveContract>;

function progress(bytes: number, total: number | undefined, totalIsEstimate: boolean): TransferProgress {
  return total === undefined || total <= 0
    ? { type: 'progress', bytes, totalIsEstimate }
    : { type: 'progress', bytes, total, totalIsEstimate };
}

/**
 * Streams an engine tar into `path` (through a temporary file, see writeFileAtomically), with
 * progress against an estimated total.
 */
async function writeArchive(
  open: () => Promise<NodeJS.ReadableStream>,
  path: string,
  overwrite: boolean,
  estimate: number | undefined,
  sink: StreamSink<TransferProgress | DoneWrite>,
  signal: AbortSignal,
): Promise<void> {
  let source: (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
  const onAbort = (): void => source?.destroy?.();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const bytes = await writeFileAtomically(
      path,
      overwrite,
      async (out) => {
        source = await open();
        if (signal.aborted) throw new BerthError('CANCELLED', 'Cancelled');
        sink.emit(progress(0, estimate, true));
        const counter = new ByteCounter((n) => sink.emit(progress(n, estimate, true)));
        await pipeline(source, counter, out, { signal });
        return counter.bytes;
      },
      signal,
    );
    sink.emit({ type: 'done', path, bytes });
  } finally {
    signal.removeEventListener('abort', onAbort);
    source?.destroy?.();
  }
}
type DoneWrite = { type: 'done'; path: string; bytes: number };

/** Checks a file to read (load, import) and returns its size. */
async function checkSource(path: string): Promise<number> {
  const f = await statOrUndefined(path);
  if (!f) throw new BerthError('NOT_FOUND', `No file at ${path}`);
  if (f.isDirectory()) throw new BerthError('INVALID_ARGUMENT', `${path} is a folder; choose a tar file`);
  return Number(f.size);
}

interface JsonMessage {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/** Reads the engine's JSON-lines reply of load/import; throws the engine's error message if it sent one. */
async function readJsonLines(res: NodeJS.ReadableStream, signal: AbortSignal): Promise<JsonMessage[]> {
  const out: JsonMessage[] = [];
  let rest = '';
  const take = (line: string): void => {
    const t = line.trim();
    if (!t) return;
    try {
      out.push(JSON.parse(t) as JsonMessage);
    } catch {
      out.push({ stream: t });
    }
  };
  const onAbort = (): void => (res as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of res) {
      rest += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
      const lines = rest.split('\n');
      rest = lines.pop() ?? '';
      lines.forEach(take);
    }
    take(rest);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  const failed = out.find((m) => m.error || m.errorDetail?.message);
  if (failed)
    throw new BerthError('INVALID_ARGUMENT', failed.errorDetail?.message ?? failed.error ?? 'The engine failed');
  return out;
}

/**
 * Sends a host file as a request body (load, import), reporting bytes read. Returns the engine's
 * JSON lines; the read stream is closed however it ends.
 */
async function sendFile(
  path: string,
  size: number,
  post: (body: NodeJS.ReadableStream) => Promise<NodeJS.ReadableStream>,
  sink: StreamSink<TransferProgress | { type: 'done' } | never>,
  signal: AbortSignal,
): Promise<JsonMessage[]> {
  const file = createReadStream(path);
  const counter = new ByteCounter((bytes) => sink.emit(progress(bytes, size, false)));
  file.on('error', (e) => counter.destroy(fsError(e, path)));
  file.pipe(counter);
  const onAbort = (): void => {
    file.destroy();
    counter.destroy();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  sink.emit(progress(0, size, false));
  try {
    const res = await post(counter);
    return await readJsonLines(res, signal);
  } catch (e) {
    if (signal.aborted) throw new BerthError('CANCELLED', 'Cancelled');
    throw toBerthError(e);
  } finally {
    signal.removeEventListener('abort', onAbort);
    file.destroy();
  }
}

/** The tags and ids `docker load` printed ("Loaded image: x", "Loaded image ID: sha256:…"). */
export function loadedImages(messages: readonly JsonMessage[]): string[] {
  const out: string[] = [];
  for (const m of messages) {
    for (const line of (m.stream ?? '').split('\n')) {
      const hit = /^Loaded image(?: ID)?:\s*(\S+)/.exec(line.trim());
      if (hit?.[1] && !out.includes(hit[1])) out.push(hit[1]);
    }
  }
  return out;
}

function splitRef(ref: string | undefined): { repo?: string; tag?: string } {
  if (!ref) return {};
  const r = parseImageRef(ref);
  if (!r.ok) throw new BerthError('INVALID_ARGUMENT', r.reason);
  return { repo: r.ref.repository, tag: r.ref.tag };
}

export function archiveHandlers(engine: EngineApi): ArchiveHandlers {
  return {
    'images.save': async ({ images, path, overwrite }, sink, signal) => {
      await checkDestination(path, overwrite);
      const docker = await engine.docker();
      // Each image must exist (NOT_FOUND names it); distinct ids' sizes estimate the archive.
      const infos = await Promise.all(
        images.map(async (ref) => {
          try {
            return await inspectImage(docker, ref);
          } catch (e) {
            const err = toBerthError(e);
            throw err.code === 'NOT_FOUND' ? new BerthError('NOT_FOUND', `No such image: ${ref}`) : err;
          }
        }),
      );
      const sizes = new Map(infos.map((i) => [i.Id, i.Size]));
      const estimate = [...sizes.values()].reduce((a, b) => a + b, 0);
      await writeArchive(() => saveImages(docker, images, signal), path, overwrite, estimate, sink, signal);
    },

    'containers.export': async ({ id, path, overwrite }, sink, signal) => {
      await checkDestination(path, overwrite);
      const { size, open } = await containerExport(await engine.docker(), id);
      await writeArchive(() => open(signal), path, overwrite, size, sink, signal);
    },

    'images.load': async ({ path }, sink, signal) => {
      const size = await checkSource(path);
      const docker = await engine.docker();
      const messages = await sendFile(path, size, (body) => loadImages(docker, body, signal), sink, signal);
      const images = loadedImages(messages);
      if (images.length === 0) {
        const said = messages
          .map((m) => m.stream ?? m.status ?? '')
          .join(' ')
          .trim();
        throw new BerthError('INVALID_ARGUMENT', said || `The engine loaded no image from ${path}`);
      }
      sink.emit({ type: 'done', images });
    },

    'images.import': async ({ path, ref, message, changes }, sink, signal) => {
      const size = await checkSource(path);
      const { repo, tag } = splitRef(ref);
      const docker = await engine.docker();
      const opts: Record<string, unknown> = { abortSignal: signal };
      if (repo) opts.repo = repo;
      if (tag) opts.tag = tag;
      if (message) opts.message = message;
      if (changes.length > 0) opts.changes = changes;
      const messages = await sendFile(path, size, (body) => importImage(docker, body, opts), sink, signal);
      const id = [...messages]
        .reverse()
        .find((m) => m.status?.startsWith('sha256:'))
        ?.status?.trim();
      if (!id) throw new BerthError('INTERNAL', 'The engine did not report the new image id');
      sink.emit(ref ? { type: 'done', id, ref: `${repo}:${tag}` } : { type: 'done', id });
    },

    'containers.commit': async ({ id, ref, message, author, changes, pause }) => {
      const { repo, tag } = splitRef(ref);
      const docker = await engine.docker();
      const opts: Record<string, unknown> = { pause };
      if (repo) opts.repo = repo;
      if (tag) opts.tag = tag;
      if (message) opts.comment = message;
      if (author) opts.author = author;
      if (changes.length > 0) opts.changes = changes;
      const newId = await commitContainer(docker, id, opts);
      if (!newId) throw new BerthError('INTERNAL', 'The engine did not report the new image id');
      return ref ? { id: newId, ref: `${repo}:${tag}` } : { id: newId };
    },

    'images.prunePreview': async ({ all }) => {
      const docker = await engine.docker();
      const { images, used } = await imagesForPlan(docker);
      const { candidates, shared } = planPrune(images, used, all);
      return {
        all,
        images: candidates.sort((a, b) => b.reclaim - a.reclaim || b.created - a.created),
        shared,
        reclaim: candidates.reduce((sum, c) => sum + c.reclaim, 0) + shared.reduce((sum, s) => sum + s.reclaim, 0),
      };
    },

    'images.prune': async ({ ids }) => {
      const docker = await engine.docker();
      const result: PruneResult = { deleted: [], untagged: [], failed: [] };
      for (const r of await removeUnusedImages(docker, ids)) {
        if (r.ok) {
          result.untagged.push(...r.untagged);
          result.deleted.push(...r.deleted);
        } else result.failed.push({ id: r.id, code: r.code, message: r.message });
      }
      return result;
    },
  };
}
