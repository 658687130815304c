import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  buildCacheUsage,
  containersUsage,
  imagesUsage,
  isActiveContainer,
  mapDiskUsage,
  volumesUsage,
  type RawDf,
} from '../../../electron/engine/disk-usage';
import { cliDfRow } from '../../helpers/cli-size';

describe('disk usage as docker system df computes it', () => {
  test('images: size is LayersSize; reclaimable subtracts the unique bytes of images containers use', () => {
    const row = imagesUsage(1000, [
      { Id: 'a', Size: 600, SharedSize: 200, Containers: 2 }, // used: 400 unique bytes stay
      { Id: 'b', Size: 300, SharedSize: 200, Containers: 0 },
      { Id: 'c', Size: 100, SharedSize: -1, Containers: 1 }, // unknown shared size: not counted as used
    ]);
    expect(row).toEqual({ total: 3, active: 2, size: 1000, reclaimable: 600 });
  });

  test('images: Podman reports LayersSize 0 for images that have bytes: the size is the sum of theirs', () => {
    const row = imagesUsage(0, [
      { Id: 'a', Size: 2_131_101, SharedSize: 0, Containers: 1 },
      { Id: 'b', Size: 500, SharedSize: 0, Containers: 0 },
      { Id: 'c', Size: -1, SharedSize: -1, Containers: 0 }, // unknown: not added
    ]);
    expect(row).toEqual({ total: 3, active: 1, size: 2_131_601, reclaimable: 500 });
    expect(imagesUsage(undefined, [])).toEqual({ total: 0, active: 0, size: 0, reclaimable: 0 });
  });

  test('containers: running, paused and restarting are active; the rest is reclaimable', () => {
    expect(['running', 'paused', 'restarting'].every(isActiveContainer)).toBe(true);
    expect(['exited', 'created', 'dead', undefined].some(isActiveContainer)).toBe(false);
    const row = containersUsage([
      { Id: '1', State: 'running', SizeRw: 10 },
      { Id: '2', State: 'exited', SizeRw: 5 },
      { Id: '3', State: 'created', SizeRw: 0 },
      { Id: '4', State: 'paused', SizeRw: 7 },
    ]);
    expect(row).toEqual({ total: 4, active: 2, size: 22, reclaimable: 5 });
  });

  test('volumes: unknown sizes (-1) are skipped; unused ones are reclaimable', () => {
    const row = volumesUsage([
      { Name: 'a', UsageData: { Size: 100, RefCount: 1 } },
      { Name: 'b', UsageData: { Size: 40, RefCount: 0 } },
      { Name: 'c', UsageData: { Size: -1, RefCount: 0 } },
      { Name: 'd', UsageData: null },
    ]);
    expect(row).toEqual({ total: 4, active: 1, size: 140, reclaimable: 40 });
  });

  test('build cache: shared records are not counted; in-use ones are not reclaimable', () => {
    const row = buildCacheUsage([
      { ID: 'a', InUse: true, Shared: false, Size: 30 },
      { ID: 'b', InUse: false, Shared: false, Size: 20 },
      { ID: 'c', InUse: false, Shared: true, Size: 500 },
      { ID: 'd', InUse: true, Shared: true, Size: 7 },
    ]);
    expect(row).toEqual({ total: 4, active: 2, size: 50, reclaimable: 20 });
  });

  test('an empty engine (null lists) is all zeros', () => {
    const zero = { total: 0, active: 0, size: 0, reclaimable: 0 };
    expect(mapDiskUsage({ LayersSize: 0, Images: null, Containers: null, Volumes: null, BuildCache: null })).toEqual({
      images: zero,
      containers: zero,
      volumes: zero,
      buildCache: zero,
    });
  });
});

describe('a real /system/df answer', () => {
  // Captured from the private engine (dockerd 20.10, API 1.41) together with `docker system df
  // --format '{{json .}}'` (CLI 28.2), with nothing changing in between.
  const dir = new URL('./fixtures/', import.meta.url);
  const raw = JSON.parse(readFileSync(new URL('system-df.json', dir), 'utf8')) as RawDf;
  const cli = readFileSync(new URL('system-df-cli.jsonl', dir), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { Type: string });

  test('gives the CLI figures in the CLI rounding', () => {
    const du = mapDiskUsage(raw);
    const ours = [
      { Type: 'Images', ...cliDfRow(du.images, true) },
      { Type: 'Containers', ...cliDfRow(du.containers, true) },
      { Type: 'Local Volumes', ...cliDfRow(du.volumes, true) },
      { Type: 'Build Cache', ...cliDfRow(du.buildCache, false) },
    ];
    expect(ours).toEqual(cli);
  });
});
