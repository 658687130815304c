import Dockerode from 'dockerode';
import { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getArchive, putArchive } from '../../../electron/engine/files/archive-api';
import { openTarget, targetPath } from '../../../electron/engine/files/target';
import { OWNER_LABEL, sweepHelpers, VOLUME_ROOT } from '../../../electron/engine/files/volume-helper';
import { TEST_IMAGE, createTracker, docker, engineSocketPath, uniqueName } from '../../helpers/engine';
import { PODMAN_HOST, podman } from '../../helpers/podman';
import { BerthError } from '../../../shared/errors';
import { hostname } from 'node:os';

/**
 * The volume helper container on the real engine: created never started, labelled, read-only unless
 * asked, the archive API works through it, release removes it; the sweep removes a dead process's
 * leftovers and leaves a live one's. Podman: one create + GET + remove.
 */

const tracker = createTracker();
let api: Dockerode;

beforeAll(() => {
  api = new Dockerode({ socketPath: engineSocketPath() });
});
afterAll(async () => {
  await tracker.cleanup();
});

async function names(stream: NodeJS.ReadableStream): Promise<string[]> {
  const out: string[] = [];
  const ex = extract();
  ex.on('entry', (h, s, next) => {
    out.push(h.name);
    s.on('end', next);
    s.resume();
  });
  await new Promise<void>((resolve, reject) => {
    ex.on('finish', resolve);
    ex.on('error', reject);
    stream.pipe(ex);
  });
  return out;
}

async function volumeWithFile(name: string): Promise<void> {
  tracker.volume(name);
  await docker(['volume', 'create', name]);
  await docker(['run', '--rm', '-v', `${name}:/v`, TEST_IMAGE, 'sh', '-c', 'mkdir /v/d && echo hi > /v/d/f']);
}

async function helperIds(d: Dockerode): Promise<string[]> {
  const list = await d.listContainers({
    all: true,
    filters: { label: [`${OWNER_LABEL}=${hostname()}/${process.pid}`] },
  });
  return list.map((c) => c.Id);
}

describe('volume helper', () => {
  test('created never started, read-only, archive GET works, release removes it (twice is fine)', async () => {
    const vol = uniqueName('vh');
    await volumeWithFile(vol);
    const open = await openTarget(api, { kind: 'volume', name: vol }, { write: false });
    try {
      expect(open.canExec).toBe(false);
      expect(open.root.toString()).toBe(VOLUME_ROOT);
      const info = await api.getContainer(open.containerId).inspect();
      expect(info.State.Status).toBe('created');
      expect(info.Config.Labels['berth.helper']).toBe('files');
      expect(info.Config.Labels[OWNER_LABEL]).toBe(`${hostname()}/${process.pid}`);
      expect(Date.parse(info.Config.Labels['berth.helper.created'] ?? '')).toBeGreaterThan(Date.now() - 60_000);
      expect(info.HostConfig.NetworkMode).toBe('none');
      const mount = info.Mounts.find((m) => m.Name === vol);
      expect(mount?.RW).toBe(false);
      const { stream } = await getArchive(api, open.containerId, targetPath(open, Buffer.from('/d')));
      expect(await names(stream)).toEqual(['d/', 'd/f']);
      const put = putArchive(
        api,
        open.containerId,
        targetPath(open, Buffer.from('/')),
        Readable.from([Buffer.alloc(1024)]),
      );
      await expect(put).rejects.toThrow(/read-only/i);
    } finally {
      await open.release();
      await open.release();
    }
    expect(await helperIds(api)).not.toContain(open.containerId);
  });

  test('write: true mounts read-write', async () => {
    const vol = uniqueName('vh-rw');
    await volumeWithFile(vol);
    const open = await openTarget(api, { kind: 'volume', name: vol }, { write: true });
    try {
      const info = await api.getContainer(open.containerId).inspect();
      expect(info.Mounts.find((m) => m.Name === vol)?.RW).toBe(true);
    } finally {
      await open.release();
    }
  });

  test('unknown volume is NOT_FOUND and creates neither a volume nor a helper', async () => {
    const vol = uniqueName('vh-missing');
    const before = await helperIds(api);
    const err = await openTarget(api, { kind: 'volume', name: vol }, { write: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).code).toBe('NOT_FOUND');
    expect((err as BerthError).message).toBe(`No volume named ${vol}`);
    expect((await docker(['volume', 'inspect', vol], { allowFail: true })).code).not.toBe(0);
    expect(await helperIds(api)).toEqual(before);
  });

  test('the sweep removes a dead process’s helper and keeps a live one’s', async () => {
    const dead = uniqueName('vh-dead');
    const live = uniqueName('vh-live');
    const label = (owner: string): string[] => [
      '--label',
      'berth.helper=files',
      '--label',
      `${OWNER_LABEL}=${owner}`,
      '--label',
      `berth.helper.created=${new Date().toISOString()}`,
    ];
    // A pid above the kernel's maximum is never alive; pid 1 always is.
    await docker(['create', '--name', tracker.container(dead), ...label(`${hostname()}/99999999`), TEST_IMAGE]);
    await docker(['create', '--name', tracker.container(live), ...label(`${hostname()}/1`), TEST_IMAGE]);
    const removed = await sweepHelpers(api);
    const ids = async (n: string): Promise<number> =>
      (await docker(['container', 'inspect', n], { allowFail: true })).code;
    expect(await ids(dead)).not.toBe(0);
    expect(await ids(live)).toBe(0);
    expect(removed.length).toBeGreaterThanOrEqual(1);
  });

  describe.skipIf(!PODMAN_HOST)('on Podman', () => {
    test('create + archive GET + remove', async () => {
      const pm = new Dockerode({ socketPath: (PODMAN_HOST ?? '').replace(/^unix:\/\//, '') });
      const vol = uniqueName('vh-pm');
      await podman(['volume', 'create', vol]);
      try {
        await podman(['run', '--rm', '-v', `${vol}:/v`, TEST_IMAGE, 'sh', '-c', 'mkdir /v/d && echo hi > /v/d/f']);
        const open = await openTarget(pm, { kind: 'volume', name: vol }, { write: false });
        try {
          const { stream } = await getArchive(pm, open.containerId, targetPath(open, Buffer.from('/d')));
          // Podman names entries without the trailing slash Docker gives folders.
          expect((await names(stream)).map((n) => n.replace(/\/$/, '')).sort()).toEqual(['d', 'd/f']);
        } finally {
          await open.release();
        }
        expect(await helperIds(pm)).not.toContain(open.containerId);
      } finally {
        await podman(['volume', 'rm', '--force', vol], { allowFail: true });
      }
    });
  });
});
