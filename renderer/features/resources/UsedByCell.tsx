import type { UsedBy } from '../../../shared/models';
import { stateLabel, stateTone } from '../../presentation/format';
import { describeUsedBy, fitCount } from '../../presentation/resources';
import './resources.css';

/**
 * Containers using a resource, dense: a state dot + name (state spelled out for screen readers and in
 * the tooltip), an optional suffix (an IP address), then "+N" when they do not fit.
 */
export function UsedByCell({
  list,
  budgetChars = 30,
  detail,
  empty = '—',
}: {
  list: ReadonlyArray<UsedBy & { ipv4?: string }>;
  /** Roughly how many characters the cell holds; entries that do not fit become "+N". */
  budgetChars?: number;
  detail?: (c: UsedBy & { ipv4?: string }) => string | undefined;
  empty?: string;
}) {
  if (list.length === 0) return <span className="rv-faint">{empty}</span>;
  const head = list.slice(0, 8);
  const fit = fitCount(
    head.map((c) => c.name.length + (detail?.(c)?.length ?? -1) + 1),
    budgetChars,
  );
  const shown = list.slice(0, fit);
  const more = list.length - shown.length;
  // Tooltip: one line per container, capped (an image can be used by thousands).
  const lines = list.slice(0, 20).map((c) => {
    const d = detail?.(c);
    return `${c.name} (${c.state})${d ? ` ${d}` : ''}`;
  });
  if (list.length > 20) lines.push(`… and ${list.length - 20} more`);
  const title = lines.join('\n');
  return (
    <span className="rv-usedby" title={title || describeUsedBy(list)}>
      {shown.map((c) => {
        const d = detail?.(c);
        return (
          <span key={c.id} className="rv-usedby-item">
            <span className={`rv-dot tone-${stateTone(c.state)}`} aria-hidden="true" />
            <span className="rv-usedby-name">{c.name}</span>
            <span className="sr-only"> ({stateLabel(c.state).toLowerCase()})</span>
            {d && <span className="rv-usedby-detail mono">{d}</span>}
          </span>
        );
      })}
      {more > 0 && <span className="rv-more">+{more}</span>}
    </span>
  );
}
