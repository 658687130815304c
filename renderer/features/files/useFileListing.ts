import { useCallback, useEffect, useRef, useState } from 'react';
import type { FileEntry, FilePath, FileTarget } from '../../../shared/contracts/files';
import type { BerthError } from '../../../shared/errors';
import { api } from '../../api';

/**
 * One folder's listing over the `files.list` stream. Entries arrive in batches; they are gathered in a
 * ref and handed to React at most every FLUSH_MS so a 50,000-entry folder renders a few times, not per
 * batch. A new path (or Refresh, or unmount) unsubscribes, which cancels the scan on the server.
 */
export interface Listing {
  entries: readonly FileEntry[];
  phase: 'loading' | 'done' | 'error' | 'cancelled';
  /** Archive scans: tar bytes read and entries seen so far. */
  scan?: { bytes: number; entries: number } | undefined;
  /** The folder as the engine resolved it, once done. */
  resolved?: string | undefined;
  via?: 'exec' | 'archive' | undefined;
  error?: BerthError | undefined;
}

const FLUSH_MS = 120;

export function useFileListing(
  target: FileTarget,
  path: FilePath,
): { listing: Listing; refresh: () => void; cancel: () => void } {
  const [listing, setListing] = useState<Listing>({ entries: [], phase: 'loading' });
  const [generation, setGeneration] = useState(0);
  const stop = useRef<(() => void) | undefined>(undefined);
  const targetKey = target.kind === 'container' ? `c:${target.id}` : `v:${target.name}`;
  const pathKey = `${path.text}\0${path.b64 ?? ''}`;

  useEffect(() => {
    let pending: FileEntry[] = [];
    let all: FileEntry[] = [];
    let scan: Listing['scan'];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const flush = (): void => {
      timer = undefined;
      if (!live) return;
      if (pending.length > 0) {
        all = all.concat(pending);
        pending = [];
      }
      const entries = all;
      setListing((cur) => ({ ...cur, entries, scan }));
    };
    const soon = (): void => {
      timer ??= setTimeout(flush, FLUSH_MS);
    };
    setListing({ entries: [], phase: 'loading' });
    const unsub = api.subscribe(
      'files.list',
      { target, path },
      {
        onData: (frame) => {
          if (frame.type === 'entries') {
            for (const e of frame.entries) pending.push(e);
            soon();
          } else if (frame.type === 'scan') {
            scan = { bytes: frame.bytes, entries: frame.entries };
            soon();
          } else {
            if (timer) clearTimeout(timer);
            all = all.concat(pending);
            pending = [];
            const entries = all;
            setListing({ entries, phase: 'done', scan, resolved: frame.path, via: frame.via });
          }
        },
        onError: (error) => {
          if (timer) clearTimeout(timer);
          setListing({ entries: [], phase: 'error', error });
        },
        onEnd: () => {
          stop.current = undefined;
        },
      },
    );
    stop.current = unsub;
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
      unsub();
      stop.current = undefined;
    };
    // Target and path by value: a new object for the same place must not restart the stream.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [targetKey, pathKey, generation]);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  const cancel = useCallback(() => {
    stop.current?.();
    stop.current = undefined;
    setListing((cur) => (cur.phase === 'loading' ? { ...cur, phase: 'cancelled' } : cur));
  }, []);
  return { listing, refresh, cancel };
}
