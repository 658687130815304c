import type { KeyValueRow } from '../../../shared/run-spec';
import { Field, FormSection } from '../../components/FormField';
import { LabelsSection } from '../../components/KeyValueRows';
import { SegmentedControl } from '../../components/SegmentedControl';
import type { useFieldForm } from '../../components/useFieldForm';
import { driverChoices, type VolumeForm } from '../../presentation/volumeCreate';

export type RestoreInto = 'new' | 'existing';

const INTO: ReadonlyArray<{ value: RestoreInto; label: string }> = [
  { value: 'new', label: 'New volume' },
  { value: 'existing', label: 'Existing volume' },
];

/**
 * Where a restore goes: a new volume (name, driver and labels, as Create volume asks them) or an
 * existing one chosen from the list.
 */
export function RestoreTargetSection({
  uid,
  into,
  onInto,
  existing,
  onExisting,
  names,
  form,
  drivers,
  disabled,
}: {
  uid: string;
  into: RestoreInto;
  onInto: (v: RestoreInto) => void;
  existing: string;
  onExisting: (name: string) => void;
  names: readonly string[];
  form: ReturnType<typeof useFieldForm<VolumeForm>>;
  drivers: string[] | undefined;
  disabled: boolean;
}) {
  const { spec, update, touch, shownErrors: errors } = form;
  return (
    <FormSection id={`${uid}-target`} title="Restore into">
      <div className="vb-inline">
        <SegmentedControl label="Restore into" value={into} options={INTO} onChange={onInto} />
      </div>
      {into === 'existing' ? (
        <Field
          id={`${uid}-existing`}
          label="Volume"
          hint={names.length === 0 ? 'There is no volume yet: restore into a new one.' : undefined}
        >
          <select
            className="select mono"
            value={existing}
            disabled={disabled}
            onChange={(e) => onExisting(e.target.value)}
          >
            {existing === '' && <option value="">Choose a volume…</option>}
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
      ) : (
        <>
          <div className="form-grid vc-grid">
            <Field id={`${uid}-name`} label="Name" error={errors.name}>
              <input
                className="input mono"
                value={spec.name}
                spellCheck={false}
                autoComplete="off"
                disabled={disabled}
                placeholder="data"
                onChange={(e) => update('name', e.target.value)}
                onBlur={touch('name')}
              />
            </Field>
            <Field id={`${uid}-driver`} label="Driver" error={errors.driver}>
              <select
                className="select"
                value={spec.driver}
                disabled={disabled}
                onChange={(e) => update('driver', e.target.value)}
              >
                {driverChoices(drivers, spec.driver).map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <LabelsSection
            uid={uid}
            rows={spec.labels}
            errors={errors}
            onChange={(rows: KeyValueRow[], field: string) => update('labels', rows, field)}
            onBlur={touch('labels')}
          />
        </>
      )}
    </FormSection>
  );
}
