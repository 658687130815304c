import { Field } from '../../components/FormField';
import type { DraftField } from './useDraftField';

/** A labelled input bound to a draft setting: saved on Enter or blur, Escape restores the saved text. */
export function DraftInput({
  id,
  label,
  hint,
  field,
  saved,
  type = 'text',
  placeholder,
  wide,
}: {
  id: string;
  label: string;
  hint?: string;
  field: DraftField;
  saved: string;
  type?: 'text' | 'number';
  placeholder?: string;
  wide?: boolean;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={field.error} wide={wide}>
      <input
        className={`input${type === 'number' ? ' tabular' : ' mono'}`}
        type="text"
        inputMode={type === 'number' ? 'numeric' : undefined}
        spellCheck={false}
        placeholder={placeholder}
        value={field.text}
        aria-busy={field.saving || undefined}
        onChange={(e) => field.setText(e.target.value)}
        onBlur={() => void field.commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void field.commit();
          } else if (e.key === 'Escape' && (field.text !== saved || field.error)) {
            e.preventDefault();
            e.stopPropagation();
            field.revert();
          }
        }}
      />
    </Field>
  );
}
