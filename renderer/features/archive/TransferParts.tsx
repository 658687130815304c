import { useId, type ReactNode } from 'react';
import type { BerthError } from '../../../shared/errors';
import { Dialog, type DialogProps } from '../../components/Dialog';
import { TransferProgress } from './TransferProgress';

/**
 * Pieces every host transfer dialog shares (save, export, load, import; download, upload; volume
 * backup, restore, clone): the dialog that cancels on close, the footer, the progress / cancelled /
 * error section, and the "Replace the existing file" check.
 */

/** A Dialog whose close (Escape, ×) cancels the transfer first when it runs. */
export function CancelOnCloseDialog({
  running,
  onCancel,
  onClose,
  ...rest
}: Omit<DialogProps, 'open'> & { running: boolean; onCancel: () => void }) {
  return (
    <Dialog
      open
      {...rest}
      onClose={() => {
        if (running) onCancel();
        onClose();
      }}
    />
  );
}

/** Close, or `cancelLabel` while running; then the action (disabled while running or when `disabled`). */
export function TransferFooter({
  running,
  cancelLabel,
  submitLabel,
  onCancel,
  onClose,
  onSubmit,
  disabled = running,
  danger = false,
}: {
  running: boolean;
  cancelLabel: string;
  submitLabel: string;
  onCancel: () => void;
  onClose: () => void;
  onSubmit: () => void;
  disabled?: boolean | undefined;
  /** A destructive action (Replace): red, and not disabled. */
  danger?: boolean;
}) {
  return (
    <>
      <span className="dialog-footer-spacer" />
      {running ? (
        <button type="button" className="btn" onClick={onCancel}>
          {cancelLabel}
        </button>
      ) : (
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      )}
      <button
        type="button"
        className={danger ? 'btn btn-danger' : 'btn btn-primary'}
        onClick={onSubmit}
        disabled={danger ? undefined : disabled}
      >
        {submitLabel}
      </button>
    </>
  );
}

/** The part of a transfer's state the status section shows (useTransfer's and useUpload's fit). */
export type TransferStatusState =
  | { phase: 'running'; bytes: number; total: number | undefined; startedAt: number; estimate?: boolean }
  | { phase: 'error'; error: BerthError }
  | { phase: 'idle' | 'done' | 'cancelled' };

/**
 * While running, the labelled progress bar; once cancelled, `cancelled` (announced); on error, the
 * alert `errorText` gives (the engine's message by default; null shows none).
 */
export function TransferStatus({
  state,
  label,
  cancelled = 'Cancelled.',
  errorText = (e) => e.message,
}: {
  state: TransferStatusState;
  label: string;
  cancelled?: ReactNode;
  errorText?: (error: BerthError) => ReactNode;
}) {
  if (state.phase === 'running') {
    return (
      <TransferProgress
        label={label}
        bytes={state.bytes}
        total={state.total}
        estimate={state.estimate === true}
        startedAt={state.startedAt}
      />
    );
  }
  if (state.phase === 'cancelled') {
    return (
      <div className="ar-note" role="status">
        {cancelled}
      </div>
    );
  }
  if (state.phase === 'error') {
    const text = errorText(state.error);
    return text === null ? null : (
      <div className="inline-error" role="alert">
        {text}
      </div>
    );
  }
  return null;
}

/** The refusal of a write onto an existing file, pointing at the check below. */
export function existsText(path: string): string {
  return `${path.trim()} already exists. Tick “Replace the existing file” to overwrite it.`;
}

/** "Replace the existing file": shown once a write was refused because the file exists. */
export function ReplaceFileCheck({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="check-row">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id} className="check-label">
        Replace the existing file
      </label>
    </div>
  );
}
