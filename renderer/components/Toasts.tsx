import { CircleAlert, CircleCheck, Info, X } from 'lucide-react';
import { useToastStore, type ToastItem } from '../stores/toasts';

/**
 * Renders the toast queue (mounted once by the app shell). Success/info toasts are role="status",
 * errors role="alert" and show the engine's message.
 *
 *   import { toast } from '../components/Toasts';
 *   toast.success('Removed 3 containers');
 *   toast.error('Could not stop web-1', err.message);
 *   toast.fromError('Could not stop web-1', err);
 */
export { toast, errorMessage } from '../stores/toasts';

export function Toaster() {
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  return (
    <div className="toaster" aria-label="Notifications">
      {toasts.map((t) => (
        <ToastView key={t.id} toast={t} onDismiss={() => dismiss(t.id)} />
      ))}
    </div>
  );
}

function ToastView({ toast, onDismiss }: { toast: ToastItem; onDismiss: () => void }) {
  const Icon = toast.kind === 'success' ? CircleCheck : toast.kind === 'error' ? CircleAlert : Info;
  const lines = toast.detail === undefined ? [] : typeof toast.detail === 'string' ? [toast.detail] : toast.detail;
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
      <Icon size={16} aria-hidden="true" className="toast-icon" />
      <div className="toast-text">
        <div className="toast-title">{toast.title}</div>
        {lines.length === 1 && <div className="toast-detail">{lines[0]}</div>}
        {lines.length > 1 && (
          <ul className="toast-detail toast-list">
            {lines.slice(0, 8).map((l, i) => (
              <li key={i}>{l}</li>
            ))}
            {lines.length > 8 && <li>…and {lines.length - 8} more</li>}
          </ul>
        )}
      </div>
      <button type="button" className="icon-btn icon-btn-sm toast-close" aria-label="Dismiss" onClick={onDismiss}>
        <X size={13} aria-hidden="true" />
      </button>
    </div>
  );
}
