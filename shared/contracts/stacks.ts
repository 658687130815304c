import { z } from 'zod';
import { invoke, stream } from '../contract-kit';

/** Channels for compose projects (Stacks). Spread into shared/contract.ts; electron/handlers/stacks.ts. */

/** A compose project or service name as compose writes it into its labels. */
const ComposeName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'A compose project or service name: letters, digits, "_", "." and "-"');

export const StackAction = z.enum(['start', 'stop', 'restart', 'pause', 'unpause']);
export type StackAction = z.infer<typeof StackAction>;

const Entry = z.object({ id: z.string(), name: z.string() });

export const StackActionResult = z.object({
  done: z.array(Entry),
  /** Containers that needed nothing (e.g. start of a running one), with why. */
  skipped: z.array(Entry.extend({ reason: z.string() })),
  failed: z.array(Entry.extend({ code: z.string(), message: z.string() })),
});
export type StackActionResult = z.infer<typeof StackActionResult>;

export const stacksContract = {
  /**
   * Start, stop, restart, pause or unpause a project's (or one service's) containers through the Engine
   * API, found by their compose labels: works with no compose CLI. One-off `run` containers are left
   * alone. NOT_FOUND when the project (or service) has no containers.
   */
  'stacks.action': invoke(
    z.object({ project: ComposeName, service: ComposeName.optional(), action: StackAction }),
    StackActionResult,
  ),
} as const;

// ---------------------------------------------------------------------------------------------------
// Through the compose CLI (up, down, pull, build, scale, config): electron/engine/compose/.

/** An absolute host path (where Berth's main process runs). */
const HostPath = z.string().min(1).max(4096);

/** What `compose -f … -p … --env-file … --profile …` is run on: a new stack's files, or a project's labels. */
export const ComposeTarget = z.object({
  /** Compose files in order (`-f` each), absolute; later ones override earlier ones. */
  files: z.array(HostPath).min(1).max(32),
  /** `-p`; absent = the CLI's default (COMPOSE_PROJECT_NAME in .env, else the folder's name). */
  project: ComposeName.optional(),
  /** The folder compose runs in (`--project-directory`); absent = the first file's folder. */
  workingDir: HostPath.optional(),
  /** `--env-file`; absent = `.env` in the working dir, as the CLI does. */
  envFile: HostPath.optional(),
  /** `--profile` each. */
  profiles: z.array(ComposeName).max(32).default([]),
});
export type ComposeTarget = z.input<typeof ComposeTarget>;

/** How `up` gets images: v2's `--pull`; v1 has only "missing" and "always" (a `pull` before `up`). */
export const PullPolicy = z.enum(['missing', 'always', 'never']);
export type PullPolicy = z.infer<typeof PullPolicy>;

const Services = z.array(ComposeName).max(256).default([]);

export const ComposeOp = z.discriminatedUnion('op', [
  /** `up -d` (always detached: the stream is the CLI's output, the stack keeps running after it). */
  z.object({
    op: z.literal('up'),
    target: ComposeTarget,
    /** Only these services (and what they depend on); [] = all. */
    services: Services,
    build: z.boolean().default(false),
    pull: PullPolicy.default('missing'),
    forceRecreate: z.boolean().default(false),
    removeOrphans: z.boolean().default(false),
  }),
  /** `down`: containers and networks; named volumes with `volumes`; images with `rmi`. */
  z.object({
    op: z.literal('down'),
    target: ComposeTarget,
    volumes: z.boolean().default(false),
    removeOrphans: z.boolean().default(false),
    rmi: z.enum(['none', 'local', 'all']).default('none'),
  }),
  /**
   * `rm --stop --force [-v] -- services`: one service's containers (with `volumes`, their anonymous
   * volumes too). The project's networks and named volumes stay: compose's own per-service removal.
   */
  z.object({
    op: z.literal('remove'),
    target: ComposeTarget,
    services: z.array(ComposeName).min(1).max(256),
    volumes: z.boolean().default(false),
  }),
  z.object({ op: z.literal('pull'), target: ComposeTarget, services: Services }),
  z.object({ op: z.literal('build'), target: ComposeTarget, services: Services, noCache: z.boolean().default(false) }),
  /** `up -d --no-deps --scale service=N service` (v1 and v2 alike; v1's `scale` command is deprecated). */
  z.object({
    op: z.literal('scale'),
    target: ComposeTarget,
    service: ComposeName,
    replicas: z.number().int().min(0).max(100),
  }),
]);
export type ComposeOp = z.input<typeof ComposeOp>;

/** A service's failure as the CLI reported it ("ERROR: for web  Cannot start service web: …"). */
export const ServiceError = z.object({ service: z.string(), message: z.string() });
export type ServiceError = z.infer<typeof ServiceError>;

const LeftContainer = z.object({ id: z.string(), name: z.string(), service: z.string(), state: z.string() });

export const ComposeFrame = z.discriminatedUnion('kind', [
  /**
   * A CLI run begins (an op may run two: v1's pull-then-up); `argv` as a terminal would show it. `run`
   * names the op for `stacks.cancel` (the same in both starts of one op).
   */
  z.object({ kind: z.literal('start'), run: z.string(), argv: z.array(z.string()), cwd: z.string() }),
  /** Raw output, ANSI colours kept; chunks, not lines (a progress line may be redrawn with \r). */
  z.object({ kind: z.literal('output'), stream: z.enum(['stdout', 'stderr']), text: z.string() }),
  /**
   * The op ended. `code` is the CLI's exit status (null when killed); `cancelled` when the user stopped
   * it. `serviceErrors` are the failures the output names per service; `message` the CLI's own last
   * error (a YAML error with its line). After a failed or cancelled up, `project` is what the engine
   * then has of the project (which services run, which do not), so nothing is left unreported.
   */
  z.object({
    kind: z.literal('exit'),
    code: z.number().int().nullable(),
    cancelled: z.boolean(),
    message: z.string().optional(),
    serviceErrors: z.array(ServiceError),
    project: z.array(LeftContainer).optional(),
  }),
]);
export type ComposeFrame = z.infer<typeof ComposeFrame>;

export const ComposeCliInfo = z.object({
  /** A compose CLI answered `version`. */
  found: z.boolean(),
  /** `docker compose` (plugin) or a standalone binary; how it is shown: "docker compose" / "/usr/bin/docker-compose". */
  kind: z.enum(['plugin', 'standalone']).optional(),
  command: z.string().optional(),
  version: z.string().optional(),
  /** The path the user set (Settings); absent = found on PATH. */
  userPath: z.string().optional(),
  /** Why the user's path (or the search) found nothing. */
  error: z.string().optional(),
});
export type ComposeCliInfo = z.infer<typeof ComposeCliInfo>;

export const ComposeVariable = z.object({
  name: z.string(),
  /** `${NAME:-default}` / `${NAME-default}` default, as written in the file. */
  defaultValue: z.string().optional(),
  /** `${NAME:?message}` / `${NAME?message}`: the CLI refuses to run without it. */
  required: z.boolean(),
  /** The value compose will use and where it comes from; absent = unset (the default, or empty). */
  value: z.string().optional(),
  source: z.enum(['environment', 'env-file', 'unset']),
  /** Files (paths) that use it. */
  files: z.array(z.string()),
});
export type ComposeVariable = z.infer<typeof ComposeVariable>;

export const ComposeFiles = z.object({
  /** The project name the CLI will use with this target. */
  project: z.string(),
  workingDir: z.string(),
  /** Each file's text as on disk (read-only view), or why it could not be read. */
  files: z.array(z.object({ path: z.string(), text: z.string().optional(), error: z.string().optional() })),
  /** `config`'s resolved YAML, or the CLI's message (a YAML error with its line) when it failed / no CLI. */
  config: z.object({ text: z.string().optional(), error: z.string().optional() }),
  /** Services and profiles `config` resolved (empty when it failed). */
  services: z.array(z.string()),
  profiles: z.array(z.string()),
  variables: z.array(ComposeVariable),
});
export type ComposeFiles = z.infer<typeof ComposeFiles>;

/** What `down` would remove, read from the engine by the project's labels (and `config` for images). */
export const DownPreview = z.object({
  containers: z.array(LeftContainer),
  networks: z.array(z.string()),
  /** Named volumes of the project (removed only with `volumes`). */
  volumes: z.array(z.string()),
  /** Images `rmi` would remove (local: built ones without an `image:`; all: every service's). */
  images: z.array(z.string()),
});
export type DownPreview = z.infer<typeof DownPreview>;

export const stacksCliContract = {
  /** Which compose CLI Berth uses (detected once, again after `stacks.setCliPath`). */
  'stacks.cli': invoke(z.object({}), ComposeCliInfo),
  /** Sets (path) or clears (null) the compose CLI path; persisted in Berth's settings. The path is probed first. */
  'stacks.setCliPath': invoke(z.object({ path: HostPath.nullable() }), ComposeCliInfo),
  /**
   * Reads a target's files, its variables (values from the environment / env file) and `config`'s
   * resolved YAML: for the Up dialog's preview and a project's "Files" view. A missing file is
   * reported per file, not thrown.
   */
  'stacks.files': invoke(ComposeTarget, ComposeFiles),
  /** What `down` with these options would remove. */
  'stacks.downPreview': invoke(
    z.object({
      target: ComposeTarget,
      volumes: z.boolean().default(false),
      /** Orphans (containers of services no longer in the files) go only with `--remove-orphans`. */
      removeOrphans: z.boolean().default(false),
      rmi: z.enum(['none', 'local', 'all']).default('none'),
    }),
    DownPreview,
  ),
  /**
   * Runs one compose op through the CLI, pointed at Berth's engine (DOCKER_HOST set, no context),
   * arguments as an array. Frames: start, output (ANSI kept), exit. Unsubscribing cancels (SIGINT, then
   * SIGKILL after 5 s). NOT_FOUND with `details.reason: 'no-compose-cli'` when no compose CLI exists (the
   * message says how to install one);
   * INVALID_ARGUMENT for an op the CLI cannot do (e.g. pull policy "never" on v1).
   */
  'stacks.run': stream(ComposeOp, ComposeFrame),
  /**
   * Cancels a running `stacks.run` (its `start` frame's `run`) and keeps its stream open, so the `exit`
   * frame (`cancelled`, and what was left of the project) still arrives; unsubscribing cancels too but
   * drops every later frame. `cancelled: false` when that run is not (or no longer) running.
   */
  'stacks.cancel': invoke(z.object({ run: z.string().min(1).max(64) }), z.object({ cancelled: z.boolean() })),
} as const;
