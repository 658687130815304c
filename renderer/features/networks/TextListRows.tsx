import { Plus, X } from 'lucide-react';
import type { ReactNode } from 'react';
import type { FieldErrors } from '../../../shared/run-spec';
import { IconButton } from '../../components/IconButton';

/**
 * An editable list of one-line values (aliases, links) under a legend: one input per row labelled
 * "<Noun> N" with its error under it and a remove button, "Add <noun>", then a hint. Errors are
 * addressed `<field>.N` like the contract's; `<field>` alone is about the whole list.
 */
export function TextListRows({
  uid,
  legend,
  hint,
  noun,
  field,
  rows,
  errors,
  placeholder,
  onChange,
  onBlur,
}: {
  uid: string;
  /** The list's name ("Aliases"), also the group's accessible name. */
  legend: string;
  hint: ReactNode;
  noun: string;
  field: string;
  rows: readonly string[];
  errors: FieldErrors;
  placeholder: string;
  onChange: (rows: string[], field: string) => void;
  onBlur: () => void;
}) {
  const lower = noun.toLowerCase();
  const listErrorId = `${uid}-${field}-error`;
  const listError = errors[field];
  const remove = (i: number): void =>
    onChange(
      rows.filter((_, j) => j !== i),
      field,
    );
  const add = (): void => {
    onChange([...rows, ''], field);
    // Focus the new row once it is rendered.
    requestAnimationFrame(() => document.getElementById(`${uid}-${field}-${rows.length}`)?.focus());
  };
  return (
    <fieldset className="text-list">
      <legend className="path-field-label">{legend}</legend>
      {rows.map((value, i) => {
        const id = `${uid}-${field}-${i}`;
        const error = errors[`${field}.${i}`];
        return (
          <div key={i} className="text-list-row">
            <label htmlFor={id} className="sr-only">
              {noun} {i + 1}
            </label>
            <input
              id={id}
              className="input mono"
              value={value}
              placeholder={placeholder}
              spellCheck={false}
              aria-invalid={error || listError ? true : undefined}
              aria-describedby={error ? `${id}-error` : listError ? listErrorId : undefined}
              onChange={(e) =>
                onChange(
                  rows.map((r, j) => (j === i ? e.target.value : r)),
                  `${field}.${i}`,
                )
              }
              onBlur={onBlur}
            />
            <IconButton label={`Remove ${lower} ${i + 1}`} icon={X} size="sm" onClick={() => remove(i)} />
            {error && (
              <div id={`${id}-error`} className="field-error text-list-error">
                {error}
              </div>
            )}
          </div>
        );
      })}
      {listError && (
        <div id={listErrorId} className="field-error" role="alert">
          {listError}
        </div>
      )}
      <button type="button" className="btn btn-sm btn-ghost text-list-add" onClick={add}>
        <Plus size={13} aria-hidden="true" />
        Add {lower}
      </button>
      <p className="field-hint">{hint}</p>
    </fieldset>
  );
}
