import { Children, cloneElement, isValidElement, type ReactNode } from 'react';
import './form.css';

/**
 * The building blocks of a dense form dialog (Run, Create network, ...): titled sections, a labelled field
 * with its error or hint under it, and a checkbox row. Errors are wired for assistive technology: the
 * control gets aria-invalid and aria-describedby, so `getByLabel` finds it and its message can be read.
 */

export function FormSection({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="form-section" id={id} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="form-section-title">
        {title}
      </h3>
      {hint && <p className="form-section-hint">{hint}</p>}
      {children}
    </section>
  );
}

/** What Field sets on its control. */
interface ControlProps {
  id?: string;
  'aria-invalid'?: boolean | undefined;
  'aria-describedby'?: string | undefined;
}

/**
 * A labelled control with its error below it (`aria-describedby` + `aria-invalid` on the control).
 * The first child element is the control: it gets id, aria-invalid and aria-describedby.
 */
export function Field({
  id,
  label,
  error,
  hint,
  extra,
  wide,
  grow,
  hideLabel,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  extra?: ReactNode;
  wide?: boolean;
  grow?: boolean;
  hideLabel?: boolean;
  children: ReactNode;
}) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const described = [error ? errorId : '', hint && !error ? hintId : ''].filter(Boolean).join(' ') || undefined;
  const [control, ...rest] = Children.toArray(children);
  const enhanced = isValidElement<ControlProps>(control)
    ? cloneElement(control, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described })
    : control;
  return (
    <div className={`field${wide ? ' field-wide' : ''}${grow ? ' field-grow' : ''}${error ? ' has-error' : ''}`}>
      <div className={hideLabel ? 'sr-only' : 'field-head'}>
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        {extra}
      </div>
      {enhanced}
      {rest}
      {error ? (
        <div id={errorId} className="field-error">
          {error}
        </div>
      ) : hint ? (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}

export function Check({
  id,
  label,
  hint,
  checked,
  disabled,
  errorId,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  disabled?: boolean;
  /** The id of this checkbox's error message, shown elsewhere (e.g. under a row of checkboxes). */
  errorId?: string | undefined;
  onChange: (v: boolean) => void;
}) {
  return (
    <div className="check-row form-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id} className="check-label">
        {label}
      </label>
      {hint && <span className="check-hint">{hint}</span>}
    </div>
  );
}

/** The command line a form amounts to, read-only under the form (the Run dialog's `docker run …`). */
export function CommandPreview({
  id,
  label,
  command,
  rows = 2,
}: {
  id: string;
  label: string;
  command: string;
  rows?: number;
}) {
  return (
    <div className="form-preview">
      <label htmlFor={id} className="form-preview-label">
        {label}
      </label>
      <textarea id={id} className="form-preview-text mono" readOnly value={command} rows={rows} spellCheck={false} />
    </div>
  );
}
