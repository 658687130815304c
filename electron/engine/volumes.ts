import type Dockerode from 'dockerode';
import type {
  VolumeCreateInput,
  VolumePruneCandidate,
  VolumePruneResult,
  VolumeSize,
} from '../../shared/contracts/volumes';
import { BerthError } from '../../shared/errors';
import type { Json } from '../../shared/json';
import type { VolumeSummary } from '../../shared/models';
import { volumeOf } from './api-path';
import { toBerthError } from '../errors/engine-errors';
import { containersForUsage } from './containers';
import type { RawDfVolume } from './disk-usage';
import { isAnonymousVolume, toVolumeSummaries } from './mappers';

type VolumeInfo = Parameters<typeof toVolumeSummaries>[0][number];

async function inspectOrUndefined(docker: Dockerode, name: string): Promise<VolumeInfo | undefined> {
  try {
    return (await volumeOf(docker, name).inspect()) as VolumeInfo;
  } catch (e) {
    if (toBerthError(e).code === 'NOT_FOUND') return undefined;
    throw e;
  }
}

export async function listVolumeSummaries(docker: Dockerode, usage: boolean): Promise<VolumeSummary[]> {
  const [volumes, containers] = await Promise.all([docker.listVolumes(), containersForUsage(docker, usage)]);
  return toVolumeSummaries(volumes.Volumes ?? [], containers);
}

export async function rawVolume(docker: Dockerode, name: string): Promise<{ raw: Json }> {
  return { raw: (await volumeOf(docker, name).inspect()) as unknown as Json };
}

export async function removeVolume(docker: Dockerode, name: string, force: boolean): Promise<void> {
  await volumeOf(docker, name).remove({ force });
}

/** Creates a volume; a name already taken is CONFLICT rather than the engine's silent reuse. */
export async function createVolume(docker: Dockerode, input: VolumeCreateInput): Promise<VolumeSummary> {
  if (input.name && (await inspectOrUndefined(docker, input.name))) {
    throw new BerthError('CONFLICT', `A volume named ${input.name} already exists`);
  }
  const created = (await docker.createVolume({
    ...(input.name ? { Name: input.name } : {}),
    Driver: input.driver,
    DriverOpts: input.driverOpts,
    Labels: input.labels,
  })) as unknown;
  // dockerode resolves with the engine's volume document (older versions: a Volume handle).
  const name = (created as { Name?: string }).Name ?? (created as { name?: string }).name ?? input.name ?? '';
  const info = name ? await inspectOrUndefined(docker, name) : undefined;
  if (!info) throw new BerthError('INTERNAL', 'The engine did not report the new volume');
  const [summary] = toVolumeSummaries([info], []);
  if (!summary) throw new BerthError('INTERNAL', 'The engine did not report the new volume');
  return summary;
}

/** Names of the volumes some container (in any state: a created one too) mounts. */
function mountedVolumes(containers: readonly Dockerode.ContainerInfo[]): Set<string> {
  return new Set(
    containers.flatMap((c) => (c.Mounts ?? []).flatMap((m) => (m.Type === 'volume' && m.Name ? [m.Name] : []))),
  );
}

/**
 * The volumes a prune would remove, decided here rather than by the engine's prune filter (whose
 * `all` exists only from API 1.42): unused by every container; with `all: false` anonymous only.
 */
export async function volumePruneCandidates(docker: Dockerode, all: boolean): Promise<VolumePruneCandidate[]> {
  const [volumes, containers] = await Promise.all([
    docker.listVolumes(),
    docker.listContainers({ all: true, size: false }),
  ]);
  const used = mountedVolumes(containers);
  return ((volumes.Volumes ?? []) as VolumeInfo[])
    .filter((v) => !used.has(v.Name) && (all || isAnonymousVolume(v)))
    .map((v) => {
      const out: VolumePruneCandidate = {
        name: v.Name,
        driver: v.Driver,
        labels: v.Labels ?? {},
        anonymous: isAnonymousVolume(v),
      };
      if (v.CreatedAt) out.created = v.CreatedAt;
      return out;
    });
}

/** The engine's API version as negotiated ("1.43"), from the client's options. */
function apiVersionOf(docker: Dockerode): number[] {
  const v = (docker.modem as { version?: string }).version ?? '';
  return v.replace(/^v/, '').split('.').map(Number);
}

/** `/system/df` volumes: `type=volume` (API ≥ 1.42) spares the engine the image and container walk. */
async function dfVolumes(docker: Dockerode): Promise<RawDfVolume[]> {
  const [major = 0, minor = 0] = apiVersionOf(docker);
  if (major > 1 || (major === 1 && minor >= 42)) {
    const res = await new Promise<{ Volumes?: RawDfVolume[] | null }>((resolve, reject) => {
      docker.modem.dial(
        {
          path: '/system/df?',
          method: 'GET',
          options: { type: ['volume'] },
          statusCodes: { 200: true, 500: 'server error' },
        },
        (err, data) => (err ? reject(err) : resolve(data as { Volumes?: RawDfVolume[] | null })),
      );
    });
    return res.Volumes ?? [];
  }
  return ((await docker.df()) as { Volumes?: RawDfVolume[] | null }).Volumes ?? [];
}

/** Sizes of these volumes (a volume gone meanwhile is left out; a driver that does not say: no size). */
export async function volumeSizes(docker: Dockerode, names: readonly string[]): Promise<VolumeSize[]> {
  const byName = new Map((await dfVolumes(docker)).map((v) => [v.Name, v.UsageData?.Size ?? -1]));
  return [...new Set(names)].flatMap((name) => {
    const size = byName.get(name);
    if (size === undefined) return [];
    return [size >= 0 ? { name, size } : { name }];
  });
}

/**
 * Removes exactly these volumes, never with force. Each is checked again just before: one a container
 * mounts since the preview stays (CONFLICT, naming the containers); the engine refuses the rest itself.
 */
export async function pruneVolumes(
  docker: Dockerode,
  names: readonly string[],
  measure: boolean,
): Promise<VolumePruneResult> {
  const unique = [...new Set(names)];
  const sizes = measure ? new Map((await volumeSizes(docker, unique)).map((s) => [s.name, s.size])) : undefined;
  const out: VolumePruneResult = { removed: [], failed: [] };
  for (const name of unique) {
    try {
      const users = await docker.listContainers({ all: true, size: false, filters: { volume: [name] } });
      const mounting = users.filter((c) => (c.Mounts ?? []).some((m) => m.Type === 'volume' && m.Name === name));
      if (mounting.length > 0) {
        const who = mounting.map((c) => (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '')).sort();
        out.failed.push({ name, code: 'CONFLICT', message: `Now used by ${who.join(', ')}; it stays` });
        continue;
      }
      await volumeOf(docker, name).remove({ force: false });
      const size = sizes?.get(name);
      out.removed.push(size === undefined ? { name } : { name, size });
    } catch (e) {
      const be = toBerthError(e);
      out.failed.push({
        name,
        code: be.code,
        message: be.code === 'NOT_FOUND' ? 'The volume is already gone' : be.message,
      });
    }
  }
  return out;
}
