import type Dockerode from 'dockerode';
import { hostname } from 'node:os';
import { BerthError } from '../../../shared/errors';
import { containerOf, volumeOf } from '../api-path';
import type { EngineApi } from '../engine-api';
import { toBerthError } from '../../errors/engine-errors';

/**
 * The helper container that gives a volume an archive API: created from an image already present
 * (the smallest), NEVER started (the engine mounts volumes for the archive API of a created container),
 * no network, labelled with its owner (host/pid) so a crash's leftovers can be swept at the next start.
 */

export const HELPER_LABEL = 'berth.helper';
export const HELPER_KIND = 'files';
export const OWNER_LABEL = 'berth.helper.owner';
export const CREATED_LABEL = 'berth.helper.created';
/** Where the (first) volume is mounted in the helper. */
export const VOLUME_ROOT = '/berth-volume';
/** Leftovers older than this are swept whoever made them. */
export const SWEEP_AGE_MS = 24 * 60 * 60 * 1000;

export const NO_IMAGE_MESSAGE =
  'No image is present on this engine to mount the volume with. Pull or load any image (busybox is enough): ' +
  'Berth never pulls one for this.';

export interface HelperMount {
  volume: string;
  /** Absolute path in the helper. */
  target: string;
  write: boolean;
}

export interface Helper {
  id: string;
  /** Removes the helper (force, with any anonymous volume its image declared). Idempotent, never throws. */
  release(): Promise<void>;
}

/** This process as a helper owner: `<hostname>/<pid>`. */
export function ownerTag(): string {
  return `${hostname()}/${process.pid}`;
}

/** NOT_FOUND "No volume named X" unless the volume exists (creating a container would silently create it). */
export async function requireVolume(docker: Dockerode, name: string): Promise<void> {
  try {
    await volumeOf(docker, name).inspect();
  } catch (e) {
    const err = toBerthError(e);
    throw err.code === 'NOT_FOUND' ? new BerthError('NOT_FOUND', `No volume named ${name}`, { name }) : err;
  }
}

/** The id of the smallest image present; BerthError (NOT_FOUND) with a plain message when there is none. */
export async function helperImage(docker: Dockerode): Promise<string> {
  const images = await docker.listImages();
  const best = [...images].sort((a, b) => (a.Size ?? 0) - (b.Size ?? 0))[0];
  if (!best) throw new BerthError('NOT_FOUND', NO_IMAGE_MESSAGE);
  return best.Id;
}

async function removeHelper(docker: Dockerode, id: string): Promise<void> {
  try {
    await containerOf(docker, id).remove({ force: true, v: true });
  } catch (e) {
    if (toBerthError(e).code !== 'NOT_FOUND') throw e;
  }
}

/** Creates (never starts) a helper mounting these volumes, each checked to exist first. */
export async function createHelper(docker: Dockerode, mounts: readonly HelperMount[]): Promise<Helper> {
  for (const m of mounts) await requireVolume(docker, m.volume);
  const image = await helperImage(docker);
  let helperId: string;
  try {
    const created: Dockerode.Container = await docker.createContainer({
      Image: image,
      // Never run: create does not check the command exists, and nothing starts it.
      Entrypoint: [],
      Cmd: ['berth-files-helper'],
      NetworkDisabled: true,
      Labels: {
        [HELPER_LABEL]: HELPER_KIND,
        [OWNER_LABEL]: ownerTag(),
        [CREATED_LABEL]: new Date().toISOString(),
      },
      HostConfig: {
        NetworkMode: 'none',
        Mounts: mounts.map((m) => ({
          Type: 'volume' as const,
          Source: m.volume,
          Target: m.target,
          ReadOnly: !m.write,
        })),
      },
    });
    helperId = created.id;
  } catch (e) {
    // A create that failed after the engine made the container (e.g. a dropped reply) leaves nothing
    // we know the id of; the sweep finds it by its label.
    throw toBerthError(e);
  }
  let released: Promise<void> | undefined;
  return {
    id: helperId,
    release: () => {
      released ??= removeHelper(docker, helperId).catch(() => undefined);
      return released;
    },
  };
}

/** A helper container as listed, reduced to what the sweep decides on. */
export interface HelperInfo {
  id: string;
  labels: Record<string, string>;
  /** Seconds since the epoch (the engine's `Created`). */
  created: number;
}

/**
 * Which helpers to remove: this host's whose process is gone, and anyone's older than 24 h; never this
 * very process's (they are in use), never another live process's younger than 24 h. Pure.
 */
export function helpersToSweep(
  helpers: readonly HelperInfo[],
  self: { host: string; pid: number },
  isAlive: (pid: number) => boolean,
  now: number,
): string[] {
  return helpers
    .filter((h) => {
      if (h.labels[HELPER_LABEL] !== HELPER_KIND) return false;
      const owner = h.labels[OWNER_LABEL] ?? '';
      const slash = owner.lastIndexOf('/');
      const host = slash >= 0 ? owner.slice(0, slash) : owner;
      const pid = Number(slash >= 0 ? owner.slice(slash + 1) : NaN);
      const ownPid = Number.isInteger(pid) && pid > 0;
      if (host === self.host && ownPid && pid === self.pid) return false;
      const stamp = Date.parse(h.labels[CREATED_LABEL] ?? '');
      const createdMs = Number.isFinite(stamp) ? stamp : h.created * 1000;
      if (now - createdMs > SWEEP_AGE_MS) return true;
      return host === self.host && (!ownPid || !isAlive(pid));
    })
    .map((h) => h.id);
}

/** True when a process with this pid exists (EPERM: it exists, owned by someone else). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes leftover helpers (see helpersToSweep); returns the ids removed. Failures are skipped. */
export async function sweepHelpers(
  docker: Dockerode,
  now = Date.now(),
  isAlive: (pid: number) => boolean = pidAlive,
): Promise<string[]> {
  const listed = await docker.listContainers({ all: true, filters: { label: [`${HELPER_LABEL}=${HELPER_KIND}`] } });
  const ids = helpersToSweep(
    listed.map((c) => ({ id: c.Id, labels: c.Labels ?? {}, created: c.Created })),
    { host: hostname(), pid: process.pid },
    isAlive,
    now,
  );
  const removed: string[] = [];
  for (const id of ids) {
    try {
      await removeHelper(docker, id);
      removed.push(id);
    } catch {
      /* in use or gone: the next sweep tries again */
    }
  }
  return removed;
}

/**
 * Sweeps leftovers each time the engine (re)connects, and now if it already is. One sweep at a time;
 * a failing sweep is only logged (the next connect tries again). Returns the unsubscribe.
 */
export function sweepOnConnect(engine: EngineApi, log: (msg: string) => void = () => undefined): () => void {
  let running = false;
  const run = (): void => {
    if (running) return;
    running = true;
    void engine
      .docker()
      .then((docker) => sweepHelpers(docker))
      .then((ids) => ids.length > 0 && log(`removed ${ids.length} leftover volume helper(s)`))
      .catch((e: unknown) => log(`volume helper sweep failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        running = false;
      });
  };
  if (engine.status.state === 'connected') run();
  return engine.onStatus((s) => {
    if (s.state === 'connected') run();
  });
}
