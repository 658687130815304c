import { Plus, X } from 'lucide-react';
import type { ReactNode } from 'react';
import type { FieldErrors, KeyValueRow } from '../../shared/run-spec';
import { Field, FormSection } from './FormField';
import { IconButton } from './IconButton';

/**
 * Editable `key = value` rows (environment variables, labels, driver options). Each row's inputs are
 * named "<noun> <n> name" / "<noun> <n> value"; errors come from `errors` at `<field>.<i>.key` and
 * `<field>.<i>.value` (the field addresses of shared/run-spec.ts and shared/network-spec.ts).
 * `keyList` is the id of a <datalist> suggesting keys. With `add` (e.g. "Add label"), an add button follows
 * the rows, with `actions` (more buttons) beside it.
 */
export function KeyValueRows({
  uid,
  noun,
  field,
  rows,
  errors,
  onChange,
  onBlur,
  keyList,
  keyPlaceholder = 'NAME',
  valuePlaceholder = 'value',
  add,
  actions,
}: {
  uid: string;
  noun: string;
  field: string;
  rows: KeyValueRow[];
  errors: FieldErrors;
  onChange: (rows: KeyValueRow[], field: string) => void;
  onBlur: () => void;
  keyList?: string;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
  add?: string;
  actions?: ReactNode;
}) {
  const set = (i: number, row: KeyValueRow): void =>
    onChange(
      rows.map((r, j) => (j === i ? row : r)),
      `${field}.${i}`,
    );
  return (
    <>
      {rows.map((r, i) => (
        <div key={i} className="form-row">
          <Field
            id={`${uid}-${i}-key`}
            label={`${noun} ${i + 1} name`}
            hideLabel
            error={errors[`${field}.${i}.key`]}
            grow
          >
            <input
              className="input mono"
              value={r.key}
              list={keyList}
              placeholder={keyPlaceholder}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => set(i, { ...r, key: e.target.value })}
              onBlur={onBlur}
            />
          </Field>
          <span className="form-eq" aria-hidden="true">
            =
          </span>
          <Field
            id={`${uid}-${i}-value`}
            label={`${noun} ${i + 1} value`}
            hideLabel
            error={errors[`${field}.${i}.value`]}
            grow
          >
            <input
              className="input mono"
              value={r.value}
              placeholder={valuePlaceholder}
              spellCheck={false}
              onChange={(e) => set(i, { ...r, value: e.target.value })}
              onBlur={onBlur}
            />
          </Field>
          <IconButton
            label={`Remove ${noun.toLowerCase()} ${i + 1}`}
            icon={X}
            size="sm"
            onClick={() =>
              onChange(
                rows.filter((_, j) => j !== i),
                field,
              )
            }
          />
        </div>
      ))}
      {add && (
        <div className="form-actions">
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            onClick={() => onChange([...rows, { key: '', value: '' }], field)}
          >
            <Plus size={13} aria-hidden="true" />
            {add}
          </button>
          {actions}
        </div>
      )}
    </>
  );
}

/** The Labels section of a create dialog (Run, Create network, Create volume): `labels` rows, "Add label". */
export function LabelsSection({
  uid,
  rows,
  errors,
  onChange,
  onBlur,
}: {
  uid: string;
  rows: KeyValueRow[];
  errors: FieldErrors;
  onChange: (rows: KeyValueRow[], field: string) => void;
  onBlur: () => void;
}) {
  return (
    <FormSection id={`${uid}-labels`} title="Labels">
      <KeyValueRows
        uid={`${uid}-labels`}
        noun="Label"
        field="labels"
        rows={rows}
        errors={errors}
        keyPlaceholder="com.example.team"
        onChange={onChange}
        onBlur={onBlur}
        add="Add label"
      />
    </FormSection>
  );
}
