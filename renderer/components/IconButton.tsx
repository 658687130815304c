import type { LucideIcon } from 'lucide-react';
import type { ButtonHTMLAttributes } from 'react';

/**
 * Square icon-only button with an accessible name (aria-label) and a matching tooltip.
 *
 *   <IconButton label="Stop" icon={Square} onClick={stop} />
 *   <IconButton label="Remove" icon={Trash2} danger onClick={remove} disabled={busy} />
 */
export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children' | 'aria-label'> {
  label: string;
  icon: LucideIcon;
  /** Red hover: for destructive actions. */
  danger?: boolean;
  size?: 'sm' | 'md';
}

export function IconButton({ label, icon: Icon, danger, size = 'md', className, title, ...rest }: IconButtonProps) {
  const cls = ['icon-btn', size === 'sm' ? 'icon-btn-sm' : '', danger ? 'is-danger' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <button type="button" aria-label={label} title={title ?? label} className={cls} {...rest}>
      <Icon size={size === 'sm' ? 14 : 15} strokeWidth={1.9} aria-hidden="true" />
    </button>
  );
}
