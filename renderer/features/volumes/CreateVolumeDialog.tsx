import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { BerthError } from '../../../shared/errors';
import type { FieldErrors } from '../../../shared/run-spec';
import type { VolumeSummary } from '../../../shared/models';
import { Dialog } from '../../components/Dialog';
import { PathField } from '../../components/PathField';
import { SegmentedControl } from '../../components/SegmentedControl';
import { Spinner } from '../../components/Spinner';
import { toast } from '../../components/Toasts';
import { api } from '../../api';
import { clearFieldErrors } from '../../presentation/run';
import {
  createErrorFields,
  driverChoices,
  emptyVolumeForm,
  presetOptions,
  toCreateInput,
  validateVolumeForm,
  volumeCreateCommand,
  type VolumeBacking,
  type VolumeForm,
} from '../../presentation/volumeCreate';
import { KeyValueRows } from './KeyValueRows';
import './volumes.css';

const BACKINGS: ReadonlyArray<{ value: VolumeBacking; label: string }> = [
  { value: 'default', label: 'Disk' },
  { value: 'tmpfs', label: 'tmpfs' },
  { value: 'bind', label: 'Host folder' },
];

const BACKING_HINT: Record<VolumeBacking, string> = {
  default: 'Stored in the engine’s own volumes folder.',
  tmpfs: 'Kept in memory: fast, and empty again each time the volume is mounted.',
  bind: 'Shows an existing folder of the engine’s host, like a bind mount with a name.',
};

/** `docker volume create`: name (or a generated one), driver, the local driver's presets, options and labels. */
export function CreateVolumeDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated?: (v: VolumeSummary) => void;
}) {
  const uid = useId();
  const boxRef = useRef<HTMLDivElement>(null);
  const drivers = useVolumeDrivers();
  const { form, update, shown, busy, submit } = useVolumeForm((v) => {
    onCreated?.(v);
    onClose();
  });
  const local = form.driver === 'local';
  const preset = presetOptions(form);
  const command = volumeCreateCommand(form);
  // After a refused Create, focus goes to the first field in error (once React has shown it).
  const send = (): void => {
    void submit().then(() =>
      requestAnimationFrame(() => boxRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()),
    );
  };

  return (
    <Dialog
      open
      title="Create volume"
      description="A named place for container data that outlives the containers using it."
      width={600}
      dismissable={!busy}
      onClose={onClose}
      footer={
        <>
          <code className="vc-command" title={command}>
            {command}
          </code>
          <button type="button" className="btn" disabled={busy} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={`${uid}-form`} className="btn btn-primary" disabled={busy}>
            {busy && <Spinner size={12} />}
            Create
          </button>
        </>
      }
    >
      <form
        id={`${uid}-form`}
        className="vc-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <div ref={boxRef} className="vc-body">
          <div className="vc-grid">
            <FormField
              id={`${uid}-name`}
              label="Name"
              error={shown.name}
              hint="Blank: the engine names it (64 hex characters)."
            >
              {(a) => (
                <input
                  {...a}
                  className="input mono"
                  value={form.name}
                  autoFocus
                  spellCheck={false}
                  autoComplete="off"
                  placeholder="Leave blank for a generated name"
                  onChange={(e) => update('name', e.target.value)}
                />
              )}
            </FormField>
            <FormField id={`${uid}-driver`} label="Driver" error={shown.driver}>
              {(a) => (
                <select
                  {...a}
                  className="select"
                  value={form.driver}
                  onChange={(e) => update('driver', e.target.value)}
                >
                  {driverChoices(drivers, form.driver).map((d) => (
                    <option key={d} value={d}>
                      {d}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          </div>

          {local && (
            <fieldset className="vc-section">
              <legend className="field-label">Storage</legend>
              <div className="vc-backing">
                <SegmentedControl
                  label="Storage"
                  value={form.backing}
                  options={BACKINGS}
                  onChange={(v) => update('backing', v)}
                />
                <span className="field-hint">{BACKING_HINT[form.backing]}</span>
              </div>
              {form.backing === 'tmpfs' && (
                <FormField
                  id={`${uid}-size`}
                  label="Size limit"
                  error={shown.tmpfsSize}
                  hint="e.g. 64m, 1g or 50% of memory; blank: the kernel’s default (half the memory)."
                >
                  {(a) => (
                    <input
                      {...a}
                      className="input mono vc-size"
                      value={form.tmpfsSize}
                      spellCheck={false}
                      placeholder="64m"
                      onChange={(e) => update('tmpfsSize', e.target.value)}
                    />
                  )}
                </FormField>
              )}
              {form.backing === 'bind' && (
                <PathField
                  id={`${uid}-bind`}
                  label="Host folder"
                  mode="directory"
                  value={form.bindPath}
                  error={shown.bindPath}
                  hint="A folder on the engine’s host; it must exist when a container mounts the volume."
                  placeholder="/srv/data"
                  onChange={(p) => update('bindPath', p)}
                />
              )}
            </fieldset>
          )}

          <Rows title="Driver options" hint={presetHint(preset)}>
            <KeyValueRows
              id={`${uid}-opt`}
              noun="Option"
              field="options"
              rows={form.options}
              errors={shown}
              keyPlaceholder={local ? 'type' : 'option'}
              onChange={(rows) => update('options', rows)}
            />
          </Rows>
          <Rows title="Labels">
            <KeyValueRows
              id={`${uid}-label`}
              noun="Label"
              field="labels"
              rows={form.labels}
              errors={shown}
              keyPlaceholder="com.example.team"
              onChange={(rows) => update('labels', rows)}
            />
          </Rows>

          {shown.form && (
            <div className="inline-error" role="alert">
              The engine refused the volume: {shown.form}
            </div>
          )}
        </div>
      </form>
    </Dialog>
  );
}

function presetHint(preset: Record<string, string>): string | undefined {
  const set = Object.entries(preset);
  if (set.length === 0) return undefined;
  return `Set by the storage choice: ${set.map(([k, v]) => `${k}=${v || '…'}`).join(', ')}`;
}

function Rows({ title, hint, children }: { title: string; hint?: string | undefined; children: ReactNode }) {
  return (
    <fieldset className="vc-section">
      <legend className="field-label">{title}</legend>
      {hint && <p className="field-hint mono vc-preset">{hint}</p>}
      {children}
    </fieldset>
  );
}

interface ControlAttrs {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** A label, its control (given the ids to wire) and its error, else its hint. */
function FormField({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (attrs: ControlAttrs) => ReactNode;
}) {
  const note = error ?? hint;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': note ? `${id}-note` : undefined })}
      {note && (
        <div id={`${id}-note`} className={error ? 'field-error' : 'field-hint'}>
          {note}
        </div>
      )}
    </div>
  );
}

/** The engine's volume drivers (local and any plugin's), once per dialog. */
function useVolumeDrivers(): string[] | undefined {
  const [drivers, setDrivers] = useState<string[] | undefined>();
  useEffect(() => {
    let live = true;
    api.invoke('system.info', {}).then(
      (info) => live && setDrivers(info.volumeDrivers),
      () => live && setDrivers(['local']),
    );
    return () => {
      live = false;
    };
  }, []);
  return drivers;
}

/**
 * The form's state: checks run on every change and show for the fields already edited (all of them
 * after a Create); the engine's refusal shows where it belongs until that field changes.
 */
function useVolumeForm(onCreated: (v: VolumeSummary) => void) {
  const [form, setForm] = useState<VolumeForm>(emptyVolumeForm);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [tried, setTried] = useState(false);
  const [refused, setRefused] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const errors = useMemo(() => validateVolumeForm(form), [form]);
  const shown = useMemo(() => {
    const own = Object.entries(errors).filter(([k]) => tried || touched.has(k.split('.')[0] ?? k));
    return { ...Object.fromEntries(own), ...refused } as FieldErrors;
  }, [errors, refused, touched, tried]);

  const update = <K extends keyof VolumeForm>(key: K, value: VolumeForm[K]): void => {
    setForm((f) => ({ ...f, [key]: value }));
    setTouched((t) => new Set(t).add(key));
    setRefused((r) => clearFieldErrors(clearFieldErrors(r, key), 'form'));
  };

  const submit = async (): Promise<void> => {
    setTried(true);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      const volume = await api.invoke('volumes.create', toCreateInput(form));
      toast.success(`Created volume ${volume.name}`);
      onCreated(volume);
    } catch (e) {
      setRefused(createErrorFields(e as BerthError));
      setBusy(false);
    }
  };
  return { form, update, shown, busy, submit };
}
