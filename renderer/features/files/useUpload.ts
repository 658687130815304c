import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientItem, UploadOwner } from '../../../shared/contracts/file-transfer';
import type { FilePath, FileTarget } from '../../../shared/contracts/files';
import { BerthError } from '../../../shared/errors';
import { api } from '../../api';
import { bytesToB64 } from '../../presentation/files';

/**
 * One `files.upload`: host paths (the main process reads them), or client items whose bytes this
 * window sends after the `ready` frame with files.uploadChunk, CHUNK bytes at a time, each awaited
 * (that is the flow control). Cancel = unsubscribe, which aborts the server side too.
 */
export const CHUNK = 512 * 1024;

export type UploadPick =
  | { kind: 'host'; paths: string[] }
  /** `files` holds the File of each `file` item, in item order. */
  | { kind: 'client'; items: ClientItem[]; files: File[] };

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'running'; bytes: number; total: number | undefined; startedAt: number }
  | { phase: 'done'; files: number; bytes: number }
  | { phase: 'error'; error: BerthError }
  | { phase: 'cancelled' };

export interface UploadRequest {
  target: FileTarget;
  dir: FilePath;
  owner: UploadOwner;
  overwrite: boolean;
  pick: UploadPick;
}

async function sendFiles(session: string, files: readonly File[], stopped: () => boolean): Promise<void> {
  for (const file of files) {
    for (let at = 0; at < file.size; at += CHUNK) {
      if (stopped()) return;
      const data = bytesToB64(new Uint8Array(await file.slice(at, Math.min(at + CHUNK, file.size)).arrayBuffer()));
      await api.invoke('files.uploadChunk', { session, data });
    }
  }
}

export function useUpload(): {
  state: UploadState;
  start: (req: UploadRequest) => void;
  cancel: () => void;
  reset: () => void;
} {
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const unsub = useRef<(() => void) | undefined>(undefined);
  const run = useRef(0);
  useEffect(
    () => () => {
      run.current++;
      unsub.current?.();
    },
    [],
  );

  const start = useCallback((req: UploadRequest) => {
    unsub.current?.();
    const me = ++run.current;
    const stopped = (): boolean => run.current !== me;
    const startedAt = Date.now();
    setState({ phase: 'running', bytes: 0, total: undefined, startedAt });
    let finished = false;
    const fail = (error: BerthError): void => {
      if (finished || stopped()) return;
      finished = true;
      setState({ phase: 'error', error });
    };
    const source =
      req.pick.kind === 'host'
        ? { kind: 'host' as const, paths: req.pick.paths }
        : { kind: 'client' as const, items: req.pick.items };
    const files = req.pick.kind === 'client' ? req.pick.files : [];
    unsub.current = api.subscribe(
      'files.upload',
      { target: req.target, dir: req.dir, source, owner: req.owner, overwrite: req.overwrite },
      {
        onData: (frame) => {
          if (stopped()) return;
          if (frame.type === 'ready') {
            sendFiles(frame.session, files, stopped).catch((err: unknown) => {
              // The server's own error (its stream's onError) says more; this covers a file that vanished.
              setTimeout(
                () =>
                  fail(
                    err instanceof BerthError
                      ? err
                      : new BerthError('INTERNAL', `Could not read a file: ${String(err)}`),
                  ),
                300,
              );
            });
          } else if (frame.type === 'progress') {
            setState({ phase: 'running', bytes: frame.bytes, total: frame.total, startedAt });
          } else {
            finished = true;
            setState({ phase: 'done', files: frame.files, bytes: frame.bytes });
          }
        },
        onError: fail,
        onEnd: () => {
          fail(new BerthError('INTERNAL', 'The upload ended without a result'));
          if (!stopped()) unsub.current = undefined;
        },
      },
    );
  }, []);

  const cancel = useCallback(() => {
    run.current++;
    unsub.current?.();
    unsub.current = undefined;
    setState({ phase: 'cancelled' });
  }, []);
  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, start, cancel, reset };
}
