import { useId, useState, type ReactNode } from 'react';
import { Dialog } from './Dialog';
import { Spinner } from './Spinner';

/**
 * Confirmation for destructive actions: names EXACTLY what goes, optional checkboxes, a danger-styled
 * confirm button; Cancel has the initial focus, Escape cancels, focus returns afterwards.
 *
 *   <ConfirmDialog
 *     open={pending !== null}
 *     title="Remove 2 volumes?"
 *     message="These volumes and all data in them will be deleted:"
 *     items={['pgdata', 'cache']}
 *     itemsLabel="Volumes to remove"
 *     options={[{ id: 'force', label: 'Force', hint: 'Remove even if in use' }]}
 *     confirmLabel="Remove 2 volumes"
 *     busy={running}
 *     error={err && <>The engine refused: {err.message}</>}   // shown in an alert inside the dialog
 *     extraActions={<button className="btn">Force remove</button>}  // e.g. after a CONFLICT
 *     onConfirm={(opts) => remove(opts.force === true)}
 *     onCancel={() => setPending(null)}
 *   />
 */
export interface ConfirmOption {
  id: string;
  label: string;
  hint?: string;
  defaultChecked?: boolean;
}

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message?: ReactNode;
  items?: readonly string[];
  itemsLabel?: string;
  options?: readonly ConfirmOption[];
  confirmLabel: string;
  cancelLabel?: string;
  /** Red confirm button (default true). */
  danger?: boolean;
  /** Confirm disabled (e.g. nothing left to remove); Cancel stays. */
  confirmDisabled?: boolean;
  busy?: boolean;
  error?: ReactNode;
  extraActions?: ReactNode;
  onConfirm: (options: Record<string, boolean>) => void;
  onCancel: () => void;
  onOptionsChange?: (options: Record<string, boolean>) => void;
  /** Shown after the options (e.g. the command the confirm runs). */
  children?: ReactNode;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  if (!props.open) return null;
  return <OpenConfirm {...props} />;
}

const MAX_LISTED = 200;

function OpenConfirm({
  title,
  message,
  items,
  itemsLabel,
  options = [],
  confirmLabel,
  cancelLabel = 'Cancel',
  danger = true,
  confirmDisabled = false,
  busy = false,
  error,
  extraActions,
  onConfirm,
  onCancel,
  onOptionsChange,
  children,
}: ConfirmDialogProps) {
  const uid = useId();
  const [values, setValues] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(options.map((o) => [o.id, o.defaultChecked ?? false])),
  );
  const listed = items?.slice(0, MAX_LISTED) ?? [];
  const more = (items?.length ?? 0) - listed.length;

  return (
    <Dialog
      open
      title={title}
      onClose={onCancel}
      dismissable={!busy}
      footer={
        <>
          {extraActions}
          <span className="dialog-footer-spacer" />
          <button type="button" className="btn" onClick={onCancel} disabled={busy} autoFocus>
            {cancelLabel}
          </button>
          <button
            type="button"
            className={danger ? 'btn btn-danger' : 'btn btn-primary'}
            onClick={() => onConfirm(values)}
            disabled={busy || confirmDisabled}
          >
            {busy && <Spinner size={12} />}
            {confirmLabel}
          </button>
        </>
      }
    >
      {message && <p className="confirm-message">{message}</p>}
      {listed.length > 0 && (
        <ul className="confirm-items" aria-label={itemsLabel ?? 'Items'}>
          {listed.map((name, i) => (
            <li key={`${name}-${i}`} className="mono">
              {name}
            </li>
          ))}
          {more > 0 && <li className="confirm-more">…and {more} more</li>}
        </ul>
      )}
      {options.length > 0 && (
        <div className="confirm-options">
          {options.map((o) => (
            <div key={o.id} className="check-row">
              <input
                id={`${uid}-${o.id}`}
                type="checkbox"
                checked={values[o.id] ?? false}
                disabled={busy}
                aria-describedby={o.hint ? `${uid}-${o.id}-hint` : undefined}
                onChange={(e) => {
                  const next = { ...values, [o.id]: e.target.checked };
                  setValues(next);
                  onOptionsChange?.(next);
                }}
              />
              <div>
                <label htmlFor={`${uid}-${o.id}`} className="check-label">
                  {o.label}
                </label>
                {o.hint && (
                  <div id={`${uid}-${o.id}-hint`} className="check-hint">
                    {o.hint}
                  </div>
                )}
              </div>
            </div>
          ))}
        </div>
      )}
      {children}
      {error && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
    </Dialog>
  );
}
