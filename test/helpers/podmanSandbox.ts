import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A podman of a test's own, under `dir`: its containers.conf (no default ulimits: the sandbox refuses
 * setrlimit), its own vfs storage and run roots, so its locks are never the shared test service's.
 * Returns the environment podman needs, with XDG_RUNTIME_DIR = `${dir}/xdg`.
 */
export function podmanSandboxEnv(dir: string): NodeJS.ProcessEnv {
  for (const d of ['xdg', 'tmp', 'lib', 'storage', 'srun', 'volumes', 'networks'])
    mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(
    join(dir, 'containers.conf'),
    [
      '[containers]',
      '# The sandbox refuses setrlimit: no default ulimits.',
      'default_ulimits = []',
      '[engine]',
      'events_logger = "file"',
      `events_logfile_path = "${dir}/tmp/events.log"`,
      'cgroup_manager = "cgroupfs"',
      `tmp_dir = "${dir}/tmp"`,
      `volume_path = "${dir}/volumes"`,
      `static_dir = "${dir}/lib"`,
      '[network]',
      `network_config_dir = "${dir}/networks"`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'storage.conf'),
    `[storage]\ndriver = "vfs"\ngraphroot = "${dir}/storage"\nrunroot = "${dir}/srun"\n`,
  );
  return {
    XDG_RUNTIME_DIR: join(dir, 'xdg'),
    CONTAINERS_CONF: join(dir, 'containers.conf'),
    CONTAINERS_STORAGE_CONF: join(dir, 'storage.conf'),
  };
}

/** Live pids of `podman system service` processes whose command line names `host`. */
export function podmanServicePids(host: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (cmd.includes(host) && cmd.includes('service') && !/\) Z /.test(stat)) pids.push(Number(name));
    } catch {
      /* gone */
    }
  }
  return pids;
}
