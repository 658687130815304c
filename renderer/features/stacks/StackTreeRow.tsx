import { Box, ChevronRight, LayoutGrid, Package } from 'lucide-react';
import { memo, type MouseEvent, type ReactNode } from 'react';
import { StateBadge } from '../../components/Badge';
import { baseName } from '../../presentation/compose';
import { formatPorts, plural } from '../../presentation/format';
import type { PortMapping } from '../../../shared/models';
import { containerTag, stateChips, treeRowLabel, type StackTreeRow } from '../../presentation/stackTree';
import type { StateCounts } from '../../presentation/stacks';
import { useContainersStore } from '../containers/store';

interface RowProps {
  domId: string;
  row: StackTreeRow;
  index: number;
  active: boolean;
  actions: ReactNode;
  onActivate(): void;
  onToggle(): void;
  onOpen(): void;
}

const isInteractive = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && el.closest('button, a, input, select, textarea') !== null;

/** One row of the Stacks tree: a project, a service or a container. */
export const StackTreeRowView = memo(function StackTreeRowView(props: RowProps) {
  const { domId, row, index, active, actions, onActivate, onToggle, onOpen } = props;
  const expandable = row.kind !== 'container';
  const onClick = (e: MouseEvent): void => {
    if (isInteractive(e.target)) return;
    onActivate();
  };
  return (
    <tr
      id={domId}
      aria-level={row.level}
      aria-expanded={expandable ? row.expanded : undefined}
      aria-rowindex={index + 2}
      aria-label={treeRowLabel(row)}
      aria-selected={active}
      className={`dt-row stack-row is-${row.kind}${active ? ' is-active' : ''}`}
      onClick={onClick}
      onDoubleClick={(e) => !isInteractive(e.target) && onOpen()}
    >
      <td>
        <NameCell row={row} onToggle={onToggle} />
      </td>
      <td>
        {row.kind === 'container' ? <StateBadge state={row.container.state} /> : <StateChips counts={countsOf(row)} />}
      </td>
      <td className="cell-muted">{sizeText(row)}</td>
      <td>
        <Ports ports={portsOf(row)} />
      </td>
      <td className="cell-muted">
        <DetailCell row={row} />
      </td>
      <td className="dt-actions">
        <div className="dt-actions-inner">{actions}</div>
      </td>
    </tr>
  );
});

function NameCell({ row, onToggle }: { row: StackTreeRow; onToggle(): void }) {
  const Icon = row.kind === 'project' ? LayoutGrid : row.kind === 'service' ? Package : Box;
  const name =
    row.kind === 'project' ? row.stack.project : row.kind === 'service' ? row.service.name : row.container.name;
  const tag = row.kind === 'container' ? containerTag(row.container, row.service) : undefined;
  return (
    <div className="cell-main stack-name" style={{ paddingLeft: (row.level - 1) * 20 }}>
      {row.kind !== 'container' ? (
        <button
          type="button"
          className={`stack-twisty${row.expanded ? ' is-open' : ''}`}
          aria-label={`${row.expanded ? 'Collapse' : 'Expand'} ${name}`}
          tabIndex={-1}
          onClick={onToggle}
        >
          <ChevronRight size={14} aria-hidden="true" />
        </button>
      ) : (
        <span className="stack-twisty-space" aria-hidden="true" />
      )}
      <Icon size={14} strokeWidth={1.8} aria-hidden="true" className={`stack-icon is-${row.kind}`} />
      <span className={`truncate${row.kind === 'project' ? ' stack-project-name' : ''}`}>{name}</span>
      {tag && <span className="stack-tag tabular">{tag}</span>}
    </div>
  );
}

function countsOf(row: StackTreeRow): StateCounts {
  return row.kind === 'project' ? row.stack.counts : row.kind === 'service' ? row.service.counts : {};
}

function StateChips({ counts }: { counts: StateCounts }) {
  const chips = stateChips(counts);
  return (
    <span className="stack-chips">
      {chips.map((c) => (
        <span key={c.state} className={`stack-chip is-${c.state}`} title={`${c.count} ${c.state}`}>
          <span className="badge-dot" aria-hidden="true" />
          <span className="tabular">{c.count}</span> {c.state}
        </span>
      ))}
    </span>
  );
}

function sizeText(row: StackTreeRow): string {
  if (row.kind === 'project') return plural(row.stack.services.length, 'service');
  if (row.kind === 'service') return plural(row.service.containers.length, 'container');
  return row.container.oneoff ? 'one-off run' : '';
}

function portsOf(row: StackTreeRow): PortMapping[] {
  if (row.kind === 'project') return row.stack.ports;
  if (row.kind === 'service') return row.service.containers.flatMap((c) => c.ports);
  return row.container.ports;
}

/** Published ports only, as "8080→80" links; unpublished ones say nothing useful at this level. */
function Ports({ ports }: { ports: PortMapping[] }) {
  const published = formatPorts(ports).filter((p) => p.published);
  if (published.length === 0) return <span className="cell-faint">—</span>;
  return (
    <span className="stack-ports truncate" title={published.map((p) => p.text).join(', ')}>
      {published.map((p) =>
        p.url ? (
          <a key={p.key} href={p.url} target="_blank" rel="noreferrer" className="mono">
            {p.short}
          </a>
        ) : (
          <span key={p.key} className="mono">
            {p.short}
          </span>
        ),
      )}
    </span>
  );
}

function DetailCell({ row }: { row: StackTreeRow }) {
  const firstId = row.kind === 'service' ? row.service.containers[0]?.id : undefined;
  const image = useContainersStore((s) => (firstId ? s.byId.get(firstId)?.image : undefined));
  if (row.kind === 'project') {
    return (
      <span className="mono truncate" title={[row.stack.workingDir, ...row.stack.configFiles].join('\n')}>
        {row.stack.workingDir || '—'}
        {row.stack.configFiles.length > 0 && (
          <span className="cell-faint"> · {row.stack.configFiles.map(baseName).join(', ')}</span>
        )}
      </span>
    );
  }
  if (row.kind === 'service') return <span className="mono truncate">{image ?? '—'}</span>;
  return <span className="truncate">{row.container.status}</span>;
}
