import type Dockerode from 'dockerode';
import { COMPOSE_LABELS, isOneOff } from '../../../shared/compose-labels';
import type { DownPreview } from '../../../shared/contracts/stacks';
import type { ComposeTargetArgs } from './args';
import type { ComposeCli } from './cli';
import { resolveConfig, type ResolvedConfig } from './config';
import { resolveTarget } from './target';
import { projectContainerEntry } from './project';

/**
 * What `down` would remove, read from the engine by the project's labels, the way compose decides:
 * - containers of the project's services, one-off `run` containers included (v1 and v2 remove them);
 *   containers of services no longer in the files (orphans) only with `removeOrphans`;
 * - the networks compose made for it (labelled; external ones never are);
 * - named volumes it made, only with `volumes` (external ones never);
 * - images with `rmi`: all = every service's image, local = the built images of services that have
 *   no `image:` (named <project>_<service> by v1, <project>-<service> by v2); only those that exist.
 * Without a resolved config (no CLI, or the files do not parse) every labelled object is listed.
 */

export interface DownPreviewOptions {
  project: string;
  volumes: boolean;
  removeOrphans: boolean;
  rmi: 'none' | 'local' | 'all';
  /** `config` of the target, when it resolved. */
  config?: ResolvedConfig | undefined;
  /** The CLI's major version (how it names built images). */
  major: number;
}

/** The name compose gives a service's image when it builds one without `image:`. */
export function builtImageName(project: string, service: string, major: number): string {
  return major >= 2 ? `${project}-${service}` : `${project}_${service}`;
}

/** Image names `down --rmi` would remove according to `config` (before checking they exist). */
export function rmiCandidates(opts: DownPreviewOptions): string[] {
  if (opts.rmi === 'none' || !opts.config) return [];
  const names = opts.config.model.services.flatMap((s) => {
    if (s.image) return opts.rmi === 'all' ? [s.image] : [];
    return s.build ? [builtImageName(opts.project, s.name, opts.major)] : [];
  });
  return [...new Set(names)];
}

const byName = (a: string, b: string): number => a.localeCompare(b);

async function existingImages(docker: Dockerode, names: string[]): Promise<string[]> {
  const found = await Promise.all(
    names.map(async (n) => {
      try {
        await docker.getImage(n).inspect();
        return n;
      } catch {
        return undefined;
      }
    }),
  );
  return found.filter((n): n is string => n !== undefined).sort(byName);
}

export async function downPreview(docker: Dockerode, opts: DownPreviewOptions): Promise<DownPreview> {
  const label = [`${COMPOSE_LABELS.project}=${opts.project}`];
  const model = opts.config?.text !== undefined ? opts.config.model : undefined;
  const services = model ? new Set(model.services.map((s) => s.name)) : undefined;
  const ownKeys = (list: Array<{ key: string; external: boolean }> | undefined): Set<string> | undefined =>
    list ? new Set(list.filter((x) => !x.external).map((x) => x.key)) : undefined;
  const networkKeys = ownKeys(model?.networks);
  const volumeKeys = ownKeys(model?.volumes);

  const [containers, networks, volumes, images] = await Promise.all([
    docker.listContainers({ all: true, filters: { label } }),
    docker.listNetworks({ filters: { label } }),
    opts.volumes ? docker.listVolumes({ filters: { label } }) : Promise.resolve({ Volumes: [] }),
    existingImages(docker, rmiCandidates(opts)),
  ]);

  return {
    containers: containers
      .filter((c) => {
        const service = c.Labels?.[COMPOSE_LABELS.service] ?? '';
        return opts.removeOrphans || !services || services.has(service) || (isOneOff(c.Labels) && !service);
      })
      .map(projectContainerEntry)
      .sort((a, b) => byName(a.name, b.name)),
    networks: networks
      .filter((n) => !networkKeys || networkKeys.has(n.Labels?.[COMPOSE_LABELS.network] ?? ''))
      .map((n) => n.Name)
      .sort(byName),
    volumes: (volumes.Volumes ?? [])
      .filter((v) => !volumeKeys || volumeKeys.has(v.Labels?.[COMPOSE_LABELS.volume] ?? ''))
      .map((v) => v.Name)
      .sort(byName),
    images,
  };
}

/** `downPreview` for a target: its project name and `config` resolved first (no CLI: labels only). */
export async function previewDownForTarget(
  docker: Dockerode,
  target: ComposeTargetArgs,
  opts: { cli?: ComposeCli | undefined; env: NodeJS.ProcessEnv; cliEnv: NodeJS.ProcessEnv } & Pick<
    DownPreviewOptions,
    'volumes' | 'removeOrphans' | 'rmi'
  >,
): Promise<DownPreview> {
  const major = opts.cli?.major ?? 1;
  const resolved = await resolveTarget(target, opts.env, major);
  const config = opts.cli
    ? await resolveConfig(opts.cli, target, { env: opts.cliEnv, cwd: resolved.workingDir })
    : undefined;
  return downPreview(docker, { ...opts, project: resolved.project, config, major });
}
