import { History, ScrollText } from 'lucide-react';
import { EmptyState } from '../../components/EmptyState';
import { Spinner } from '../../components/Spinner';
import type { SourceStatus } from './session';
import { formatLineCount } from '../../presentation/logs';

/** The logs viewer's status line (stream state, line count, dropped lines, Load earlier, lines received) and empty state. */

/** One phrase for the streams' state: "Live", "Loading…", "Container stopped", the engine lost, an error… */
export function statusText(
  statuses: readonly SourceStatus[],
  names: readonly string[],
  follows: boolean,
  engineReady: boolean,
): string {
  // Streams cut by a lost engine continue by themselves when it is back (resumeStopped).
  if (!engineReady && follows && statuses.some((s) => s.phase === 'error' || s.phase === 'ended'))
    return 'Engine connection lost — the log continues when it is back';
  const errors = statuses.flatMap((s, i) => (s.phase === 'error' ? [`${names[i] ?? ''}: ${s.error ?? ''}`] : []));
  if (errors.length) return `Could not read logs. ${errors.join('; ')}`;
  if (statuses.some((s) => s.phase === 'loading')) return 'Loading…';
  if (!follows) return 'Time range (not following)';
  const ended = statuses.filter((s) => s.phase === 'ended').length;
  if (ended === statuses.length) return statuses.length > 1 ? 'All containers stopped' : 'Container stopped';
  if (ended > 0) return `${ended} of ${statuses.length} stopped`;
  return 'Live';
}

export function LogsStatusBar({
  status,
  following,
  lines,
  cap,
  dropped,
  canEarlier,
  loadingEarlier,
  onLoadEarlier,
  received,
  downloading,
}: {
  status: string;
  following: boolean;
  lines: number;
  cap: number;
  dropped: number;
  canEarlier: boolean;
  loadingEarlier: boolean;
  onLoadEarlier: () => void;
  received: number;
  downloading: boolean;
}) {
  const live = status === 'Live';
  return (
    <footer className="logs-status">
      <span className={`logs-state${live ? ' is-live' : ''}`}>
        <span className="logs-dot" aria-hidden="true" />
        {live ? (following ? 'Following' : 'Paused (scrolled up)') : status}
      </span>
      <span className="tabular">
        {formatLineCount(lines)} line{lines === 1 ? '' : 's'}
      </span>
      {dropped > 0 && (
        <span className="logs-dropped tabular" title={`Only the newest ${formatLineCount(cap)} lines are kept`}>
          {formatLineCount(dropped)} older lines dropped
        </span>
      )}
      <button
        type="button"
        className="btn btn-sm btn-ghost"
        disabled={!canEarlier || loadingEarlier}
        onClick={onLoadEarlier}
      >
        <History size={13} aria-hidden="true" />
        {loadingEarlier ? 'Loading…' : 'Load earlier'}
      </button>
      <span className="logs-spacer" />
      <span className="logs-received tabular">
        Received <output aria-label="Lines received">{formatLineCount(received)}</output>
      </span>
      {downloading && <Spinner size={12} label="Preparing download" />}
    </footer>
  );
}

/** What the list shows with no line: a spinner while loading, else why it is empty. */
export function LogsEmpty({ loading, filtering, follows }: { loading: boolean; filtering: boolean; follows: boolean }) {
  return (
    <div className="logs-empty">
      {loading ? (
        <Spinner label="Loading logs" />
      ) : (
        <EmptyState
          icon={ScrollText}
          title={filtering ? 'No matching lines' : 'No log lines'}
          hint={
            filtering
              ? 'Nothing on screen matches the search.'
              : follows
                ? 'New lines appear here as the container writes them.'
                : 'Nothing was logged in this time range.'
          }
        />
      )}
    </div>
  );
}
