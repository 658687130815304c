import { Search, X } from 'lucide-react';
import { useRef } from 'react';

/** Compact search box for a panel toolbar (same look as the page header's filter). Escape clears it. */
export function FilterBox({
  value,
  onChange,
  label,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
}) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <div className="filter-box stats-filter">
      <Search size={14} aria-hidden="true" className="filter-icon" />
      <input
        ref={ref}
        type="search"
        className="input filter-input"
        aria-label={label}
        placeholder={`${label}…`}
        value={value}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && value) {
            e.preventDefault();
            onChange('');
          }
        }}
      />
      {value && (
        <button
          type="button"
          className="filter-clear"
          aria-label="Clear filter"
          onClick={() => {
            onChange('');
            ref.current?.focus();
          }}
        >
          <X size={13} aria-hidden="true" />
        </button>
      )}
    </div>
  );
}
