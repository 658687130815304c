import type Dockerode from 'dockerode';
import type { StreamSink } from '../../../shared/contract-kit';
import type { FileEntry, ListFrame } from '../../../shared/contracts/files';
import { BerthError } from '../../../shared/errors';
import { archiveListing } from './archive-listing';
import { isUtf8, toFileEntry, type RawEntry } from './entry';
import { execListing } from './exec-listing';
import { NO_OWNERS, readOwners, type Owners } from './owners';
import { resolvePath } from './stat';
import { targetPath, type OpenTarget } from './target';

/** Entries per frame at most, and how long an entry may wait for its batch. */
const BATCH = 2000;
const BATCH_MS = 50;
/** Scan progress at most this often. */
const SCAN_MS = 250;

export interface ListOptions {
  /** Skip the exec optimisation (bench and parity tests; not in the contract). */
  via?: 'archive';
}

/** "/a//b/" → "/a/b"; "/" stays. */
export function displayPath(text: string): string {
  const p = text.replace(/\/+/g, '/').replace(/\/$/, '');
  return p === '' ? '/' : p;
}

/** Collects entries into frames: ≤ BATCH per frame, flushed every BATCH_MS. */
class Batcher {
  private batch: FileEntry[] = [];
  private since = 0;
  total = 0;
  constructor(private readonly sink: StreamSink<ListFrame>) {}
  add(e: FileEntry): void {
    if (this.batch.length === 0) this.since = Date.now();
    this.batch.push(e);
    this.total++;
    if (this.batch.length >= BATCH || Date.now() - this.since >= BATCH_MS) this.flush();
  }
  /** Sends a batch that has waited long enough (the scan may go deep between two children). */
  tick(): void {
    if (this.batch.length > 0 && Date.now() - this.since >= BATCH_MS) this.flush();
  }
  flush(): void {
    if (this.batch.length === 0) return;
    this.sink.emit({ type: 'entries', entries: this.batch });
    this.batch = [];
  }
}

/**
 * files.list on the engine side. The folder is checked with HEAD first (NOT_FOUND, not a folder →
 * INVALID_ARGUMENT, a link to a folder followed). Then one exec when the target allows it, else the
 * archive's headers; owners come from the target's own files either way, so the entries are the same.
 */
export async function listFolder(
  docker: Dockerode,
  open: OpenTarget,
  bytes: Buffer,
  display: string,
  sink: StreamSink<ListFrame>,
  signal: AbortSignal,
  opts: ListOptions = {},
): Promise<void> {
  const enginePath = targetPath(open, bytes);
  const resolved = await resolvePath(docker, open.containerId, enginePath);
  if (resolved.type !== 'dir') throw new BerthError('INVALID_ARGUMENT', `${display} is not a folder`);
  const ownersP: Promise<Owners> =
    open.root.length === 0 ? readOwners(docker, open.containerId, signal) : Promise.resolve(NO_OWNERS);
  const out = new Batcher(sink);

  const canExec = open.canExec && opts.via !== 'archive' && isUtf8(enginePath);
  if (canExec) {
    const entries = await execListing(docker, open.containerId, enginePath.toString('utf8'), signal);
    if (signal.aborted) throw new BerthError('CANCELLED', 'Listing cancelled');
    if (entries) {
      const owners = await ownersP;
      for (const e of entries) out.add(toFileEntry(e, owners));
      out.flush();
      sink.emit({ type: 'done', path: display, total: out.total, via: 'exec' });
      return;
    }
  }

  const owners = await ownersP;
  let lastScan = 0;
  await archiveListing(
    docker,
    open.containerId,
    resolved.path,
    {
      entry: (e: RawEntry) => out.add(toFileEntry(e, owners)),
      scan: (b, n) => {
        out.tick();
        const now = Date.now();
        if (now - lastScan < SCAN_MS) return;
        lastScan = now;
        out.flush();
        sink.emit({ type: 'scan', bytes: b, entries: n });
      },
      wait: () => (sink.pressured ? sink.drained() : undefined),
    },
    signal,
  );
  out.flush();
  sink.emit({ type: 'done', path: display, total: out.total, via: 'archive' });
}
