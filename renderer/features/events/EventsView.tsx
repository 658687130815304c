import { Download, Eraser, Pause, Play } from 'lucide-react';
import { useMemo, useState } from 'react';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { containerPath, navigate } from '../../lib/router';
import {
  actionName,
  distinctValues,
  EVENTS_CAP,
  eventActor,
  filterEvents,
  KNOWN_TYPES,
  NO_FILTER,
  sinceFromPreset,
  type EventEntry,
  type EventFilter,
} from '../../presentation/events';
import { formatCount } from '../../presentation/format';
import { EVENT_COLUMNS } from './eventColumns';
import { CUSTOM_SINCE, EventsToolbar } from './EventsToolbar';
import { exportEvents } from './exportEvents';
import { useEventFeed } from './useEventFeed';
import type { FeedSnapshot } from './feed';
import './events.css';

/**
 * Live engine events: filters (type, action, object, free text), pause/resume, clear, a replay "since"
 * a time, and export of what is shown as JSON lines. At most EVENTS_CAP events are kept.
 */

const COMMON_ACTIONS = ['create', 'start', 'stop', 'die', 'kill', 'destroy', 'pull', 'connect', 'disconnect'];

function rowLabel(e: EventEntry): string {
  const a = eventActor(e.ev);
  return `${e.ev.type} ${e.ev.action} ${a.name ?? e.ev.id.slice(0, 12)}`;
}

/** datetime-local → RFC 3339 (UTC), or undefined when empty or not a time. */
function customToSince(v: string): string | undefined {
  const ms = v ? new Date(v).getTime() : NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export function EventsView() {
  const [sincePreset, setSincePreset] = useState('');
  const [customSince, setCustomSince] = useState('');
  const [since, setSince] = useState<string | undefined>(undefined);
  const { feed, snap } = useEventFeed(since);
  const [filter, setFilter] = useState<EventFilter>(NO_FILTER);
  const shown = useMemo(() => filterEvents(snap.entries, filter), [snap.entries, filter]);
  const types = useMemo(() => distinctValues(snap.entries, (ev) => ev.type, KNOWN_TYPES), [snap.entries]);
  const actions = useMemo(
    () => distinctValues(snap.entries, (ev) => actionName(ev.action), COMMON_ACTIONS),
    [snap.entries],
  );
  const total = snap.entries.length;
  const count = shown.length === total ? total : `${formatCount(shown.length)} of ${formatCount(total)}`;

  const onPreset = (value: string): void => {
    setSincePreset(value);
    if (value === CUSTOM_SINCE) {
      const s = customToSince(customSince);
      if (s) setSince(s);
    } else setSince(sinceFromPreset(value));
  };
  const onCustom = (value: string): void => {
    setCustomSince(value);
    const s = customToSince(value);
    if (s) setSince(s);
  };

  return (
    <section className="ev-view" aria-label="Events">
      <PageHeader
        title="Events"
        count={count}
        filter={{ value: filter.text, onChange: (text) => setFilter({ ...filter, text }), label: 'Search events' }}
        actions={
          <>
            <FeedState snap={snap} />
            {snap.paused ? (
              <button type="button" className="btn" onClick={() => feed.resume()}>
                <Play size={14} aria-hidden="true" />
                Resume
              </button>
            ) : (
              <button type="button" className="btn" onClick={() => feed.pause()}>
                <Pause size={14} aria-hidden="true" />
                Pause
              </button>
            )}
            <button
              type="button"
              className="btn"
              disabled={total === 0 && snap.held === 0}
              onClick={() => feed.clear()}
            >
              <Eraser size={14} aria-hidden="true" />
              Clear
            </button>
            <button
              type="button"
              className="btn"
              disabled={shown.length === 0}
              title="Save the events shown as JSON lines"
              onClick={() => exportEvents(shown)}
            >
              <Download size={14} aria-hidden="true" />
              Export
            </button>
          </>
        }
      />
      <EventsToolbar
        filter={filter}
        onFilterChange={setFilter}
        types={types}
        actions={actions}
        sincePreset={sincePreset}
        onSincePresetChange={onPreset}
        customSince={customSince}
        onCustomSinceChange={onCustom}
      />
      <FeedNotes snap={snap} onResume={() => feed.resume()} />
      <div className="ev-table">
        <DataTable
          label="Events"
          data={shown}
          columns={EVENT_COLUMNS}
          getRowId={(e) => String(e.seq)}
          getRowLabel={rowLabel}
          defaultSorting={{ id: 'time', desc: true }}
          onOpen={(e) => {
            if (e.ev.type === 'container' && e.ev.id) navigate(containerPath(e.ev.id));
          }}
          loading={snap.state === 'connecting' && since !== undefined}
          emptyState={
            <EmptyState
              title="No events yet"
              hint="Events appear here as the engine reports them: start a container, pull an image…"
            />
          }
        />
      </div>
    </section>
  );
}

function FeedState({ snap }: { snap: FeedSnapshot }) {
  const text = snap.paused
    ? 'Paused'
    : snap.state === 'live'
      ? 'Live'
      : snap.state === 'failed'
        ? 'Stopped'
        : snap.state === 'reconnecting'
          ? 'Reconnecting…'
          : 'Connecting…';
  const tone = snap.paused
    ? 'warning'
    : snap.state === 'live'
      ? 'success'
      : snap.state === 'failed'
        ? 'danger'
        : 'neutral';
  return (
    <span className={`state-badge tone-${tone}`} role="status" aria-label={`Stream: ${text}`}>
      <span className="badge-dot" aria-hidden="true" />
      {text}
    </span>
  );
}

function FeedNotes({ snap, onResume }: { snap: FeedSnapshot; onResume: () => void }) {
  return (
    <>
      {snap.state === 'failed' && snap.error && (
        <div className="inline-error ev-banner" role="alert">
          {snap.error}
        </div>
      )}
      {snap.paused && (
        <div className="ev-banner ev-paused" role="status">
          {snap.held === 0
            ? 'Paused: new events will be held here until you resume.'
            : `Paused: ${formatCount(snap.held)} new ${snap.held === 1 ? 'event' : 'events'} not shown.`}
          {snap.held > 0 && (
            <button type="button" className="btn btn-sm" onClick={onResume}>
              Show them
            </button>
          )}
        </div>
      )}
      {snap.capped && (
        <div className="ev-banner ev-capped" role="note">
          Showing the last {formatCount(EVENTS_CAP)} events; older ones were dropped.
        </div>
      )}
    </>
  );
}
