import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

/** Right-click menu of a terminal: Copy / Paste / Select all / Clear (role=menu, arrow keys, Escape). */
export function TerminalContextMenu({
  x,
  y,
  canCopy,
  onClose,
  onCopy,
  onPaste,
  onSelectAll,
  onClear,
}: {
  x: number;
  y: number;
  canCopy: boolean;
  onClose: () => void;
  onCopy: () => void;
  onPaste: () => void;
  onSelectAll: () => void;
  onClear: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ left: x, top: y });
  const items: Array<{ label: string; shortcut?: string; run: () => void; disabled?: boolean }> = [
    { label: 'Copy', shortcut: 'Ctrl+Shift+C', run: onCopy, disabled: !canCopy },
    { label: 'Paste', shortcut: 'Ctrl+V', run: onPaste },
    { label: 'Select all', run: onSelectAll },
    { label: 'Clear', run: onClear },
  ];

  // Keep the menu inside the window.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPos({
      left: Math.max(4, Math.min(x, window.innerWidth - r.width - 4)),
      top: Math.max(4, Math.min(y, window.innerHeight - r.height - 4)),
    });
    el.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus();
  }, [x, y]);

  useEffect(() => {
    const onDown = (e: MouseEvent): void => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    const onBlur = (): void => onClose();
    window.addEventListener('mousedown', onDown, true);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('mousedown', onDown, true);
      window.removeEventListener('blur', onBlur);
    };
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = buttons[(i + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length];
      next?.focus();
    }
  };

  return (
    <div
      ref={ref}
      role="menu"
      aria-label="Terminal"
      className="term-menu"
      style={{ left: pos.left, top: pos.top }}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          className="term-menu-item"
          disabled={item.disabled}
          onClick={() => {
            item.run();
            onClose();
          }}
        >
          <span>{item.label}</span>
          {item.shortcut && <kbd>{item.shortcut}</kbd>}
        </button>
      ))}
    </div>
  );
}
