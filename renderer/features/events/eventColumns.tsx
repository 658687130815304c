import type { Column } from '../../components/DataTable';
import { containerPath, href } from '../../lib/router';
import {
  attributesText,
  eventActor,
  eventIsoTime,
  formatEventTime,
  otherAttributes,
  type EventEntry,
} from '../../presentation/events';
import { shortId } from '../../presentation/format';

/** The Events table's columns: time, type, action, actor (name, image, exit code, signal), attributes. */

function ActorCell({ entry }: { entry: EventEntry }) {
  const { ev } = entry;
  const actor = eventActor(ev);
  const label = actor.name ?? (actor.id ? shortId(actor.id) : '—');
  return (
    <span className="ev-actor">
      {ev.type === 'container' && actor.id ? (
        <a className="ev-actor-name" href={href(containerPath(actor.id))} title={`Open container ${label}`}>
          {label}
        </a>
      ) : (
        <span className="ev-actor-name" title={actor.id || undefined}>
          {label}
        </span>
      )}
      {actor.image && (
        <span className="ev-actor-image mono" title={`Image ${actor.image}`}>
          {actor.image}
        </span>
      )}
      {actor.exitCode !== undefined && (
        <span className={`badge tone-${actor.exitCode === '0' ? 'neutral' : 'danger'}`}>exit {actor.exitCode}</span>
      )}
      {actor.signal !== undefined && <span className="badge tone-warning">signal {actor.signal}</span>}
    </span>
  );
}

function AttributesCell({ entry }: { entry: EventEntry }) {
  const attrs = otherAttributes(entry.ev);
  if (attrs.length === 0) return <span className="cell-muted">—</span>;
  return (
    <span className="ev-attrs mono" title={attrs.map(([k, v]) => `${k}=${v}`).join('\n')}>
      {attrs.map(([k, v]) => (
        <span key={k} className="ev-attr">
          <span className="ev-attr-key">{k}</span>={v}
        </span>
      ))}
    </span>
  );
}

export const EVENT_COLUMNS: readonly Column<EventEntry>[] = [
  {
    id: 'time',
    header: 'Time',
    width: 110,
    cell: (e) => (
      <span className="mono tabular" title={eventIsoTime(e.ev.timeNano)}>
        {formatEventTime(e.ev.timeNano)}
      </span>
    ),
    sortValue: (e) => e.seq,
  },
  { id: 'type', header: 'Type', width: 90, cell: (e) => e.ev.type, sortValue: (e) => e.ev.type },
  {
    id: 'action',
    header: 'Action',
    width: 130,
    cell: (e) => (
      <span className="ev-action mono" title={e.ev.action}>
        {e.ev.action}
      </span>
    ),
    sortValue: (e) => e.ev.action,
  },
  {
    id: 'actor',
    header: 'Actor',
    width: '34%',
    cell: (e) => <ActorCell entry={e} />,
    sortValue: (e) => eventActor(e.ev).name ?? e.ev.id,
  },
  {
    id: 'attributes',
    header: 'Attributes',
    cell: (e) => <AttributesCell entry={e} />,
    filterText: (e) => attributesText(e.ev),
  },
];
