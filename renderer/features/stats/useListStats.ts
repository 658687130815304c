import { useEffect, useRef, useState } from 'react';
import type { ContainerStats } from '../../../shared/models';
import { api } from '../../api';
import { useViewActivity } from '../../lib/viewActivity';
import { StatsPoller } from './listStatsPoller';

const EMPTY: ReadonlyMap<string, ContainerStats> = new Map();

/**
 * Live stats of the given running containers (the rows on screen), keyed by container id. One
 * `containers.stats` request for all of them at most once a second (slower for many rows, see
 * StatsPoller); nothing while the page is hidden (resumes on visibilitychange), while the view is kept
 * hidden behind another one (ViewActivity), or when no id is given.
 */
export function useListStats(ids: readonly string[]): ReadonlyMap<string, ContainerStats> {
  const [stats, setStats] = useState<ReadonlyMap<string, ContainerStats>>(EMPTY);
  const pollerRef = useRef<StatsPoller | undefined>(undefined);
  const activity = useViewActivity();

  useEffect(() => {
    const poller = new StatsPoller({
      fetch: (asked) => api.invoke('containers.stats', { ids: asked }),
      onData: (samples) => setStats(new Map(samples.map((s) => [s.id, s]))),
      // Stale numbers would mislead; the engine status banner says why when the engine is gone.
      onError: () => setStats(EMPTY),
    });
    pollerRef.current = poller;
    const onVisibility = (): void => poller.setHidden(document.visibilityState === 'hidden' || !activity.active);
    onVisibility();
    document.addEventListener('visibilitychange', onVisibility);
    const offActivity = activity.subscribe(onVisibility);
    return () => {
      offActivity();
      document.removeEventListener('visibilitychange', onVisibility);
      poller.stop();
      pollerRef.current = undefined;
    };
  }, [activity]);

  const key = ids.join(',');
  useEffect(() => {
    pollerRef.current?.setIds(key ? key.split(',') : []);
  }, [key]);

  return stats;
}
