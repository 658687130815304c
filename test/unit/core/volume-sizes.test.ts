import type Dockerode from 'dockerode';
import { describe, expect, test } from 'vitest';
import { volumeSizes } from '../../../electron/engine/volumes';

/** `/system/df` for volume sizes: `type=volume` from API 1.42 (the engine then skips images and containers). */

const DF = {
  Volumes: [
    { Name: 'data', UsageData: { Size: 204800, RefCount: 0 } },
    { Name: 'remote', UsageData: { Size: -1, RefCount: 0 } },
  ],
};

function fakeDocker(version: string) {
  const dialed: Array<{ path: string; options?: unknown }> = [];
  let plainDf = 0;
  const docker = {
    modem: {
      version,
      dial(opts: { path: string; options?: unknown }, cb: (err: unknown, data: unknown) => void) {
        dialed.push(opts);
        cb(null, DF);
      },
    },
    df: () => {
      plainDf++;
      return Promise.resolve(DF);
    },
  } as unknown as Dockerode;
  return { docker, dialed, plainDf: () => plainDf };
}

describe('volume sizes', () => {
  test('API 1.42 and later ask for volumes only', async () => {
    const f = fakeDocker('v1.43');
    expect(await volumeSizes(f.docker, ['data', 'remote', 'gone', 'data'])).toEqual([
      { name: 'data', size: 204800 },
      { name: 'remote' },
    ]);
    expect(f.dialed).toEqual([expect.objectContaining({ path: '/system/df?', options: { type: ['volume'] } })]);
    expect(f.plainDf()).toBe(0);
  });

  test('older engines: the plain df', async () => {
    const f = fakeDocker('v1.41');
    expect(await volumeSizes(f.docker, ['data'])).toEqual([{ name: 'data', size: 204800 }]);
    expect(f.dialed).toEqual([]);
    expect(f.plainDf()).toBe(1);
  });
});
