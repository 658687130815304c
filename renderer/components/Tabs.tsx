import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

/**
 * Tabs with tablist/tab/tabpanel roles and arrow-key navigation. Controlled: the parent keeps the
 * current tab (e.g. in the route).
 *
 *   <Tabs label="Container" value={tab} onChange={setTab}
 *     tabs={[{ value: 'overview', label: 'Overview' }, { value: 'inspect', label: 'Inspect' }]}>
 *     {tab === 'overview' ? <Overview/> : <Inspect/>}
 *   </Tabs>
 */
export interface TabDef<V extends string> {
  value: V;
  label: string;
}

export function Tabs<V extends string>({
  label,
  value,
  tabs,
  onChange,
  children,
  actions,
}: {
  label: string;
  value: V;
  tabs: readonly TabDef<V>[];
  onChange: (value: V) => void;
  children: ReactNode;
  /** Extra controls at the right end of the tab strip. */
  actions?: ReactNode;
}) {
  const base = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const i = tabs.findIndex((t) => t.value === value);
    let next: number | undefined;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next === undefined) return;
    e.preventDefault();
    const t = tabs[next];
    if (!t) return;
    onChange(t.value);
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLButtonElement>('[aria-selected="true"]')?.focus());
  };
  return (
    <div className="tabs">
      <div className="tabs-strip">
        <div ref={listRef} role="tablist" aria-label={label} className="tablist" onKeyDown={onKeyDown}>
          {tabs.map((t) => {
            const selected = t.value === value;
            return (
              <button
                key={t.value}
                id={`${base}-tab-${t.value}`}
                type="button"
                role="tab"
                aria-selected={selected}
                aria-controls={`${base}-panel`}
                tabIndex={selected ? 0 : -1}
                className={`tab${selected ? ' is-selected' : ''}`}
                onClick={() => onChange(t.value)}
              >
                {t.label}
              </button>
            );
          })}
        </div>
        {actions && <div className="tabs-actions">{actions}</div>}
      </div>
      <div
        id={`${base}-panel`}
        role="tabpanel"
        aria-labelledby={`${base}-tab-${value}`}
        className="tabpanel"
        tabIndex={-1}
      >
        {children}
      </div>
    </div>
  );
}
