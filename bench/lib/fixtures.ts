import type Docker from 'dockerode';
import { performance } from 'node:perf_hooks';
import { mapPool } from './pool';

/** Every container the bench creates carries this label; cleanup removes exactly those. */
export const BENCH_LABEL = 'berth.bench';
export const BENCH_IMAGE = 'busybox:latest';
export const BENCH_NAME_PREFIX = 'berth-bench-';
const CONCURRENCY = 8;

export interface BenchFixtures {
  /** Names of the created containers, in creation order (`berth-bench-0000`, ...). */
  names: string[];
  /** Setup time (not a measure): wall time to create all of them through the Engine API. */
  createMs: number;
  /** Starts the first `n` bench containers (memoized; returns their names). */
  running(n: number): Promise<string[]>;
}

export function benchName(i: number, total: number): string {
  return `${BENCH_NAME_PREFIX}${String(i).padStart(Math.max(4, String(total - 1).length), '0')}`;
}

/** Force-removes every container labelled berth.bench=1 (leftovers of an earlier run included). Returns how many. */
export async function removeBenchContainers(engine: Docker): Promise<number> {
  const list = await engine.listContainers({ all: true, filters: { label: [`${BENCH_LABEL}=1`] } });
  await mapPool(list, CONCURRENCY, async (c) => {
    try {
      await engine.getContainer(c.Id).remove({ force: true, v: true });
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode !== 404) throw e;
    }
  });
  return list.length;
}

/** Creates `total` stopped bench containers (`sleep 3600`) through the Engine API, 8 at a time. */
export async function createBenchContainers(
  engine: Docker,
  total: number,
  signal?: AbortSignal,
): Promise<BenchFixtures> {
  try {
    await engine.getImage(BENCH_IMAGE).inspect();
  } catch {
    throw new Error(`image ${BENCH_IMAGE} is missing on the bench engine (scripts/engine.sh start builds it)`);
  }
  const names = Array.from({ length: total }, (_, i) => benchName(i, total));
  const t0 = performance.now();
  await mapPool(
    names,
    CONCURRENCY,
    (name) =>
      engine.createContainer({
        name,
        Image: BENCH_IMAGE,
        Cmd: ['sleep', '3600'],
        Labels: { [BENCH_LABEL]: '1' },
      }),
    signal,
  );
  const createMs = performance.now() - t0;
  const started = new Map<string, Promise<void>>();
  return {
    names,
    createMs,
    async running(n) {
      const pick = names.slice(0, n);
      await Promise.all(
        pick.map((name) => {
          let p = started.get(name);
          if (!p) {
            p = engine
              .getContainer(name)
              .start()
              .then(() => undefined);
            started.set(name, p);
          }
          return p;
        }),
      );
      return pick;
    },
  };
}
