import { useId, type ReactNode } from 'react';

/** A labelled form row (same look as PathField) with its error (announced) or hint under the control. */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: (props: {
    id: string;
    'aria-invalid': true | undefined;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}) {
  const id = useId();
  const noteId = `${id}-note`;
  return (
    <div className="path-field">
      <label htmlFor={id} className="path-field-label">
        {label}
      </label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error || hint ? noteId : undefined,
      })}
      {error ? (
        <div id={noteId} className="field-error" role="alert">
          {error}
        </div>
      ) : hint ? (
        <div id={noteId} className="field-hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}
