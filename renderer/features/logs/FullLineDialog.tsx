import { Copy } from 'lucide-react';
import { Dialog } from '../../components/Dialog';
import { copyTextOrThrow } from '../../lib/clipboard';
import { stripAnsi } from '../../presentation/ansi';
import { formatLineCount, type LogEntry } from '../../presentation/logs';
import { toast } from '../../stores/toasts';

/** One log line in full (rows cut long lines short), with its length, time and a Copy button. */
export function FullLineDialog({ line, onClose }: { line: LogEntry | undefined; onClose: () => void }) {
  return (
    <Dialog
      open={line !== undefined}
      title="Full line"
      width={900}
      onClose={onClose}
      description={
        line ? `${formatLineCount(stripAnsi(line.text).length)} characters${line.ts ? ` · ${line.ts}` : ''}` : undefined
      }
      footer={
        <>
          <button
            type="button"
            className="btn"
            onClick={() => {
              if (!line) return;
              void copyTextOrThrow(stripAnsi(line.text)).then(
                () => toast.success('Copied the line'),
                (err: unknown) => toast.fromError('Could not copy', err),
              );
            }}
          >
            <Copy size={13} aria-hidden="true" /> Copy
          </button>
          <button type="button" className="btn btn-primary" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      <textarea className="logs-full" readOnly aria-label="Line text" value={line ? stripAnsi(line.text) : ''} />
    </Dialog>
  );
}
