import { onEngineEvent } from '../../stores/engineEvents';
import { reportCount, type CountedKind } from '../../stores/resourceCounts';
import type { ResourceKind } from '../../presentation/resources';
import { createLiveList, type LiveList } from './liveList';

/**
 * The live list of one kind of engine object (images, volumes, networks): listed without usage (the
 * views join the live containers store for "used by", shared/usage.ts, so container events re-list
 * nothing), re-listed on the kind's own events, its count reported to the sidebar.
 */
export function engineList<T>(kind: ResourceKind, counted: CountedKind, list: () => Promise<T[]>): LiveList<T> {
  return createLiveList<T>({
    kind,
    load: async () => {
      const items = await list();
      reportCount(counted, items.length);
      return items;
    },
    subscribeEvents: onEngineEvent,
  });
}
