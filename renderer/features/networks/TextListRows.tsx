import { Plus, X } from 'lucide-react';
import type { FieldErrors } from '../../../shared/run-spec';
import { IconButton } from '../../components/IconButton';

/**
 * An editable list of one-line values (aliases, links): one input per row labelled "<Noun> N", its error
 * under it, a remove button, and "Add <noun>". Errors are addressed `<field>.N` like the contract's.
 */
export function TextListRows({
  uid,
  label,
  noun,
  field,
  rows,
  errors,
  placeholder,
  onChange,
  onBlur,
}: {
  uid: string;
  /** The group's name ("Aliases"). */
  label: string;
  noun: string;
  field: string;
  rows: readonly string[];
  errors: FieldErrors;
  placeholder: string;
  onChange: (rows: string[], field: string) => void;
  onBlur: () => void;
}) {
  const lower = noun.toLowerCase();
  return (
    <div className="text-list" role="group" aria-label={label}>
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
              aria-invalid={error || errors[field] ? true : undefined}
              aria-describedby={error ? `${id}-error` : errors[field] ? `${uid}-${field}-error` : undefined}
              onChange={(e) =>
                onChange(
                  rows.map((r, j) => (j === i ? e.target.value : r)),
                  `${field}.${i}`,
                )
              }
              onBlur={onBlur}
            />
            <IconButton
              label={`Remove ${lower} ${i + 1}`}
              icon={X}
              size="sm"
              onClick={() =>
                onChange(
                  rows.filter((_, j) => j !== i),
                  field,
                )
              }
            />
            {error && (
              <div id={`${id}-error`} className="field-error text-list-error">
                {error}
              </div>
            )}
          </div>
        );
      })}
      {errors[field] && (
        <div id={`${uid}-${field}-error`} className="field-error" role="alert">
          {errors[field]}
        </div>
      )}
      <button
        type="button"
        className="btn btn-sm btn-ghost text-list-add"
        onClick={() => {
          onChange([...rows, ''], field);
          // Focus the new row once it is rendered.
          requestAnimationFrame(() => document.getElementById(`${uid}-${field}-${rows.length}`)?.focus());
        }}
      >
        <Plus size={13} aria-hidden="true" />
        Add {lower}
      </button>
    </div>
  );
}
