import { saveBlob } from '../../lib/saveBlob';
import { eventsFileName, eventsToJsonLines, type EventEntry } from '../../presentation/events';
import { formatCount } from '../../presentation/format';
import { toast } from '../../stores/toasts';

/** Saves `entries` as a .jsonl file (a Blob download: the browser's, or Electron's save dialog). */
export function exportEvents(entries: readonly EventEntry[]): void {
  if (entries.length === 0) {
    toast.info('Nothing to export', 'No events are shown.');
    return;
  }
  const fileName = eventsFileName();
  saveBlob(new Blob([eventsToJsonLines(entries)], { type: 'application/x-ndjson' }), fileName);
  toast.success(`Exported ${formatCount(entries.length)} events`, fileName);
}
