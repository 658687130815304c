import type { FieldErrors } from '../../shared/run-spec';

/** Pure helpers of the Run dialog: which errors show where, and what to tell people. */

/** Field errors a `containers.create` failure carries (`details.fields`), or a form-level one. */
export function fieldErrorsOf(err: {
  code: string;
  message: string;
  details?: Record<string, unknown> | undefined;
}): FieldErrors {
  const fields = err.details?.fields;
  if (fields && typeof fields === 'object') {
    const out: FieldErrors = {};
    for (const [k, v] of Object.entries(fields as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
    if (Object.keys(out).length > 0) return out;
  }
  return { form: err.message };
}

/** Drops errors of a field (and its rows) once it was edited: `ports` also clears `ports.2`. */
export function clearFieldErrors(errors: FieldErrors, field: string): FieldErrors {
  const root = field.split('.')[0] ?? field;
  let changed = false;
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(errors)) {
    if (k === root || k === field || k.startsWith(`${root}.`)) changed = true;
    else out[k] = v;
  }
  return changed ? out : errors;
}

export type RunSection = 'general' | 'ports' | 'volumes' | 'network' | 'env' | 'resources' | 'labels' | 'options';

const SECTION_OF: Record<string, RunSection> = {
  image: 'general',
  name: 'general',
  command: 'general',
  entrypoint: 'general',
  workingDir: 'general',
  user: 'general',
  hostname: 'general',
  ports: 'ports',
  expose: 'ports',
  volumes: 'volumes',
  volumesFrom: 'volumes',
  network: 'network',
  aliases: 'network',
  env: 'env',
  memory: 'resources',
  memorySwap: 'resources',
  cpus: 'resources',
  cpuShares: 'resources',
  pidsLimit: 'resources',
  restart: 'resources',
  maxRetries: 'resources',
  labels: 'labels',
  autoRemove: 'options',
  capAdd: 'options',
  capDrop: 'options',
};

/** How many errors each section holds (for the section list's badges). */
export function errorsBySection(errors: FieldErrors): Partial<Record<RunSection, number>> {
  const out: Partial<Record<RunSection, number>> = {};
  for (const k of Object.keys(errors)) {
    const s = SECTION_OF[k.split('.')[0] ?? ''];
    if (s) out[s] = (out[s] ?? 0) + 1;
  }
  return out;
}

/** Exec form argv as people read it: `["sh", "-c", "echo hi"]`. */
export function formatArgv(argv: readonly string[]): string {
  return `[${argv.map((a) => JSON.stringify(a)).join(', ')}]`;
}
