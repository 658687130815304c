import { Plus, X } from 'lucide-react';
import type { FieldErrors, KeyValueRow } from '../../../shared/run-spec';
import { IconButton } from '../../components/IconButton';

/**
 * Rows of `key = value` with an Add button, for driver options and labels. The Run dialog has its own
 * (renderer/features/run/RunDialog.tsx KeyValueEditor, not exported yet): fold the two together once
 * that one moves into a shared file. Errors by `<field>.<row>.key|value`.
 */
export function KeyValueRows({
  id,
  noun,
  field,
  rows,
  errors,
  keyPlaceholder,
  onChange,
}: {
  id: string;
  noun: string;
  field: string;
  rows: KeyValueRow[];
  errors: FieldErrors;
  keyPlaceholder: string;
  onChange: (rows: KeyValueRow[]) => void;
}) {
  const edit = (i: number, patch: Partial<KeyValueRow>): void =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="vc-rows">
      {rows.map((r, i) => {
        const message = errors[`${field}.${i}.key`] ?? errors[`${field}.${i}.value`];
        const errorId = `${id}-${i}-error`;
        const cell = (part: 'key' | 'value') => ({
          'aria-label': `${noun} ${i + 1} ${part === 'key' ? 'name' : 'value'}`,
          'aria-invalid': errors[`${field}.${i}.${part}`] ? true : undefined,
          'aria-describedby': errors[`${field}.${i}.${part}`] ? errorId : undefined,
          className: 'input mono',
          spellCheck: false,
          value: r[part],
        });
        return (
          <div key={i} className={`vc-row${message ? ' has-error' : ''}`}>
            <input {...cell('key')} placeholder={keyPlaceholder} onChange={(e) => edit(i, { key: e.target.value })} />
            <span className="vc-eq" aria-hidden="true">
              =
            </span>
            <input {...cell('value')} placeholder="value" onChange={(e) => edit(i, { value: e.target.value })} />
            <IconButton
              label={`Remove ${noun.toLowerCase()} ${i + 1}`}
              icon={X}
              size="sm"
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            />
            {message && (
              <div id={errorId} className="field-error vc-row-error">
                {message}
              </div>
            )}
          </div>
        );
      })}
      <button
        type="button"
        className="btn btn-sm btn-ghost vc-add"
        onClick={() => onChange([...rows, { key: '', value: '' }])}
      >
        <Plus size={13} aria-hidden="true" />
        Add {noun.toLowerCase()}
      </button>
    </div>
  );
}
