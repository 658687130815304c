import type Dockerode from 'dockerode';
import type { StreamSink } from '../../../shared/contract-kit';
import type { UploadFrame, UploadOwner, UploadSource } from '../../../shared/contracts/file-transfer';
import type { FilePath, FileTarget } from '../../../shared/contracts/files';
import { BerthError } from '../../../shared/errors';
import { PROGRESS_MS } from '../host/byte-counter';
import { childBytes, pathBytes, putArchive, statPath } from './archive-api';
import { explainStreamFailure, shownPath, statExisting, targetLabel } from './copy-faults';
import { removePaths } from './remove-paths';
import { goModeType } from './stat';
import { openTarget, targetPath, type OpenTarget } from './target';
import { packUpload } from './upload-pack';
import type { UploadSessions } from './upload-sessions';
import { planClientUpload, planHostUpload } from './upload-sources';

/**
 * `docker cp host TARGET:dir`: the sources packed into a tar while it streams (one file body at a time,
 * read only as fast as the engine takes the upload) and PUT into folder `dir`. Every top-level name is
 * looked up first: without overwrite CONFLICT lists the ones that exist. A cancel cuts the tar, waits
 * for the engine to stop, and removes the top-level names the upload created (a half-written file
 * must not stay under its name); names that existed before are left as they are.
 */

export interface UploadArgs {
  target: FileTarget;
  dir: FilePath;
  source: UploadSource;
  owner: UploadOwner;
  overwrite: boolean;
}

type Progress = Extract<UploadFrame, { type: 'progress' }>;

const cancelled = (): BerthError => new BerthError('CANCELLED', 'Cancelled');

/** The folder must exist in the target and be one (a link to a folder counts). */
async function checkFolder(docker: Dockerode, open: OpenTarget, args: UploadArgs): Promise<Buffer> {
  const bytes = targetPath(open, pathBytes(args.dir));
  let stat = await statExisting(() => statPath(docker, open.containerId, bytes), args.dir, args.target);
  if (goModeType(stat.mode) !== 'dir' && stat.linkTarget) {
    // "link/." makes the engine resolve the link (HEAD does not follow a path's last link).
    stat = await statPath(docker, open.containerId, Buffer.concat([bytes, Buffer.from('/.')])).catch(() => stat);
  }
  if (goModeType(stat.mode) !== 'dir') {
    throw new BerthError('INVALID_ARGUMENT', `${shownPath(args.dir)} in ${targetLabel(args.target)} is not a folder`);
  }
  return bytes;
}

/** Top-level names that already exist in the folder (HEAD each). */
async function existingNames(docker: Dockerode, id: string, dir: Buffer, names: readonly string[]): Promise<string[]> {
  const found = await Promise.all(
    names.map((n) =>
      statPath(docker, id, childBytes(dir, n)).then(
        () => n,
        () => undefined,
      ),
    ),
  );
  return found.filter((n): n is string => n !== undefined);
}

export async function upload(
  docker: Dockerode,
  args: UploadArgs,
  sessions: { store: UploadSessions; sender: string },
  sink: StreamSink<UploadFrame>,
  signal: AbortSignal,
): Promise<void> {
  const plan =
    args.source.kind === 'host'
      ? await planHostUpload(args.source.paths, args.owner, signal)
      : planClientUpload(args.source.items, args.owner);
  const open = await openTarget(docker, args.target, { write: true });
  const session = args.source.kind === 'client' ? sessions.store.open(sessions.sender, plan.total) : undefined;
  // A cancel ends the session at once, before the tar is torn down: the chunk calls in flight (and the
  // one the tar writer holds) fail CANCELLED, later ones NOT_FOUND, whatever the engine request does.
  const endSession = (): void => session?.close();
  signal.addEventListener('abort', endSession, { once: true });
  try {
    if (signal.aborted) throw cancelled();
    const dir = await checkFolder(docker, open, args);
    const existing = await existingNames(docker, open.containerId, dir, plan.topNames);
    if (!args.overwrite && existing.length > 0) {
      const list = existing.map(shownPath).join(', ');
      throw new BerthError('CONFLICT', `Already in ${shownPath(args.dir)}: ${list}`, { existing });
    }
    if (signal.aborted) throw cancelled();
    if (session) sink.emit({ type: 'ready', session: session.id });
    let sent = 0;
    let last = 0;
    const report = (): Progress => ({ type: 'progress', bytes: sent, total: plan.total });
    sink.emit(report());
    const onBytes = (n: number): void => {
      sent += n;
      const now = Date.now();
      if (now - last >= PROGRESS_MS) {
        last = now;
        sink.emit(report());
      }
    };
    const body = session ? (size: number) => session.feed.take(size) : undefined;
    const tar = packUpload(plan, body, onBytes, signal);
    try {
      await putArchive(docker, open.containerId, dir, tar.stream, {
        noOverwriteDirNonDir: true,
        copyUIDGID: args.owner === 'container',
        signal: tar.hardStop,
      });
    } catch (e) {
      if (!signal.aborted) throw await explainStreamFailure(tar.failure() ?? e, docker, open.containerId, signal);
    }
    if (signal.aborted) {
      // The engine has answered the cut tar, so it is done writing: what it made of our new names goes.
      const made = [...tar.begun].filter((n) => !existing.includes(n));
      await removePaths(docker, open.containerId, dir, made);
      throw cancelled();
    }
    if (tar.failure()) throw await explainStreamFailure(tar.failure(), docker, open.containerId, signal);
    sink.emit(report());
    sink.emit({ type: 'done', files: plan.files, bytes: sent });
  } finally {
    signal.removeEventListener('abort', endSession);
    session?.close();
    await open.release();
  }
}
