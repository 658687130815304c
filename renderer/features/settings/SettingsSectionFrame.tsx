import type { ReactNode } from 'react';

/** One titled block of the Settings page (its id is the target of the page's section list). */
export function SettingsSectionFrame({
  id,
  title,
  hint,
  actions,
  children,
}: {
  id: string;
  title: string;
  hint?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="settings-section" id={id} aria-labelledby={`${id}-title`}>
      <header className="settings-section-head">
        <h2 id={`${id}-title`} className="settings-section-title">
          {title}
        </h2>
        <span className="settings-spacer" />
        {actions}
      </header>
      {hint && <p className="settings-section-hint">{hint}</p>}
      {children}
    </section>
  );
}
