import { X } from 'lucide-react';
import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { Spinner } from './Spinner';

/**
 * Modal dialog on the native <dialog> element (showModal): role="dialog", aria-modal, focus trapped by
 * the browser, Escape calls onClose, focus returns to where it was when the dialog closes.
 * Render it only while open (or pass open={false}).
 *
 *   <Dialog open={open} title="Rename" onClose={close} footer={<><button …>Cancel</button><button …>Save</button></>}>
 *     <input autoFocus … />
 *   </Dialog>
 */
export interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** Short line under the title. */
  description?: ReactNode;
  width?: number;
  /** Block Escape/close while something runs. */
  dismissable?: boolean;
}

export function Dialog(props: DialogProps) {
  if (!props.open) return null;
  return <OpenDialog {...props} />;
}

function OpenDialog({ title, onClose, children, footer, description, width = 480, dismissable = true }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useLayoutEffect(() => {
    const dlg = ref.current;
    if (!dlg) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dlg.open) dlg.showModal();
    return () => {
      if (dlg.open) dlg.close();
      // Return focus to the control that opened the dialog (if it still exists).
      if (previous && previous.isConnected) previous.focus({ preventScroll: true });
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      style={{ width }}
      onCancel={(e) => {
        e.preventDefault();
        if (dismissable) closeRef.current();
      }}
      onMouseDown={(e) => {
        // A press on the backdrop (outside the dialog box) dismisses it.
        if (e.target === ref.current && dismissable) {
          const r = ref.current.getBoundingClientRect();
          const inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
          if (!inside) closeRef.current();
        }
      }}
    >
      <div className="dialog-head">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <button
          type="button"
          className="icon-btn icon-btn-sm"
          aria-label="Close"
          tabIndex={-1}
          onClick={() => dismissable && closeRef.current()}
        >
          <X size={14} aria-hidden="true" />
        </button>
      </div>
      {description && (
        <div id={descId} className="dialog-desc">
          {description}
        </div>
      )}
      <div className="dialog-body">{children}</div>
      {footer && <div className="dialog-footer">{footer}</div>}
    </dialog>
  );
}

/**
 * A form dialog's footer: Cancel, and the submit button of the form `form` (by id, as the footer sits
 * outside the dialog's body), with a spinner while `busy`.
 *
 *   <Dialog … footer={<SubmitFooter form={formId} label="Connect" busy={busy} onCancel={close} />}>
 */
export function SubmitFooter({
  form,
  label,
  busy,
  onCancel,
}: {
  form: string;
  label: string;
  busy: boolean;
  onCancel: () => void;
}) {
  return (
    <>
      <span className="dialog-footer-spacer" />
      <button type="button" className="btn" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
      <button type="submit" form={form} className="btn btn-primary" disabled={busy}>
        {busy && <Spinner size={12} />}
        {label}
      </button>
    </>
  );
}
