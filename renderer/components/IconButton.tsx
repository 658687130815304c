import type { LucideIcon } from 'lucide-react';
import type { ButtonHTMLAttributes } from 'react';

/**
 * Square icon-only button with an accessible name (aria-label) and a matching tooltip.
 *
 *   <IconButton label="Stop" icon={Square} onClick={stop} />
 *   <IconButton label="Remove" icon={Trash2} danger onClick={remove} disabled={busy} />
 *   <IconButton label="Wrap lines" icon={WrapText} pressed={wrap} onClick={toggle} />   // a toggle
 */
export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children' | 'aria-label'> {
  label: string;
  icon: LucideIcon;
  /** Red hover: for destructive actions. */
  danger?: boolean;
  size?: 'sm' | 'md';
  /** A toggle: sets aria-pressed and shows the "on" look while true. */
  pressed?: boolean;
}

export function IconButton(props: IconButtonProps) {
  const { label, icon: Icon, danger, size = 'md', className, title, pressed, ...rest } = props;
  const cls = [
    'icon-btn',
    size === 'sm' ? 'icon-btn-sm' : '',
    danger ? 'is-danger' : '',
    pressed ? 'is-on' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <button type="button" aria-label={label} aria-pressed={pressed} title={title ?? label} className={cls} {...rest}>
      <Icon size={size === 'sm' ? 14 : 15} strokeWidth={1.9} aria-hidden="true" />
    </button>
  );
}
