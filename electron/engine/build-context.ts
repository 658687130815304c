import dockerignore from '@balena/dockerignore';
import { randomBytes } from 'node:crypto';
import type { Dirent, Stats } from 'node:fs';
import { constants as fsConstants, promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pack as tarPack } from 'tar-stream';
import { BerthError } from '../../shared/errors';
import { deviceNumbers, kindOf, writeEntry, writeFileEntry, type EntryKind, type FileEntryErrors } from './tar-write';

export type { EntryKind } from './tar-write';

/**
 * The build context as the docker CLI sends it (`docker build <dir>` with the classic archive walk):
 * `.dockerignore` read like `dockerignore.ReadAll`, files filtered like `archive.TarWithOptions`, the
 * Dockerfile and `.dockerignore` always sent, a Dockerfile outside the context added under a generated
 * name, owners 0:0, modes and symlinks kept, hard links as links. The walk only lists paths and stats;
 * file contents are streamed into the tar one file at a time, so memory does not grow with the context.
 */

export const DEFAULT_DOCKERFILE = 'Dockerfile';
/** A Dockerfile sent from outside the context is read whole (as the CLI does); refuse absurd ones. */
const MAX_OUTSIDE_DOCKERFILE_BYTES = 16 * 1024 * 1024;

/**
 * Patterns of a .dockerignore, as Docker reads them: a UTF-8 BOM dropped, lines starting with `#`
 * skipped (before trimming), blank lines skipped, each pattern trimmed and cleaned (`./a/../b` → `b`),
 * a leading `/` removed, `!` kept in front.
 */
export function parseDockerignore(text: string): string[] {
  const out: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const line of lines) {
    if (line.startsWith('#')) continue;
    let pattern = line.trim();
    if (pattern === '') continue;
    const invert = pattern.startsWith('!');
    if (invert) pattern = pattern.slice(1).trim();
    if (pattern.length > 0) {
      pattern = cleanPattern(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    out.push(invert ? `!${pattern}` : pattern);
  }
  return out;
}

/** Go's filepath.Clean for the slash-separated patterns of a .dockerignore. */
function cleanPattern(p: string): string {
  const cleaned = path.posix.normalize(p);
  return cleaned.length > 1 ? cleaned.replace(/\/+$/, '') : cleaned;
}

export type MatchDecision = 'include' | 'exclude' | 'descend';

/**
 * Which context paths go into the tar. `decide(rel, isDir)` is TarWithOptions' rule: an excluded file
 * is left out; an excluded directory is skipped whole unless an exception pattern (`!dir/x`) starts
 * inside it, in which case it is walked (its own entry left out) so the exceptions can re-include files.
 */
export class ContextMatcher {
  private readonly ig = dockerignore({ ignorecase: false });
  private readonly exceptions: string[];

  constructor(readonly patterns: readonly string[]) {
    this.ig.add([...patterns]);
    this.exceptions = patterns.filter((p) => p.startsWith('!') && p.length > 1).map((p) => cleanPattern(p.slice(1)));
  }

  /** True when the patterns exclude `rel` (slash-separated, relative to the context root). */
  excludes(rel: string): boolean {
    return this.ig.ignores(rel);
  }

  decide(rel: string, isDir: boolean): MatchDecision {
    if (!this.excludes(rel)) return 'include';
    if (!isDir) return 'exclude';
    const dirSlash = `${rel}/`;
    return this.exceptions.some((e) => `${e}/`.startsWith(dirSlash)) ? 'descend' : 'exclude';
  }
}

export interface ContextEntry {
  /** Slash-separated path inside the context (no leading "./"). */
  rel: string;
  kind: EntryKind;
  mode: number;
  mtime: Date;
  /** Bytes of content (files only). */
  size: number;
  /** Symlink target, or for hard links the earlier entry's path. */
  linkname?: string;
  devmajor?: number;
  devminor?: number;
  /** Device and inode seen when planned (files only): the file read later must be this same one. */
  dev?: number;
  ino?: number;
}

export interface BuildContextPlan {
  /** Absolute, symlink-resolved context folder. */
  root: string;
  /** Dockerfile path the engine reads inside the tar (the `dockerfile` build parameter). */
  dockerfile: string;
  entries: ContextEntry[];
  /** Patterns applied (from .dockerignore plus the CLI's exceptions for the Dockerfile and .dockerignore). */
  patterns: string[];
  /** Rough size of the tar in bytes (headers + padded contents) for upload progress. */
  estimatedBytes: number;
  /** Files sent whose content is read from the context folder. */
  fileCount: number;
  /** A Dockerfile from outside the context, added under `dockerfile`; and the .dockerignore rewritten to drop it. */
  extra?: { dockerfileContent: Buffer; dockerignoreContent: Buffer };
}

function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

function errnoText(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined;
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  if (e?.code === 'ENOENT') return 'no such file or directory';
  if (e?.code === 'ENOTDIR') return 'not a directory';
  return e?.message ?? String(err);
}

async function resolveContext(contextDir: string): Promise<string> {
  if (!path.isAbsolute(contextDir)) {
    throw new BerthError('INVALID_ARGUMENT', `The context folder must be an absolute path: ${contextDir}`, {
      field: 'context',
    });
  }
  let real: string;
  try {
    real = await fsp.realpath(contextDir);
  } catch (err) {
    throw new BerthError(
      isNotFound(err) ? 'NOT_FOUND' : 'INVALID_ARGUMENT',
      `Cannot use the context folder ${contextDir}: ${errnoText(err)}`,
      { field: 'context' },
    );
  }
  const st = await fsp.stat(real);
  if (!st.isDirectory()) {
    throw new BerthError('INVALID_ARGUMENT', `The context ${contextDir} is not a folder`, { field: 'context' });
  }
  return real;
}

/**
 * Where the Dockerfile is, like the CLI's getDockerfileRelPath: empty → `Dockerfile` in the context (or
 * `dockerfile` when only that exists); a relative path is taken inside the context folder (a desktop app
 * has no working directory to resolve it against); symlinks resolved.
 */
async function resolveDockerfile(root: string, given: string): Promise<string> {
  let abs = given.trim();
  if (abs === '') {
    abs = path.join(root, DEFAULT_DOCKERFILE);
    const alt = path.join(root, DEFAULT_DOCKERFILE.toLowerCase());
    try {
      await fsp.lstat(abs);
    } catch (err) {
      if (isNotFound(err)) {
        try {
          await fsp.lstat(alt);
          abs = alt;
        } catch {
          /* keep Dockerfile for the error below */
        }
      }
    }
  } else if (!path.isAbsolute(abs)) {
    abs = path.join(root, abs);
  }
  let real: string;
  try {
    real = await fsp.realpath(abs);
  } catch (err) {
    throw new BerthError(
      isNotFound(err) ? 'NOT_FOUND' : 'INVALID_ARGUMENT',
      isNotFound(err) ? `Cannot locate Dockerfile: ${abs}` : `Cannot read the Dockerfile ${abs}: ${errnoText(err)}`,
      { field: 'dockerfile' },
    );
  }
  const st = await fsp.stat(real);
  if (!st.isFile()) {
    throw new BerthError('INVALID_ARGUMENT', `The Dockerfile ${abs} is not a file`, { field: 'dockerfile' });
  }
  return real;
}

async function readDockerignore(root: string): Promise<{ text: string; exists: boolean }> {
  try {
    return { text: await fsp.readFile(path.join(root, '.dockerignore'), 'utf8'), exists: true };
  } catch (err) {
    if (isNotFound(err)) return { text: '', exists: false };
    throw new BerthError('INVALID_ARGUMENT', `Cannot read .dockerignore: ${errnoText(err)}`, { field: 'context' });
  }
}

function tarPadded(size: number): number {
  return Math.ceil(size / 512) * 512;
}

/** Lists what the context tar holds, checking (as the CLI's ValidateContextDirectory does) that every file can be read. */
async function walk(root: string, matcher: ContextMatcher, signal?: AbortSignal): Promise<ContextEntry[]> {
  const entries: ContextEntry[] = [];
  const seenInodes = new Map<string, string>();

  async function visit(dirAbs: string, dirRel: string): Promise<void> {
    if (signal?.aborted) throw new BerthError('CANCELLED', 'Cancelled');
    let names: Dirent[];
    try {
      names = await fsp.readdir(dirAbs, { withFileTypes: true });
    } catch (err) {
      throw new BerthError('INVALID_ARGUMENT', `Cannot read ${dirRel || '.'} in the build context: ${errnoText(err)}`, {
        field: 'context',
        path: dirRel || '.',
      });
    }
    // filepath.Walk visits names in lexical (byte) order.
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of names) {
      const rel = dirRel ? `${dirRel}/${d.name}` : d.name;
      const abs = path.join(dirAbs, d.name);
      const decision = matcher.decide(rel, d.isDirectory());
      if (decision === 'exclude') continue;
      let st: Stats;
      try {
        st = await fsp.lstat(abs);
      } catch (err) {
        if (isNotFound(err)) continue; // removed while we walked
        throw new BerthError('INVALID_ARGUMENT', `Cannot stat ${rel} in the build context: ${errnoText(err)}`, {
          field: 'context',
          path: rel,
        });
      }
      const kind = kindOf(st);
      if (!kind) continue;
      if (kind === 'directory') {
        if (decision === 'include') {
          entries.push({ rel, kind, mode: st.mode & 0o7777, mtime: st.mtime, size: 0 });
        }
        await visit(abs, rel);
        continue;
      }
      if (kind === 'file') {
        try {
          await fsp.access(abs, fsConstants.R_OK);
        } catch (err) {
          throw new BerthError('INVALID_ARGUMENT', `Cannot read ${rel} in the build context: ${errnoText(err)}`, {
            field: 'context',
            path: rel,
          });
        }
        if (st.nlink > 1) {
          const key = `${st.dev}:${st.ino}`;
          const first = seenInodes.get(key);
          if (first !== undefined) {
            entries.push({ rel, kind: 'link', mode: st.mode & 0o7777, mtime: st.mtime, size: 0, linkname: first });
            continue;
          }
          seenInodes.set(key, rel);
        }
        entries.push({ rel, kind, mode: st.mode & 0o7777, mtime: st.mtime, size: st.size, dev: st.dev, ino: st.ino });
        continue;
      }
      const entry: ContextEntry = { rel, kind, mode: st.mode & 0o7777, mtime: st.mtime, size: 0 };
      if (kind === 'symlink') entry.linkname = await fsp.readlink(abs);
      if (kind === 'character-device' || kind === 'block-device') {
        const dev = deviceNumbers(st);
        entry.devmajor = dev.devmajor;
        entry.devminor = dev.devminor;
      }
      entries.push(entry);
    }
  }

  await visit(root, '');
  return entries;
}

/**
 * Works out the whole context before anything is sent: folders resolved, Dockerfile located, the
 * .dockerignore applied, every file checked readable. Throws BerthError with `details.field`
 * ('context' | 'dockerfile') so the form can put the message next to the right field.
 */
export async function planBuildContext(
  contextDir: string,
  dockerfile: string,
  signal?: AbortSignal,
): Promise<BuildContextPlan> {
  const root = await resolveContext(contextDir);
  const dockerfileAbs = await resolveDockerfile(root, dockerfile);
  const ignore = await readDockerignore(root);
  const patterns = parseDockerignore(ignore.text);
  const relDockerfile = path.relative(root, dockerfileAbs).split(path.sep).join('/');
  const outside = relDockerfile.startsWith('../') || relDockerfile === '..' || path.isAbsolute(relDockerfile);

  // build.TrimBuildFilesFromExcludes: the engine needs these two even when the patterns exclude them.
  const probe = new ContextMatcher(patterns);
  if (probe.excludes('.dockerignore')) patterns.push('!.dockerignore');
  if (!outside && probe.excludes(relDockerfile)) patterns.push(`!${relDockerfile}`);

  const matcher = new ContextMatcher(patterns);
  const entries = await walk(root, matcher, signal);

  let extra: BuildContextPlan['extra'];
  let sentDockerfile = relDockerfile;
  if (outside) {
    // build.AddDockerfileToBuildContext: the Dockerfile under a random name, and that name added to
    // .dockerignore so the engine removes it from the context once it has read it.
    const st = await fsp.stat(dockerfileAbs);
    if (st.size > MAX_OUTSIDE_DOCKERFILE_BYTES) {
      throw new BerthError('INVALID_ARGUMENT', `The Dockerfile ${dockerfileAbs} is larger than 16 MiB`, {
        field: 'dockerfile',
      });
    }
    sentDockerfile = `.dockerfile.${randomBytes(10).toString('hex')}`;
    const base = ignore.exists ? ignore.text : '.dockerignore';
    extra = {
      dockerfileContent: await fsp.readFile(dockerfileAbs),
      dockerignoreContent: Buffer.from(`${base}\n${sentDockerfile}\n`, 'utf8'),
    };
    // The rewritten .dockerignore replaces the one in the folder (or is added when there was none).
    const at = entries.findIndex((e) => e.rel === '.dockerignore');
    if (at !== -1) entries.splice(at, 1);
  }

  let estimatedBytes = 1024; // the two zero blocks at the end
  let fileCount = 0;
  for (const e of entries) {
    estimatedBytes += 512 + (e.rel.length > 100 ? 1024 : 0) + tarPadded(e.size);
    if (e.kind === 'file') fileCount++;
  }
  if (extra)
    estimatedBytes += 1024 + tarPadded(extra.dockerfileContent.length) + tarPadded(extra.dockerignoreContent.length);

  const plan: BuildContextPlan = {
    root,
    dockerfile: sentDockerfile,
    entries,
    patterns,
    estimatedBytes,
    fileCount,
  };
  if (extra) plan.extra = extra;
  return plan;
}

/** The error for a context file that is no longer the one planned: never read through it. */
function swappedError(rel: string, now: string): BerthError {
  return new BerthError(
    'CONFLICT',
    `${rel} in the build context was replaced by ${now} after it was listed; the build was stopped so that ` +
      'nothing outside the context folder is sent. Check the folder and build again.',
    { field: 'context', path: rel },
  );
}

// O_NOFOLLOW: a last component swapped for a symlink fails to open (ELOOP) instead of being followed.
// O_NONBLOCK: a file swapped for a FIFO opens at once (and is refused below) instead of hanging the build.
const OPEN_PLANNED_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0);

/**
 * Opens a planned file without following a symlink and checks, on the open descriptor, that it is the
 * regular file the plan listed (same device and inode). Between plan and read, the file or any folder
 * above it may have been swapped for a symlink to a host file: the inode check catches a swapped
 * folder, O_NOFOLLOW the swapped file itself, and reading through the checked descriptor leaves no gap.
 */
async function openPlannedFile(abs: string, entry: ContextEntry): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await fsp.open(abs, OPEN_PLANNED_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ELOOP' || code === 'EMLINK') throw swappedError(entry.rel, 'a symbolic link');
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new BerthError('CONFLICT', `${entry.rel} was removed from the build context while it was sent; try again`, {
        field: 'context',
        path: entry.rel,
      });
    }
    throw new BerthError('INVALID_ARGUMENT', `Cannot read ${entry.rel} in the build context: ${errnoText(err)}`, {
      field: 'context',
      path: entry.rel,
    });
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw swappedError(entry.rel, 'something that is not a regular file');
    if (st.dev !== entry.dev || st.ino !== entry.ino) throw swappedError(entry.rel, 'another file');
    return handle;
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** What a failed or shrunken context file says. */
function contextFileErrors(name: string): FileEntryErrors {
  return {
    readFailed: (err) =>
      new BerthError('INVALID_ARGUMENT', `Cannot read ${name} in the build context: ${errnoText(err)}`),
    shrank: () => new BerthError('CONFLICT', `${name} changed while the build context was sent; try again`),
  };
}

/**
 * The context as a tar byte stream (Node Readable, uncompressed). Contents are read lazily and only as
 * fast as the consumer (the upload to the engine) reads; `onBytes` reports what was read so far.
 * Destroying the stream (or aborting `signal`) stops the walk and closes the open file.
 */
export function packBuildContext(
  plan: BuildContextPlan,
  opts: { signal?: AbortSignal; onBytes?: (sent: number) => void } = {},
): Readable {
  const pack = tarPack();
  const base = { uid: 0, gid: 0, uname: '', gname: '' };
  let stopped = false;

  const produce = async (): Promise<void> => {
    for (const e of plan.entries) {
      if (stopped || opts.signal?.aborted) return;
      const header = { ...base, name: e.rel, mode: e.mode, mtime: e.mtime };
      switch (e.kind) {
        case 'file': {
          // Opened and checked before its header is written, so a swapped file adds nothing to the tar.
          const handle = await openPlannedFile(path.join(plan.root, e.rel), e);
          try {
            await writeFileEntry(pack, { ...header, type: 'file', size: e.size }, handle, contextFileErrors(e.rel));
          } finally {
            await handle.close().catch(() => undefined);
          }
          break;
        }
        case 'directory':
          // canonicalTarNameForPath: folders end with "/".
          await writeEntry(pack, { ...header, name: `${e.rel}/`, type: 'directory' });
          break;
        case 'symlink':
        case 'link':
          await writeEntry(pack, { ...header, type: e.kind, linkname: e.linkname ?? '' });
          break;
        default:
          await writeEntry(pack, { ...header, type: e.kind, devmajor: e.devmajor ?? 0, devminor: e.devminor ?? 0 });
      }
    }
    if (plan.extra) {
      const now = new Date();
      await writeEntry(
        pack,
        { ...base, name: plan.dockerfile, mode: 0o600, mtime: now, type: 'file' },
        plan.extra.dockerfileContent,
      );
      await writeEntry(
        pack,
        { ...base, name: '.dockerignore', mode: 0o600, mtime: now, type: 'file' },
        plan.extra.dockerignoreContent,
      );
    }
    pack.finalize();
  };

  void produce().catch((err: unknown) => {
    if (!stopped) pack.destroy(err instanceof Error ? err : new Error(String(err)));
  });

  let sent = 0;
  async function* bytes(): AsyncGenerator<Buffer> {
    for await (const chunk of pack as AsyncIterable<Uint8Array>) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      sent += buf.length;
      opts.onBytes?.(sent);
      yield buf;
    }
  }

  const out = Readable.from(bytes(), { objectMode: false, highWaterMark: 256 * 1024 });
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    pack.destroy();
    out.destroy();
  };
  out.once('close', stop);
  opts.signal?.addEventListener('abort', stop, { once: true });
  return out;
}
