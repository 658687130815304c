import { Search, X } from 'lucide-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useViewActivity } from '../lib/viewActivity';
import { useEngineStale } from '../stores/engineStatus';
import { formatCount } from '../presentation/format';

/**
 * Top bar of a page: title, count, filter box, extra controls and actions. Press "/" anywhere (outside
 * an input) to focus the filter box; Escape in the box clears it.
 *
 *   <PageHeader
 *     title="Images"
 *     count={images.length}               // or a string like "3 of 12"
 *     filter={{ value: q, onChange: setQ, placeholder: 'Filter images' }}   // aria-label defaults to "Filter images"
 *     controls={<SegmentedControl … />}    // between filter and actions
 *     actions={<button className="btn">Prune</button>}
 *   />
 */
export interface PageHeaderProps {
  title: string;
  count?: number | string;
  filter?: { value: string; onChange: (value: string) => void; placeholder?: string; label?: string };
  controls?: ReactNode;
  actions?: ReactNode;
  /** Shown left of the title, e.g. a back link. */
  leading?: ReactNode;
}

export function PageHeader({ title, count, filter, controls, actions, leading }: PageHeaderProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const hasFilter = filter !== undefined;
  const activity = useViewActivity();
  const stale = useEngineStale();

  useEffect(() => {
    if (!hasFilter) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || !activity.active) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [hasFilter, activity]);

  const label = filter?.label ?? `Filter ${title.toLowerCase()}`;
  return (
    <header className="page-header">
      <div className="page-title">
        {leading}
        <h1>{title}</h1>
        {count !== undefined && (
          <span className="page-count tabular" aria-label={`${count} ${title.toLowerCase()}`}>
            {typeof count === 'number' ? formatCount(count) : count}
          </span>
        )}
        {stale && <StaleTag />}
      </div>
      <div className="page-tools">
        {filter && (
          <div className="filter-box">
            <Search size={14} aria-hidden="true" className="filter-icon" />
            <input
              ref={inputRef}
              type="search"
              className="input filter-input"
              aria-label={label}
              placeholder={filter.placeholder ?? `${label}…`}
              value={filter.value}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => filter.onChange(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape' && filter.value) {
                  e.preventDefault();
                  filter.onChange('');
                }
              }}
            />
            {filter.value ? (
              <button
                type="button"
                className="filter-clear"
                aria-label="Clear filter"
                onClick={() => {
                  filter.onChange('');
                  inputRef.current?.focus();
                }}
              >
                <X size={13} aria-hidden="true" />
              </button>
            ) : (
              <kbd className="filter-kbd" aria-hidden="true">
                /
              </kbd>
            )}
          </div>
        )}
        {controls}
        {actions && <div className="page-actions">{actions}</div>}
      </div>
    </header>
  );
}

/** Says a page shows what the engine last reported: the engine is lost and Berth is reconnecting. */
export function StaleTag() {
  return (
    <span className="stale-tag" title="The engine connection was lost: this is what it last reported">
      Stale
    </span>
  );
}
