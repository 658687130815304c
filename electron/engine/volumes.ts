import type Dockerode from 'dockerode';
import type { VolumeCreateInput } from '../../shared/contracts/volumes';
import { BerthError } from '../../shared/errors';
import type { VolumeSummary } from '../../shared/models';
import { volumeOf } from './api-path';
import { toBerthError } from './errors';
import { toVolumeSummaries } from './mappers';

type VolumeInfo = Parameters<typeof toVolumeSummaries>[0][number];

async function inspectOrUndefined(docker: Dockerode, name: string): Promise<VolumeInfo | undefined> {
  try {
    return (await volumeOf(docker, name).inspect()) as VolumeInfo;
  } catch (e) {
    if (toBerthError(e).code === 'NOT_FOUND') return undefined;
    throw e;
  }
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
