import { load as loadYaml } from 'js-yaml';
import { globalArgs, type ComposeTargetArgs } from './args';
import { runCompose, type ComposeCli } from './cli';
import { parseComposeOutput } from './output-errors';

/**
 * `config`: the resolved model of a target as the CLI merges and interpolates it, its services and
 * profiles, or the CLI's error (a YAML error with its line). The parts Berth reads from the YAML
 * (images, builds, networks, volumes) are picked out defensively: unknown shapes are ignored.
 */

export interface ResolvedService {
  name: string;
  /** `image:` as written (after interpolation). */
  image?: string;
  /** Has a `build:` section. */
  build: boolean;
}

export interface ResolvedConfig {
  /** The YAML `config` printed. */
  text?: string;
  /** Why `config` failed: the CLI's own message. */
  error?: string;
  services: string[];
  profiles: string[];
  model: {
    services: ResolvedService[];
    /** Keys of `networks:` (plus "default" when a service uses it), with `external` ones flagged. */
    networks: Array<{ key: string; external: boolean }>;
    volumes: Array<{ key: string; external: boolean }>;
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function entries(v: unknown): Array<[string, Obj]> {
  return isObj(v) ? Object.entries(v).map(([k, x]) => [k, isObj(x) ? x : {}]) : [];
}

/** The parts of `config`'s YAML Berth needs; an unreadable document gives an empty model. */
export function readConfigModel(text: string): ResolvedConfig['model'] {
  let doc: unknown;
  try {
    doc = loadYaml(text);
  } catch {
    return { services: [], networks: [], volumes: [] };
  }
  const root = isObj(doc) ? doc : {};
  const services = entries(root.services).map(([name, s]) => {
    const svc: ResolvedService = { name, build: s.build !== undefined };
    if (typeof s.image === 'string') svc.image = s.image;
    return svc;
  });
  const external = (x: Obj): boolean => Boolean(x.external);
  const networks = entries(root.networks).map(([key, n]) => ({ key, external: external(n) }));
  // A service without `networks:` (and not network_mode) joins the project's "default" network.
  const usesDefault = entries(root.services).some(
    ([, s]) =>
      s.network_mode === undefined &&
      (s.networks === undefined ||
        (Array.isArray(s.networks) ? s.networks.includes('default') : isObj(s.networks) && 'default' in s.networks)),
  );
  if (usesDefault && !networks.some((n) => n.key === 'default')) networks.push({ key: 'default', external: false });
  const volumes = entries(root.volumes).map(([key, v]) => ({ key, external: external(v) }));
  return { services, networks, volumes };
}

const lines = (out: string): string[] =>
  out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Runs `config`, `config --services` and `config --profiles` (in parallel) on the target. */
export async function resolveConfig(
  cli: ComposeCli,
  target: ComposeTargetArgs,
  opts: { env: NodeJS.ProcessEnv; cwd: string },
): Promise<ResolvedConfig> {
  const g = globalArgs(cli, target, 'never');
  const [full, services, profiles] = await Promise.all([
    runCompose(cli, [...g, 'config'], opts),
    runCompose(cli, [...g, 'config', '--services'], opts),
    runCompose(cli, [...g, 'config', '--profiles'], opts),
  ]);
  if (full.code !== 0) {
    const error =
      parseComposeOutput(full.stderr).message ?? (full.stderr.trim() || `config exited with ${String(full.code)}`);
    return { error, services: [], profiles: [], model: { services: [], networks: [], volumes: [] } };
  }
  return {
    text: full.stdout,
    services: services.code === 0 ? lines(services.stdout) : [],
    profiles: profiles.code === 0 ? lines(profiles.stdout) : [],
    model: readConfigModel(full.stdout),
  };
}
