import { open } from 'node:fs/promises';
import type { ComposeFiles } from '../../../shared/contracts/stacks';
import type { ComposeTargetArgs } from './args';
import type { ComposeCli } from './cli';
import { resolveConfig } from './config';
import { resolveTarget } from './target';
import { resolveVariables } from './variables';

/**
 * A target's files as on disk, its variables with the values compose will use, and `config`'s
 * resolved YAML: what the Up dialog previews and a project's Files view shows. A file that cannot be
 * read is reported on its own entry; no CLI (or a failing `config`) is reported in `config.error`.
 */

/** Compose files are small; a bigger one is refused rather than shipped to the page. */
export const FILE_CAP = 1024 * 1024;

export async function readComposeFile(path: string): Promise<{ path: string; text?: string; error?: string }> {
  let handle;
  try {
    handle = await open(path, 'r');
    const st = await handle.stat();
    if (!st.isFile()) return { path, error: 'Not a file' };
    if (st.size > FILE_CAP) return { path, error: `Larger than ${FILE_CAP / 1024 / 1024} MiB (${st.size} bytes)` };
    return { path, text: await handle.readFile('utf8') };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'No such file' : e.code === 'EACCES' ? 'Permission denied' : e.message;
    return { path, error: why };
  } finally {
    await handle?.close();
  }
}

export async function composeFiles(
  target: ComposeTargetArgs,
  opts: { cli?: ComposeCli; noCliMessage: string; env: NodeJS.ProcessEnv; cliEnv: NodeJS.ProcessEnv },
): Promise<ComposeFiles> {
  const resolved = await resolveTarget(target, opts.env, opts.cli?.major ?? 1);
  const [files, config] = await Promise.all([
    Promise.all(target.files.map(readComposeFile)),
    opts.cli
      ? resolveConfig(opts.cli, target, { env: opts.cliEnv, cwd: resolved.workingDir })
      : Promise.resolve(undefined),
  ]);
  const readable = files.flatMap((f) => (f.text !== undefined ? [{ path: f.path, text: f.text }] : []));
  const configPart: ComposeFiles['config'] = config
    ? { ...(config.text !== undefined ? { text: config.text } : {}), ...(config.error ? { error: config.error } : {}) }
    : { error: opts.noCliMessage };
  if (resolved.envFile.error && !configPart.text) configPart.error ??= resolved.envFile.error;
  return {
    project: resolved.project,
    workingDir: resolved.workingDir,
    files,
    config: configPart,
    services: config?.services ?? [],
    profiles: config?.profiles ?? [],
    variables: resolveVariables(readable, opts.env, resolved.envFile.values),
  };
}
