/**
 * The labels compose (v1 and v2) puts on every container it makes: how Berth knows a project without
 * any compose CLI. Shared by the engine layer (list filters, mappers) and the renderer (grouping).
 */
export const COMPOSE_LABELS = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  number: 'com.docker.compose.container-number',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  oneoff: 'com.docker.compose.oneoff',
  version: 'com.docker.compose.version',
  /** On the networks and volumes compose creates: their key in the file. */
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
} as const;

/** A `docker-compose run` container ("True" from v1 and v2), not one of a service's replicas. */
export function isOneOff(labels: Readonly<Record<string, string>> | undefined): boolean {
  return (labels?.[COMPOSE_LABELS.oneoff] ?? '').toLowerCase() === 'true';
}

/**
 * "a.yml,b.yml" → ["/dir/a.yml", "/dir/b.yml"]: compose joins the files with commas; v2 labels (and
 * `ls` prints) absolute paths, v1 (1.29) labels paths relative to the working dir.
 */
export function splitConfigFiles(label: string | undefined, workingDir = ''): string[] {
  const absolute = (f: string): boolean => f.startsWith('/') || /^[A-Za-z]:[\\/]/.test(f) || f.startsWith('\\\\');
  return (label ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => (absolute(f) || !workingDir ? f : `${workingDir.replace(/[\\/]+$/, '')}/${f}`));
}
