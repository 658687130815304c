import { useEffect, useState } from 'react';
import type { HistoryEntry } from '../../../shared/contracts/registry';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { errorMessage } from '../../components/Toasts';
import { api } from '../../api';
import { formatDateTime, formatRelativeTime } from '../../presentation/format';
import { historyRows, historySummary } from '../../presentation/transfer';

/** `docker history`: one row per build step, newest first; steps that add no layer are dimmed. */
export function HistoryDialog({ id, label, onClose }: { id: string; label: string; onClose: () => void }) {
  const [state, setState] = useState<{ entries?: HistoryEntry[]; error?: unknown }>({});
  useEffect(() => {
    let live = true;
    api.invoke('images.history', { id }).then(
      (entries) => live && setState({ entries }),
      (error: unknown) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [id]);
  const now = Date.now();
  const rows = state.entries ? historyRows(state.entries) : [];
  return (
    <Dialog
      open
      title={`History of ${label}`}
      description={state.entries ? historySummary(state.entries) : undefined}
      onClose={onClose}
      width={960}
      footer={
        <>
          <span className="dialog-footer-spacer" />
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      {!state.entries && !state.error && <Spinner label="Loading history" />}
      {state.error !== undefined && (
        <div className="inline-error" role="alert">
          Could not read the history: {errorMessage(state.error)}
        </div>
      )}
      {state.entries && (
        <table className="list-table rg-history" aria-label="Image history">
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Created by</th>
              <th scope="col" className="rg-num">
                Size
              </th>
              <th scope="col">Comment</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className={r.empty ? 'is-empty' : undefined} aria-label={r.command}>
                <td className="rg-nowrap" title={formatDateTime(r.created)}>
                  {formatRelativeTime(r.created, now)}
                </td>
                <td className="mono rg-cmd" title={r.full}>
                  {r.command}
                  {r.tags.length > 0 && <span className="rg-tags"> {r.tags.join(', ')}</span>}
                </td>
                <td className="rg-num tabular">{r.empty ? <span className="rg-faint">empty</span> : r.size}</td>
                <td className="rg-muted">{r.comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
