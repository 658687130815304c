import { VolumeCreateInput } from '../../shared/contracts/volumes';
import { filled, keyValueErrors, shellQuote, type FieldErrors, type KeyValueRow } from '../../shared/run-spec';

/** The Create volume form: its state, the local driver's presets, checks before sending, and the engine's refusals. */

/** What backs a local volume: the driver's own folder, memory (tmpfs), or a folder of the engine's host. */
export type VolumeBacking = 'default' | 'tmpfs' | 'bind';

export interface VolumeForm {
  /** Blank: the engine generates one. */
  name: string;
  driver: string;
  /** Only for the local driver. */
  backing: VolumeBacking;
  /** tmpfs `size=` (e.g. 64m); blank: the kernel's default (half the memory). */
  tmpfsSize: string;
  /** bind: the folder on the engine's host. */
  bindPath: string;
  options: KeyValueRow[];
  labels: KeyValueRow[];
}

export const emptyVolumeForm = (): VolumeForm => ({
  name: '',
  driver: 'local',
  backing: 'default',
  tmpfsSize: '',
  bindPath: '',
  options: [],
  labels: [],
});

const TMPFS_SIZE = /^\d+[kmg%]?$/i;

/** The driver options a preset sets (`docker volume create --opt` equivalents). */
export function presetOptions(f: VolumeForm): Record<string, string> {
  if (f.driver !== 'local') return {};
  const size = f.tmpfsSize.trim();
  if (f.backing === 'tmpfs') return { type: 'tmpfs', device: 'tmpfs', ...(size ? { o: `size=${size}` } : {}) };
  if (f.backing === 'bind') return { type: 'none', o: 'bind', device: f.bindPath.trim() };
  return {};
}

const PRESET_LABEL: Record<VolumeBacking, string> = { default: '', tmpfs: 'tmpfs', bind: 'host folder' };

const toRecord = (rows: KeyValueRow[]): Record<string, string> =>
  Object.fromEntries(filled(rows).map((r) => [r.key.trim(), r.value]));

/** What `volumes.create` gets for this form. */
export function toCreateInput(f: VolumeForm): VolumeCreateInput {
  const name = f.name.trim();
  return {
    ...(name ? { name } : {}),
    driver: f.driver.trim() || 'local',
    driverOpts: { ...toRecord(f.options), ...presetOptions(f) },
    labels: toRecord(f.labels),
  };
}

/** `driverOpts`/`labels` issues of the contract's schema point at a record key: back to that row. */
function rowField(field: 'options' | 'labels', rows: KeyValueRow[], key: string, part: 'key' | 'value'): string {
  const i = rows.findIndex((r) => r.key.trim() === key);
  return i < 0 ? field : `${field}.${i}.${part}`;
}

/**
 * Field errors before sending: the contract's own schema (VolumeCreateInput), the key/value rows' rules,
 * and the presets' fields. Keys: name, driver, tmpfsSize, bindPath, options.N.key|value, labels.N.key|value.
 */
export function validateVolumeForm(f: VolumeForm): FieldErrors {
  const errors: FieldErrors = {};
  const set = (k: string, m: string): void => {
    errors[k] ??= m;
  };
  keyValueErrors(f.options, 'options', 'option', set);
  keyValueErrors(f.labels, 'labels', 'label', set);
  const preset = presetOptions(f);
  f.options.forEach((r, i) => {
    if (r.key.trim() in preset)
      set(`options.${i}.key`, `${r.key.trim()} is set by the ${PRESET_LABEL[f.backing]} preset`);
  });
  if (f.driver === 'local' && f.backing === 'tmpfs' && f.tmpfsSize.trim() && !TMPFS_SIZE.test(f.tmpfsSize.trim()))
    set('tmpfsSize', 'A size such as 64m, 1g or 50%');
  if (f.driver === 'local' && f.backing === 'bind') {
    const p = f.bindPath.trim();
    if (!p) set('bindPath', 'Choose the folder the volume shows');
    else if (!p.startsWith('/')) set('bindPath', 'An absolute path on the engine’s host, such as /srv/data');
  }
  const parsed = VolumeCreateInput.safeParse(toCreateInput(f));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, key] = issue.path.map(String);
      const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
      if (head === 'driverOpts' && key !== undefined) {
        if (key in preset) set(key === 'device' && f.backing === 'bind' ? 'bindPath' : 'tmpfsSize', message);
        else set(rowField('options', f.options, key, issue.code === 'invalid_key' ? 'key' : 'value'), message);
      } else if (head === 'labels' && key !== undefined) {
        set(rowField('labels', f.labels, key, issue.code === 'invalid_key' ? 'key' : 'value'), message);
      } else set(head === 'name' || head === 'driver' ? head : 'form', message);
    }
  }
  return errors;
}

/** Where a refused create is shown: a taken name at the name, anything else (the engine's words) at the form. */
export function createErrorFields(err: { code: string; message: string }): FieldErrors {
  return err.code === 'CONFLICT' ? { name: err.message } : { form: err.message };
}

/** The driver choices: the engine's (`system.info`), with local first and the current one kept. */
export function driverChoices(engine: readonly string[] | undefined, current: string): string[] {
  const all = new Set(['local', ...(engine ?? []), current].filter(Boolean));
  return [...all];
}

/** The `docker volume create` line that makes the same volume, for the dialog's footer. */
export function volumeCreateCommand(f: VolumeForm): string {
  const input = toCreateInput(f);
  const a = ['docker', 'volume', 'create'];
  if (input.driver !== 'local') a.push('--driver', shellQuote(input.driver));
  for (const [k, v] of Object.entries(input.driverOpts)) a.push('--opt', shellQuote(`${k}=${v}`));
  for (const [k, v] of Object.entries(input.labels)) a.push('--label', shellQuote(`${k}=${v}`));
  if (input.name) a.push(shellQuote(input.name));
  return a.join(' ');
}
