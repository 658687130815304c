import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import type { ContainerSummary } from '../../../shared/models';
import { useContainersStore } from '../containers/store';
import type { LiveList, LiveListState } from './liveList';

/** A live list while the calling component is mounted. */
export function useLiveList<T>(list: LiveList<T>): LiveListState<T> {
  useEffect(() => list.retain(), [list]);
  return useStore(list.store);
}

/**
 * A resource page's rows: the live list joined with the live containers store (for "used by"; lists
 * are fetched without usage, so container events re-list nothing), plus what ResourcePage needs.
 */
export function useResourceRows<I, T>(
  list: LiveList<I>,
  toRows: (items: readonly I[], containers: readonly ContainerSummary[]) => T[],
) {
  const { items, loaded, loading, error } = useLiveList(list);
  const containers = useContainersStore((s) => s.list);
  const rows = useMemo(() => toRows(items, containers), [toRows, items, containers]);
  return { rows, list: { loaded, loading, error, count: items.length }, refresh: list.refresh };
}
