import { useEffect, useState, useSyncExternalStore } from 'react';
import { api } from '../../api';
import { EventFeed, type FeedSnapshot } from './feed';

/** The Events view's live buffer (see feed.ts); `since` (re)starts it with a replay from that time. */
export function useEventFeed(since: string | undefined): { feed: EventFeed; snap: FeedSnapshot } {
  const [feed] = useState(
    () =>
      new EventFeed((from, h) =>
        api.subscribe('events.watch', from === undefined ? {} : { since: from }, {
          onData: h.onData,
          onError: h.onError,
          onEnd: h.onEnd,
        }),
      ),
  );
  useEffect(() => {
    feed.start(since);
  }, [feed, since]);
  useEffect(() => () => feed.dispose(), [feed]);
  const snap = useSyncExternalStore(feed.subscribe, feed.getSnapshot);
  return { feed, snap };
}
