import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { ComposeCliInfo } from '../../../shared/contracts/stacks';
import { BerthError } from '../../../shared/errors';
import type { SettingsStore } from '../../settings/store';
import { detectComposeCli, probeComposeCli, type ComposeCli } from './cli';

/**
 * Which compose CLI Berth drives: detected once and cached, again when the user sets or clears a path
 * (kept in Berth's settings). A path the user set is the only candidate: when it stops working, that
 * is reported (`error`), never silently replaced by whatever is on PATH.
 */

export const CLI_PATH_SETTING = 'compose.cliPath';

interface Detected {
  cli?: ComposeCli;
  userPath?: string;
  error?: string;
}

export const NO_COMPOSE_CLI_MESSAGE =
  'No compose CLI found: up, down, pull, build and scale need one (start, stop, restart and pause work without). ' +
  'On Debian/Ubuntu: sudo apt install docker-compose. Elsewhere, install Docker’s compose plugin ' +
  '(https://docs.docker.com/compose/install/), or set the path of a compose binary in Settings.';

export class ComposeCliState {
  private detected: Promise<Detected> | undefined;

  constructor(
    private readonly settings: SettingsStore,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private async userPath(): Promise<string | undefined> {
    try {
      const v = await this.settings.get(CLI_PATH_SETTING);
      return typeof v === 'string' && v ? v : undefined;
    } catch {
      return undefined;
    }
  }

  private detect(): Promise<Detected> {
    this.detected ??= (async () => {
      const userPath = await this.userPath();
      if (userPath) {
        const r = await probeComposeCli(userPath, this.env);
        return r.cli ? { cli: r.cli, userPath } : { userPath, error: r.error ?? `${userPath} is not a compose CLI` };
      }
      const cli = await detectComposeCli(this.env);
      return cli ? { cli } : { error: NO_COMPOSE_CLI_MESSAGE };
    })();
    return this.detected;
  }

  /**
   * What the page shows. When the last search (no user path) found nothing, it searches again: a CLI
   * installed while Berth runs is then seen without a restart. A found CLI stays cached.
   */
  async info(): Promise<ComposeCliInfo> {
    const last = this.detected ? await this.detected : undefined;
    if (last && !last.cli && !last.userPath) this.detected = undefined;
    return toInfo(await this.detect(), this.env);
  }

  /** The CLI in use, or undefined (for what works without one, e.g. reading the files). */
  async current(): Promise<ComposeCli | undefined> {
    return (await this.detect()).cli;
  }

  /** The CLI to run, or NOT_FOUND with `details.reason: 'no-compose-cli'` and how to install one. */
  async require(): Promise<ComposeCli> {
    const d = await this.detect();
    if (d.cli) return d.cli;
    const message = d.userPath
      ? `${d.error ?? 'The compose CLI path does not work'}. ${NO_COMPOSE_CLI_MESSAGE}`
      : NO_COMPOSE_CLI_MESSAGE;
    throw new BerthError('NOT_FOUND', message, {
      reason: 'no-compose-cli',
      ...(d.userPath ? { path: d.userPath } : {}),
    });
  }

  /** Detects again at the next use (the settings file was reset as a whole, the path with it). */
  forget(): void {
    this.detected = undefined;
  }

  /**
   * Sets (probing it first) or clears the user's path. A path that is not a working compose CLI is not
   * saved: the reply is the CLI still in use, with `error` saying why the new path was refused.
   */
  async setPath(path: string | null): Promise<ComposeCliInfo> {
    if (path === null) {
      await this.settings.update(CLI_PATH_SETTING, undefined);
      this.detected = undefined;
      return this.info();
    }
    const r = await probeComposeCli(path, this.env);
    if (!r.cli) return { ...(await this.info()), error: r.error ?? `${path} is not a compose CLI` };
    await this.settings.update(CLI_PATH_SETTING, path);
    const detected: Detected = { cli: r.cli, userPath: path };
    this.detected = Promise.resolve(detected);
    return toInfo(detected, this.env);
  }
}

/** Where PATH finds `command` ("docker-compose" → "/usr/bin/docker-compose"), for showing which one runs. */
export function whichOnPath(command: string, env: NodeJS.ProcessEnv): string {
  if (isAbsolute(command) || command.includes('/')) return command;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const full = join(dir, command);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      /* next */
    }
  }
  return command;
}

function toInfo(d: Detected, env: NodeJS.ProcessEnv): ComposeCliInfo {
  const info: ComposeCliInfo = { found: Boolean(d.cli) };
  if (d.cli) {
    info.kind = d.cli.kind;
    // The plugin shows as "docker compose"; a standalone binary by its full path.
    info.command =
      d.cli.kind === 'plugin' ? [d.cli.command, ...d.cli.baseArgs].join(' ') : whichOnPath(d.cli.command, env);
    info.version = d.cli.version;
  }
  if (d.userPath) info.userPath = d.userPath;
  if (d.error) info.error = d.error;
  return info;
}
