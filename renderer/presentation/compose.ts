import {
  ComposeTarget as ComposeTargetSchema,
  type ComposeCliInfo,
  type ComposeFrame,
  type ComposeOp,
  type ComposeTarget,
  type PullPolicy,
} from '../../shared/contracts/stacks';
import { shellQuote } from './format';
import type { Stack } from './stacks';

/**
 * Pure pieces of the compose dialogs: the Up form and its validation against the contract's schema,
 * the command line a terminal would run, and how a CLI run's end reads.
 */

export interface UpForm {
  files: string[];
  project: string;
  envFile: string;
  profiles: string[];
  build: boolean;
  pull: PullPolicy;
  forceRecreate: boolean;
  removeOrphans: boolean;
}

export const EMPTY_UP_FORM: UpForm = {
  files: [],
  project: '',
  envFile: '',
  profiles: [],
  build: false,
  pull: 'missing',
  forceRecreate: false,
  removeOrphans: false,
};

export type UpField = 'files' | 'project' | 'envFile' | 'profiles' | 'pull' | 'form';
export type UpErrors = Partial<Record<UpField, string>>;

export function toTarget(f: Pick<UpForm, 'files' | 'project' | 'envFile' | 'profiles'>): ComposeTarget {
  const t: ComposeTarget = { files: f.files, profiles: f.profiles };
  if (f.project.trim()) t.project = f.project.trim();
  if (f.envFile.trim()) t.envFile = f.envFile.trim();
  return t;
}

export function toUpOp(f: UpForm): Extract<ComposeOp, { op: 'up' }> {
  return {
    op: 'up',
    target: toTarget(f),
    services: [],
    build: f.build,
    pull: f.pull,
    forceRecreate: f.forceRecreate,
    removeOrphans: f.removeOrphans,
  };
}

/** The compose target of a running project, from its labels; undefined when no container names its files. */
export function targetOfStack(stack: Stack): ComposeTarget | undefined {
  if (stack.configFiles.length === 0) return undefined;
  const t: ComposeTarget = { files: stack.configFiles, project: stack.project, profiles: [] };
  if (stack.workingDir) t.workingDir = stack.workingDir;
  return t;
}

const FIELD_OF: Record<string, UpField> = {
  files: 'files',
  project: 'project',
  envFile: 'envFile',
  profiles: 'profiles',
  workingDir: 'form',
};

/** The contract's own checks of a target, each at its field (a path must be absolute: the CLI runs elsewhere). */
export function validateTarget(t: ComposeTarget): UpErrors {
  const errors: UpErrors = {};
  const set = (field: UpField, message: string): void => {
    errors[field] ??= message;
  };
  if (t.files.length === 0) set('files', 'Add at least one compose file');
  t.files.forEach((f) => {
    if (!isAbsolute(f)) set('files', `Not an absolute path: ${f}`);
  });
  if (t.envFile !== undefined && !isAbsolute(t.envFile)) set('envFile', 'An absolute path, such as /srv/app/.env');
  const parsed = ComposeTargetSchema.safeParse(t);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const head = String(issue.path[0] ?? '');
      set(FIELD_OF[head] ?? 'form', issue.message);
    }
  }
  return errors;
}

/**
 * Field errors from the server's INVALID_ARGUMENT (`details.issues`: "target.project: message"); any
 * other refusal is a form-level error with the server's words.
 */
export function targetErrorsOf(err: { code: string; message: string; details?: Record<string, unknown> }): UpErrors {
  const issues = err.details?.issues;
  if (err.code === 'INVALID_ARGUMENT' && Array.isArray(issues)) {
    const out: UpErrors = {};
    for (const raw of issues) {
      if (typeof raw !== 'string') continue;
      const m = /^([\w.]+): (.*)$/.exec(raw);
      const path = (m?.[1] ?? '').split('.').filter((p) => p !== 'target' && !/^\d+$/.test(p));
      const field = FIELD_OF[path[0] ?? ''] ?? (path[0] === 'pull' ? 'pull' : 'form');
      out[field] ??= m?.[2] ?? raw;
    }
    if (Object.keys(out).length > 0) return out;
  }
  return { form: err.message };
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/** v1 (docker-compose 1.x) has no `--pull` for `up`: "never" cannot be asked of it. */
export function isComposeV1(cli: ComposeCliInfo | undefined): boolean {
  return cli?.kind !== 'plugin' && (cli?.version ?? '').startsWith('1.');
}

/** "docker-compose 1.29.2 (/usr/bin/docker-compose)" / "docker compose 2.24.6". */
export function describeCli(cli: ComposeCliInfo): string {
  const name = cli.kind === 'plugin' ? 'docker compose' : 'docker-compose';
  const where = cli.kind === 'standalone' && cli.command ? ` (${cli.command})` : '';
  return `${name}${cli.version ? ` ${cli.version}` : ''}${where}`;
}

function baseArgv(cli: ComposeCliInfo | undefined, t: ComposeTarget): string[] {
  const head = cli?.kind === 'plugin' ? ['docker', 'compose'] : [cli?.command ?? 'docker-compose'];
  const args = [...head];
  for (const f of t.files) args.push('-f', f);
  if (t.project) args.push('-p', t.project);
  if (t.workingDir) args.push('--project-directory', t.workingDir);
  if (t.envFile) args.push('--env-file', t.envFile);
  for (const p of t.profiles ?? []) args.push('--profile', p);
  return args;
}

/** The command(s) a terminal would run for `op` (v1's "always" pull is a `pull` before `up`). */
export function composeCommandPreview(cli: ComposeCliInfo | undefined, op: ComposeOp): string {
  const base = baseArgv(cli, op.target);
  const line = (args: string[]): string => [...base, ...args].map(shellQuote).join(' ');
  const v1 = isComposeV1(cli);
  switch (op.op) {
    case 'up': {
      const args = ['up', '-d'];
      if (op.build) args.push('--build');
      if (!v1 && op.pull && op.pull !== 'missing') args.push('--pull', op.pull);
      if (op.forceRecreate) args.push('--force-recreate');
      if (op.removeOrphans) args.push('--remove-orphans');
      args.push(...(op.services ?? []));
      return v1 && op.pull === 'always' ? `${line(['pull', ...(op.services ?? [])])} && ${line(args)}` : line(args);
    }
    case 'down': {
      const args = ['down'];
      if (op.volumes) args.push('--volumes');
      if (op.removeOrphans) args.push('--remove-orphans');
      if (op.rmi && op.rmi !== 'none') args.push('--rmi', op.rmi);
      return line(args);
    }
    case 'remove':
      return line(['rm', '--stop', '--force', ...(op.volumes ? ['-v'] : []), ...op.services]);
    case 'pull':
      return line(['pull', ...(op.services ?? [])]);
    case 'build':
      return line(['build', ...(op.noCache ? ['--no-cache'] : []), ...(op.services ?? [])]);
    case 'scale':
      return line(['up', '-d', '--no-deps', '--scale', `${op.service}=${op.replicas}`, op.service]);
  }
}

/** What a run is, for its panel's title: "Up app", "Scale app/worker to 3". */
export function runTitle(op: ComposeOp, project: string): string {
  switch (op.op) {
    case 'up':
      return `Up ${project}`;
    case 'down':
      return `Down ${project}`;
    case 'remove':
      return `Remove ${project}/${op.services.join(', ')}`;
    case 'pull':
      return `Pull ${project}${op.services?.length ? `/${op.services.join(', ')}` : ''}`;
    case 'build':
      return `Build ${project}${op.services?.length ? `/${op.services.join(', ')}` : ''}`;
    case 'scale':
      return `Scale ${project}/${op.service} to ${op.replicas}`;
  }
}

export type ComposeExit = Extract<ComposeFrame, { kind: 'exit' }>;

/** The run's end in words: "Done", "Cancelled", "Failed (exit code 1)", "Killed". */
export function exitStatus(exit: ComposeExit): { text: string; ok: boolean } {
  if (exit.cancelled) return { text: 'Cancelled', ok: false };
  if (exit.code === 0) return { text: 'Done (exit code 0)', ok: true };
  if (exit.code === null) return { text: 'Killed before it finished', ok: false };
  return { text: `Failed (exit code ${exit.code})`, ok: false };
}

/**
 * The line a YAML error is at: compose's parser names where the construct began ("while parsing a
 * block mapping … line 2") and then where it broke ("… line 4, column 4"); the last one is the fault.
 */
export function yamlErrorLine(message: string | undefined): number | undefined {
  const all = [...(message ?? '').matchAll(/\bline (\d+)/gi)];
  const last = all[all.length - 1];
  return last ? Number(last[1]) : undefined;
}

/** The file name of a host path ("/srv/app/docker-compose.yml" → "docker-compose.yml"). */
export function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}
