import type { ReactNode } from 'react';
import type { BerthError } from '../../../shared/errors';
import { ConfirmDialog, type ConfirmOption } from '../../components/ConfirmDialog';
import type { RemovalControls, Removal } from './useRemoval';

/** What a resource page says in its removal dialog; computed from the pending removal. */
export interface RemovalText {
  title: string;
  message: ReactNode;
  /** Listed objects (several), or undefined when the message names the one object. */
  items?: string[];
  itemsLabel: string;
  confirmLabel: string;
  /** Checkboxes such as Force (their values reach `run` as `force`). */
  options?: readonly ConfirmOption[];
  /** After a refusal: what to do about it (e.g. "Disconnect the attached containers first."). */
  failureHint?: ReactNode;
  /** Force the next run without a checkbox (e.g. "Force remove" after a CONFLICT). */
  forceNext?: boolean;
}

export interface RemovalDialogProps<T, S> {
  controls: RemovalControls<T, S>;
  text: (removal: Removal<T, S>) => RemovalText;
  /** How a refused step is named in the error list. */
  failureLabel: (step: S) => string;
  failureKey: (step: S) => string;
}

/** The confirm dialog of a resource removal: exactly what goes, then the engine's reasons for what stayed. */
export function RemovalDialog<T, S>({ controls, text, failureLabel, failureKey }: RemovalDialogProps<T, S>) {
  const { removal } = controls;
  if (!removal) return null;
  const t = text(removal);
  const failed = removal.failures.length > 0;
  return (
    <ConfirmDialog
      open
      title={t.title}
      message={t.message}
      items={t.items}
      itemsLabel={t.itemsLabel}
      options={t.options}
      confirmLabel={failed && !t.forceNext ? 'Try again' : t.confirmLabel}
      busy={removal.busy}
      error={
        failed ? (
          <Refusals failures={removal.failures} label={failureLabel} keyOf={failureKey} hint={t.failureHint} />
        ) : undefined
      }
      onConfirm={(opts) => void controls.confirm(t.forceNext === true || opts.force === true)}
      onCancel={controls.cancel}
    />
  );
}

function Refusals<S>({
  failures,
  label,
  keyOf,
  hint,
}: {
  failures: Array<{ step: S; error: BerthError }>;
  label: (step: S) => string;
  keyOf: (step: S) => string;
  hint: ReactNode;
}) {
  return (
    <>
      <div>The engine refused:</div>
      <ul className="rv-errors">
        {failures.map((f) => (
          <li key={keyOf(f.step)}>
            <span className="mono">{label(f.step)}</span>: {f.error.message}
          </li>
        ))}
      </ul>
      {hint && <div className="rv-hint">{hint}</div>}
    </>
  );
}
