import { useEffect, useLayoutEffect, useMemo, useSyncExternalStore } from 'react';
import type { ContainerState, LogTail } from '../../../shared/models';
import { useEngineReady } from '../../stores/engineStatus';
import { LogSession, type LogSource } from './session';

/**
 * The log streams of `sources`: a LogSession re-created when the sources, the tail or the time range
 * change, started before the first paint and disposed on unmount. A container that runs again, and
 * every stream a lost engine cut, continue after their last line once the engine answers.
 */
export function useLogSession(
  sources: readonly LogSource[],
  states: readonly (ContainerState | undefined)[] | undefined,
  opts: { tail: LogTail; since?: string | undefined; until?: string | undefined },
) {
  const sourcesKey = sources.map((s) => s.id).join(',');
  const session = useMemo(
    () => new LogSession(sources, { tail: opts.tail, since: opts.since, until: opts.until }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- sourcesKey stands for sources
    [sourcesKey, opts.tail, opts.since, opts.until],
  );
  // A layout effect: the stream is requested before the browser paints the new view, not a frame later.
  useLayoutEffect(() => {
    session.start();
    return () => session.dispose();
  }, [session]);
  const snap = useSyncExternalStore(session.subscribe, session.getSnapshot);

  // A container that starts again continues its stream (not while the engine is away: it would fail).
  const statesKey = (states ?? []).join(',');
  const engineReady = useEngineReady();
  useEffect(() => {
    if (!engineReady) return;
    (states ?? []).forEach((st, i) => {
      if (st === 'running' || st === 'restarting') session.resume(i);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- statesKey stands for states
  }, [statesKey, session, snap.sources, engineReady]);
  // The engine came back: every stream it cut continues after its last line (a stopped container's too,
  // for what it wrote before it stopped).
  useEffect(() => {
    if (engineReady) session.resumeStopped();
  }, [engineReady, session]);
  return { session, snap, engineReady };
}
