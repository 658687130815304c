import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import type { ComposeTargetArgs } from './args';
import { targetWorkingDir } from './args';

/**
 * Where a compose target runs and what it is called, by the CLI's own rules: the working dir, the
 * env file compose reads (`.env` there unless `--env-file`), and the default project name.
 */

export interface EnvFile {
  path: string;
  /** False when the file does not exist (normal for the implicit `.env`). */
  found: boolean;
  values: Record<string, string>;
  /** Why an existing (or explicitly given) file could not be read. */
  error?: string;
}

export async function readEnvFile(path: string, explicit: boolean): Promise<EnvFile> {
  try {
    const text = await readFile(path, 'utf8');
    return { path, found: true, values: parseDotenv(text.replace(/^\uFEFF/, '')) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) return { path, found: false, values: {} };
    const why = code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err);
    return { path, found: false, values: {}, error: `Cannot read env file ${path}: ${why}` };
  }
}

/**
 * A project name as the CLI normalizes it. v1 (compose/cli/command.py): lowercased, every character
 * but [-_a-z0-9] removed. v2 (compose-go NormalizeProjectName): the same, then leading "-" and "_"
 * trimmed. Empty → "default" (v1's fallback).
 */
export function normalizeProjectName(name: string, major: number): string {
  let n = name.toLowerCase().replace(/[^-_a-z0-9]/g, '');
  if (major >= 2) n = n.replace(/^[-_]+/, '');
  return n || 'default';
}

/**
 * The name compose gives the project: `-p`, else COMPOSE_PROJECT_NAME (the environment wins over the
 * env file, as in both CLIs), else the working dir's basename; normalized as above.
 */
export function defaultProjectName(opts: {
  project?: string | undefined;
  workingDir: string;
  env: NodeJS.ProcessEnv;
  envFile: Record<string, string>;
  major: number;
}): string {
  const chosen = opts.project || opts.env.COMPOSE_PROJECT_NAME || opts.envFile.COMPOSE_PROJECT_NAME;
  return normalizeProjectName(chosen || basename(resolve(opts.workingDir)), opts.major);
}

export interface ResolvedTarget {
  workingDir: string;
  envFile: EnvFile;
  project: string;
}

/** The working dir, env file and project name of `target` for a CLI of this major version. */
export async function resolveTarget(
  target: ComposeTargetArgs,
  env: NodeJS.ProcessEnv,
  major: number,
): Promise<ResolvedTarget> {
  const workingDir = targetWorkingDir(target);
  const envFile = await readEnvFile(target.envFile ?? join(workingDir, '.env'), target.envFile !== undefined);
  const project = defaultProjectName({ project: target.project, workingDir, env, envFile: envFile.values, major });
  return { workingDir, envFile, project };
}
