import { useState } from 'react';

/** The logs viewer's time-range bar: since/until as local date-times, applied as RFC 3339 in UTC. */

/** datetime-local value ("2024-05-01T10:00:05") → RFC 3339 in UTC, or undefined when empty/invalid. */
function fromLocalInput(v: string): string | undefined {
  if (!v) return undefined;
  const ms = new Date(v).getTime();
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function RangeBar({
  range,
  onApply,
  onClose,
}: {
  range: { since?: string; until?: string };
  onApply: (r: { since?: string; until?: string }) => void;
  onClose: () => void;
}) {
  const [since, setSince] = useState(toLocalInput(range.since));
  const [until, setUntil] = useState(toLocalInput(range.until));
  const s = fromLocalInput(since);
  const u = fromLocalInput(until);
  const invalid = s !== undefined && u !== undefined && s >= u;
  const apply = (): void => {
    const r: { since?: string; until?: string } = {};
    if (s) r.since = s;
    if (u) r.until = u;
    onApply(r);
  };
  return (
    <form
      className="logs-range"
      aria-label="Time range"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) apply();
      }}
    >
      <label>
        Since
        <input
          className="input"
          type="datetime-local"
          step="1"
          value={since}
          onChange={(e) => setSince(e.target.value)}
        />
      </label>
      <label>
        Until
        <input
          className="input"
          type="datetime-local"
          step="1"
          value={until}
          onChange={(e) => setUntil(e.target.value)}
        />
      </label>
      <button type="submit" className="btn btn-sm btn-primary" disabled={invalid}>
        Apply
      </button>
      <button
        type="button"
        className="btn btn-sm"
        onClick={() => {
          setSince('');
          setUntil('');
          onApply({});
        }}
      >
        Reset
      </button>
      <span className={invalid ? 'logs-search-error' : 'logs-hint'} role={invalid ? 'alert' : undefined}>
        {invalid ? '“Since” must be before “Until”.' : 'Leave “Until” empty to keep following new lines.'}
      </span>
      <span className="logs-spacer" />
      <button type="button" className="btn btn-sm btn-ghost" onClick={onClose}>
        Close
      </button>
    </form>
  );
}
