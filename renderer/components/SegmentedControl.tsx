/**
 * A labelled group of mutually exclusive options (radio semantics), e.g. a state filter.
 *
 *   <SegmentedControl label="State" value={state} onChange={setState}
 *     options={[{ value: 'all', label: 'All', count: 12 }, { value: 'running', label: 'Running' }]} />
 */
import { useRef, type KeyboardEvent } from 'react';

export interface SegmentOption<V extends string> {
  value: V;
  label: string;
  count?: number;
  /** Not selectable now; `title` says why. */
  disabled?: boolean;
  title?: string;
}

export function SegmentedControl<V extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: V;
  options: readonly SegmentOption<V>[];
  onChange: (value: V) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const enabled = options.filter((o) => !o.disabled);
    const i = enabled.findIndex((o) => o.value === value);
    const next = enabled[(i + (e.key === 'ArrowRight' ? 1 : enabled.length - 1)) % enabled.length];
    if (!next) return;
    onChange(next.value);
    requestAnimationFrame(() => ref.current?.querySelector<HTMLButtonElement>('[aria-checked="true"]')?.focus());
  };
  return (
    <div ref={ref} className="segmented" role="radiogroup" aria-label={label} onKeyDown={onKeyDown}>
      {options.map((o) => {
        const checked = o.value === value;
        return (
          <button
            key={o.value}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={checked ? 0 : -1}
            disabled={o.disabled}
            title={o.title}
            className={`segment${checked ? ' is-checked' : ''}`}
            onClick={() => onChange(o.value)}
          >
            {o.label}
            {o.count !== undefined && <span className="segment-count tabular">{o.count}</span>}
          </button>
        );
      })}
    </div>
  );
}
