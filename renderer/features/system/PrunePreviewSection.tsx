import { useMemo } from 'react';
import type { PruneItem, SystemPrunePreview } from '../../../shared/contracts/system';
import { formatBytes, plural } from '../../presentation/format';
import { formatReclaim, groupPreview, PRUNE_KIND_NAMES, pruneKey, type PruneGroup } from '../../presentation/system';

const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

/**
 * Every object the prune would remove, grouped by kind, each with what it frees and a checkbox
 * (untick to keep); a group's checkbox ticks or unticks the whole kind.
 */
export function PrunePreviewSection({
  preview,
  selected,
  onTick,
}: {
  preview: SystemPrunePreview;
  selected: ReadonlySet<string>;
  onTick: (keys: readonly string[], on: boolean) => void;
}) {
  const groups = useMemo(() => groupPreview(preview.items, selected), [preview.items, selected]);
  const allKeys = useMemo(() => preview.items.map(pruneKey), [preview.items]);
  if (preview.items.length === 0) {
    return (
      <div className="sy-empty" role="status">
        Nothing to prune: no object of the chosen kinds is unused.
      </div>
    );
  }
  return (
    <div className="sy-preview">
      <div className="sy-preview-bar">
        <span className="sy-preview-title">
          {plural(preview.items.length, 'object')} would go. Untick what you want to keep.
        </span>
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => onTick(allKeys, true)}>
          Select all
        </button>
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => onTick(allKeys, false)}>
          Select none
        </button>
      </div>
      <div className="sy-preview-list">
        <table className="list-table sy-preview-table" aria-label="Objects that will be deleted">
          <colgroup>
            <col className="sy-col-check" />
            <col />
            <col className="sy-col-id" />
            <col className="sy-col-frees" />
          </colgroup>
          {groups.map((g) => (
            <PreviewGroup key={g.kind} group={g} selected={selected} onTick={onTick} />
          ))}
        </table>
      </div>
    </div>
  );
}

function PreviewGroup({
  group: g,
  selected,
  onTick,
}: {
  group: PruneGroup;
  selected: ReadonlySet<string>;
  onTick: (keys: readonly string[], on: boolean) => void;
}) {
  const keys = g.items.map(pruneKey);
  const all = g.selected === g.items.length;
  const frees = g.unknown > 0 ? `${formatBytes(g.reclaim)} + ${g.unknown} unknown` : formatBytes(g.reclaim);
  return (
    <tbody aria-label={g.title}>
      <tr className="sy-group-row">
        <th className="sy-col-check" scope="col">
          <input
            type="checkbox"
            aria-label={`Select all ${g.title.toLowerCase()}`}
            checked={all}
            ref={(el) => {
              if (el) el.indeterminate = g.selected > 0 && !all;
            }}
            onChange={(e) => onTick(keys, e.target.checked)}
          />
        </th>
        <th scope="col" colSpan={2} className="sy-group-title">
          {g.title}
          <span className="sy-group-count tabular">
            {g.selected} of {g.items.length}
          </span>
        </th>
        <th scope="col" className="sy-num tabular sy-group-frees">
          {frees}
        </th>
      </tr>
      {g.items.map((i) => (
        <PreviewRow key={pruneKey(i)} item={i} ticked={selected.has(pruneKey(i))} onTick={onTick} />
      ))}
    </tbody>
  );
}

function PreviewRow({
  item: i,
  ticked,
  onTick,
}: {
  item: PruneItem;
  ticked: boolean;
  onTick: (keys: readonly string[], on: boolean) => void;
}) {
  const what = `${PRUNE_KIND_NAMES[i.kind].one} ${i.label}`;
  return (
    <tr className={ticked ? undefined : 'is-kept'} aria-label={what}>
      <td className="sy-col-check">
        <input
          type="checkbox"
          aria-label={`Delete ${what}`}
          checked={ticked}
          onChange={(e) => onTick([pruneKey(i)], e.target.checked)}
        />
      </td>
      <td className="sy-col-label">
        <span className="mono sy-ellipsis" title={i.label}>
          {i.label}
        </span>
      </td>
      <td className="sy-col-id mono" title={i.id}>
        {i.kind === 'volume' ? '' : shortId(i.id)}
      </td>
      <td className={`sy-num tabular${i.sizeUnknown ? ' cell-faint' : ''}`}>{formatReclaim(i)}</td>
    </tr>
  );
}
