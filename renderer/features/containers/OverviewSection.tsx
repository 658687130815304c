import type { ReactNode } from 'react';

/**
 * The titled sections and key/value rows of a detail page's overview (a container's Overview tab, a
 * network's page): `.ov-section` / `.kv-row` in containers.css.
 */
export function Section({
  title,
  count,
  aside,
  wide,
  children,
}: {
  title: string;
  count?: number;
  aside?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}) {
  const id = `sec-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className={`ov-section${wide ? ' is-wide' : ''}`} aria-labelledby={id}>
      <div className="ov-head">
        <h2 id={id}>{title}</h2>
        {count !== undefined && <span className="page-count tabular">{count}</span>}
        {aside && <span className="ov-aside">{aside}</span>}
      </div>
      {children}
    </section>
  );
}

export function Row({ k, children }: { k: string; children: ReactNode }) {
  return (
    <div className="kv-row">
      <dt>{k}</dt>
      <dd>{children}</dd>
    </div>
  );
}
