import type { Contract } from '../../shared/contract';
import type { Handlers } from '../../shared/contract-kit';
import { BerthError } from '../../shared/errors';
import type { ContainerStats } from '../../shared/models';
import type { EngineClient } from '../engine/engine';
import type { EngineApi } from '../engine/engine-api';
import { toBerthError } from '../errors/engine-errors';
import { CpuTracker, cpuPoint, isRunningSample, toContainerStats, toFileChanges, toProcessList } from '../engine/stats';
import { containerChanges, containerTop, oneShotStats } from '../engine/containers';

type StatsHandlers = Pick<
  Handlers<Contract>,
  'containers.stats' | 'containers.statsWatch' | 'containers.top' | 'containers.changes'
>;

/**
 * Parallel one-shot requests per `containers.stats` call. dockerd answers a one-shot request from
 * its stats collector, which gathers every subscribed container in one pass and then sleeps a
 * second: requests that miss a pass wait for the next one. So a screen of rows must go out
 * together (one or two passes), not in small batches that each wait a second; the limit only
 * caps sockets.
 */
export const STATS_CONCURRENCY = 32;
/**
 * Pause between `containers.statsWatch` samples, counted from the previous answer: just past the
 * collector's one-second sleep, so the next request finds it idle and is answered at once.
 */
export const WATCH_INTERVAL_MS = 1000;

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function notRunning(id: string): BerthError {
  return new BerthError('CONFLICT', `Container ${id.slice(0, 12)} is not running, so it has no live stats.`);
}

export function statsHandlers(engine: EngineApi, tracker = new CpuTracker()): StatsHandlers {
  const sample = async (
    docker: EngineClient,
    id: string,
    signal?: AbortSignal,
  ): Promise<ContainerStats | undefined> => {
    const raw = await oneShotStats(docker, id, signal);
    if (!isRunningSample(raw)) {
      tracker.forget(raw.id ?? id);
      return undefined;
    }
    const key = raw.id ?? id;
    const at = raw.read ? Date.parse(raw.read) : Date.now();
    const cpu = tracker.next(key, cpuPoint(raw), at);
    return toContainerStats(id, raw, cpu);
  };

  return {
    'containers.stats': async ({ ids }) => {
      const docker = await engine.docker();
      const unique = [...new Set(ids)];
      let unreachable: BerthError | undefined;
      const samples = await mapLimit(unique, STATS_CONCURRENCY, async (id) => {
        try {
          return await sample(docker, id);
        } catch (err) {
          // A row that vanished or stopped since the list was drawn is simply left out.
          const e = toBerthError(err);
          if (e.code === 'ENGINE_UNREACHABLE') unreachable = e;
          return undefined;
        }
      });
      const found = samples.filter((s): s is ContainerStats => s !== undefined);
      if (found.length === 0 && unreachable) throw unreachable;
      return found;
    },

    'containers.statsWatch': async ({ id }, sink, signal) => {
      const docker = await engine.docker();
      while (!signal.aborted) {
        const s = await sample(docker, id, signal);
        if (signal.aborted) return;
        if (!s) throw notRunning(id);
        sink.emit(s);
        if (sink.pressured) await sink.drained();
        await sleep(WATCH_INTERVAL_MS, signal);
      }
    },

    'containers.top': async ({ id, psArgs }) => {
      return toProcessList(await containerTop(await engine.docker(), id, psArgs));
    },

    'containers.changes': async ({ id }) => {
      return toFileChanges(await containerChanges(await engine.docker(), id));
    },
  };
}
