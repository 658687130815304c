import type { PruneSpec } from './PruneDialog';
import type { PrunePreviewState } from './usePrunePreview';

/** The preview's candidates, each with a tick box (untick to keep) and the kind's columns. */
export function PruneTable<P, C, M extends string>({
  spec,
  nouns,
  state,
}: {
  spec: PruneSpec<P, C, M>;
  nouns: string;
  state: PrunePreviewState<P, C>;
}) {
  const { items, selected, busy, sizes, failed } = state;
  const count = items.filter((c) => selected.has(spec.id(c))).length;
  const allChecked = count === items.length && items.length > 0;
  const now = Date.now();
  const colClass = (align: 'num' | 'id' | undefined): string | undefined =>
    align === 'num' ? 'pr-col-num' : align === 'id' ? 'pr-col-id mono rv-muted' : undefined;

  return (
    <div className="pr-list-wrap">
      <table
        className="list-table pr-table"
        aria-label={`${nouns[0]?.toUpperCase()}${nouns.slice(1)} that will be deleted`}
      >
        <thead>
          <tr>
            <th className="pr-col-check">
              <input
                type="checkbox"
                aria-label={`Select all ${nouns}`}
                checked={allChecked}
                ref={(el) => {
                  if (el) el.indeterminate = count > 0 && !allChecked;
                }}
                disabled={busy}
                onChange={(e) => state.setAll(e.target.checked)}
              />
            </th>
            <th>{spec.noun[0]?.toUpperCase() + spec.noun.slice(1)}</th>
            {spec.columns.map((col) => (
              <th
                key={col.id}
                className={col.align === 'num' ? 'pr-col-num' : col.align === 'id' ? 'pr-col-id' : undefined}
              >
                {col.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((c) => {
            const id = spec.id(c);
            const label = spec.label(c);
            const failure = failed.find((f) => f.id === id);
            const note = spec.note?.(c);
            return (
              <tr key={id} className={selected.has(id) ? undefined : 'is-kept'}>
                <td className="pr-col-check">
                  <input
                    type="checkbox"
                    aria-label={`Delete ${label}`}
                    checked={selected.has(id)}
                    disabled={busy}
                    onChange={(e) => state.toggle(id, e.target.checked)}
                  />
                </td>
                <td className="pr-col-name">
                  <span className={`mono rv-ellipsis${spec.faint?.(c) ? ' rv-faint' : ''}`} title={label}>
                    {label}
                  </span>
                  {note && <span className="pr-row-note">{note}</span>}
                  {failure && <span className="pr-row-error">{failure.message}</span>}
                </td>
                {spec.columns.map((col) => (
                  <td key={col.id} className={colClass(col.align)}>
                    {col.cell(c, { now, sizes })}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
