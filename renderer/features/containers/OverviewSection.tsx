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

/** Key/value pairs (labels, options) as a section of rows; `none` when there are none. */
export function PairsSection({
  title,
  pairs,
  none,
  wide,
}: {
  title: string;
  pairs: ReadonlyArray<readonly [string, string]>;
  none: string;
  wide?: boolean;
}) {
  return (
    <Section title={title} count={pairs.length} wide={wide}>
      {pairs.length === 0 ? (
        <p className="section-empty">{none}</p>
      ) : (
        <table className="mini" aria-label={title}>
          <tbody>
            {pairs.map(([k, v]) => (
              <tr key={k}>
                <td className="mono wrap kv-key">{k}</td>
                <td className="mono wrap">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
