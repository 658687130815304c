import { eventsFileName, eventsToJsonLines, type EventEntry } from '../../presentation/events';
import { formatCount } from '../../presentation/format';
import { toast } from '../../stores/toasts';

/** Saves `entries` as a .jsonl file (a Blob download: the browser's, or Electron's save dialog). */
export function exportEvents(entries: readonly EventEntry[]): void {
  if (entries.length === 0) {
    toast.info('Nothing to export', 'No events are shown.');
    return;
  }
  const url = URL.createObjectURL(new Blob([eventsToJsonLines(entries)], { type: 'application/x-ndjson' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = eventsFileName();
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  toast.success(`Exported ${formatCount(entries.length)} events`, a.download);
}
