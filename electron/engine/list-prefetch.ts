import type { ContainerSummary } from '../../shared/models';
import type { EngineApi } from './engine-api';

/**
 * Starts the full container list while the UI is still booting (when the app shell is requested),
 * so the page's first `containers.list` does not wait for the engine. Any engine event or resync
 * drops the prefetched list — a page that subscribed to events before listing then gets a fresh
 * one — and a prefetched list is used at most once, within `maxAgeMs`.
 */
export class ContainerListPrefetch {
  private entry: { promise: Promise<ContainerSummary[]>; at: number } | undefined;
  private lastStart = 0;

  constructor(
    private readonly engine: EngineApi,
    private readonly list: () => Promise<ContainerSummary[]>,
    private readonly maxAgeMs = 3000,
    private readonly minIntervalMs = 1000,
  ) {
    engine.onEvent(() => {
      this.entry = undefined;
    });
  }

  /** Rate-limited; does nothing unless the engine is connected. */
  start(now = Date.now()): void {
    if (now - this.lastStart < this.minIntervalMs || this.engine.status.state !== 'connected') return;
    this.lastStart = now;
    const promise = this.list();
    const entry = { promise, at: now };
    promise.catch(() => {
      if (this.entry === entry) this.entry = undefined;
    });
    this.entry = entry;
  }

  /** The prefetched list if it is still current, once. */
  take(now = Date.now()): Promise<ContainerSummary[]> | undefined {
    const e = this.entry;
    this.entry = undefined;
    if (!e || now - e.at > this.maxAgeMs) return undefined;
    return e.promise;
  }
}
