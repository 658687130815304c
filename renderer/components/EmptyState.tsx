import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

/**
 * Centered message for empty lists and missing things.
 *
 *   <EmptyState icon={Box} title="No containers" hint="Run one with docker run …" action={<button …/>} />
 */
export function EmptyState({
  icon: Icon,
  title,
  hint,
  action,
}: {
  icon?: LucideIcon;
  title: string;
  hint?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty-state">
      {Icon && <Icon size={28} strokeWidth={1.5} aria-hidden="true" className="empty-state-icon" />}
      <div className="empty-state-title">{title}</div>
      {hint && <div className="empty-state-hint">{hint}</div>}
      {action && <div className="empty-state-action">{action}</div>}
    </div>
  );
}
