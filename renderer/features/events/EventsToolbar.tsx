import { useId } from 'react';
import { ENGINE_EVENT_HISTORY, SINCE_PRESETS, type EventFilter } from '../../presentation/events';

/** The Events view's filter row: type, action, object, and where the stream starts ("Since"). */

export const CUSTOM_SINCE = 'custom';

export interface EventsToolbarProps {
  filter: EventFilter;
  onFilterChange: (f: EventFilter) => void;
  types: readonly string[];
  actions: readonly string[];
  /** A preset value, '' (live only) or CUSTOM_SINCE. */
  sincePreset: string;
  onSincePresetChange: (value: string) => void;
  /** The custom start as a datetime-local value. */
  customSince: string;
  onCustomSinceChange: (value: string) => void;
}

export function EventsToolbar(props: EventsToolbarProps) {
  const { filter, onFilterChange } = props;
  const noteId = useId();
  const set = (patch: Partial<EventFilter>): void => onFilterChange({ ...filter, ...patch });
  return (
    <div className="ev-toolbar" role="toolbar" aria-label="Event filters">
      <select className="select" aria-label="Type" value={filter.type} onChange={(e) => set({ type: e.target.value })}>
        <option value="">All types</option>
        {props.types.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <select
        className="select"
        aria-label="Action"
        value={filter.action}
        onChange={(e) => set({ action: e.target.value })}
      >
        <option value="">All actions</option>
        {props.actions.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
      <input
        type="search"
        className="input ev-object"
        aria-label="Object"
        placeholder="Object name or id"
        spellCheck={false}
        autoComplete="off"
        value={filter.object}
        onChange={(e) => set({ object: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && filter.object) {
            e.preventDefault();
            set({ object: '' });
          }
        }}
      />
      <span className="ev-sep" aria-hidden="true" />
      <select
        className="select"
        aria-label="Since"
        aria-describedby={noteId}
        value={props.sincePreset}
        onChange={(e) => props.onSincePresetChange(e.target.value)}
      >
        {SINCE_PRESETS.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
        <option value={CUSTOM_SINCE}>Since a time…</option>
      </select>
      {props.sincePreset === CUSTOM_SINCE && (
        <input
          type="datetime-local"
          step={1}
          className="input"
          aria-label="Since time"
          value={props.customSince}
          onChange={(e) => props.onCustomSinceChange(e.target.value)}
        />
      )}
      <span id={noteId} className="ev-note">
        {props.sincePreset === ''
          ? 'New events as they happen'
          : `Replayed from the engine, which keeps only its last ${ENGINE_EVENT_HISTORY} events`}
      </span>
    </div>
  );
}
