import { useId, useRef } from 'react';
import type { VolumeSummary } from '../../../shared/models';
import { Dialog } from '../../components/Dialog';
import { Field, FormSection } from '../../components/FormField';
import { KeyValueRows, LabelsSection } from '../../components/KeyValueRows';
import { PathField } from '../../components/PathField';
import { SegmentedControl } from '../../components/SegmentedControl';
import { Spinner } from '../../components/Spinner';
import { driverChoices, presetOptions, volumeCreateCommand, type VolumeBacking } from '../../presentation/volumeCreate';
import { useVolumeForm } from './useVolumeForm';
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
  const bodyRef = useRef<HTMLFormElement>(null);
  const form = useVolumeForm(bodyRef, (v) => {
    onCreated?.(v);
    onClose();
  });
  const { spec, update, touch, shownErrors: errors, drivers, busy } = form;
  const local = spec.driver === 'local';
  const command = volumeCreateCommand(spec);

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
        ref={bodyRef}
        className="vc-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit();
        }}
      >
        <FormSection id={`${uid}-general`} title="General">
          <div className="form-grid vc-grid">
            <Field
              id={`${uid}-name`}
              label="Name"
              error={errors.name}
              hint="Blank: the engine names it (64 hex characters)."
            >
              <input
                className="input mono"
                value={spec.name}
                autoFocus
                spellCheck={false}
                autoComplete="off"
                placeholder="Leave blank for a generated name"
                onChange={(e) => update('name', e.target.value)}
                onBlur={touch('name')}
              />
            </Field>
            <Field id={`${uid}-driver`} label="Driver" error={errors.driver}>
              <select className="select" value={spec.driver} onChange={(e) => update('driver', e.target.value)}>
                {driverChoices(drivers, spec.driver).map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </FormSection>

        {local && (
          <FormSection id={`${uid}-storage`} title="Storage">
            <div className="vc-backing">
              <SegmentedControl
                label="Storage"
                value={spec.backing}
                options={BACKINGS}
                onChange={(v) => update('backing', v)}
              />
              <span className="field-hint">{BACKING_HINT[spec.backing]}</span>
            </div>
            {spec.backing === 'tmpfs' && (
              <Field
                id={`${uid}-size`}
                label="Size limit"
                error={errors.tmpfsSize}
                hint="e.g. 64m, 1g or 50% of memory; blank: the kernel’s default (half the memory)."
              >
                <input
                  className="input mono vc-size"
                  value={spec.tmpfsSize}
                  spellCheck={false}
                  placeholder="64m"
                  onChange={(e) => update('tmpfsSize', e.target.value)}
                  onBlur={touch('tmpfsSize')}
                />
              </Field>
            )}
            {spec.backing === 'bind' && (
              <PathField
                id={`${uid}-bind`}
                label="Host folder"
                mode="directory"
                value={spec.bindPath}
                error={errors.bindPath}
                hint="A folder on the engine’s host; it must exist when a container mounts the volume."
                placeholder="/srv/data"
                onChange={(p) => {
                  update('bindPath', p);
                  touch('bindPath')();
                }}
              />
            )}
          </FormSection>
        )}

        <FormSection id={`${uid}-options`} title="Driver options" hint={presetHint(presetOptions(spec))}>
          <KeyValueRows
            uid={`${uid}-opt`}
            noun="Option"
            field="options"
            rows={spec.options}
            errors={errors}
            keyPlaceholder={local ? 'type' : 'option'}
            onChange={(rows, field) => update('options', rows, field)}
            onBlur={touch('options')}
            add="Add option"
          />
        </FormSection>
        <LabelsSection
          uid={uid}
          rows={spec.labels}
          errors={errors}
          onChange={(rows, field) => update('labels', rows, field)}
          onBlur={touch('labels')}
        />

        {errors.form && (
          <div className="inline-error" role="alert">
            The engine refused the volume: {errors.form}
          </div>
        )}
      </form>
    </Dialog>
  );
}

function presetHint(preset: Record<string, string>): string | undefined {
  const set = Object.entries(preset);
  if (set.length === 0) return undefined;
  return `Set by the storage choice: ${set.map(([k, v]) => `${k}=${v || '…'}`).join(', ')}`;
}
