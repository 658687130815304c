import { CircleCheck, Info, TriangleAlert } from 'lucide-react';
import { useMemo, type ReactNode } from 'react';
import { volumeMountUses } from '../../presentation/mounts';
import { describeUsedBy } from '../../presentation/resources';
import { runningUsers } from '../../presentation/volumeBackup';
import { TransferFooter } from '../archive/TransferParts';
import { useContainersStore } from '../containers/store';
import './volumeCopy.css';

/** Pieces the volume Back up, Restore and Clone dialogs share: notes, the done summary, the footer. */

/** A warning or information box inside a dialog (an icon, a line or two, optional controls under it). */
export function Note({ tone, label, children }: { tone: 'warning' | 'info'; label?: string; children: ReactNode }) {
  return (
    <div className={`vb-note is-${tone}`} role="note" aria-label={label}>
      {tone === 'warning' ? (
        <TriangleAlert size={14} aria-hidden="true" className="vb-note-icon" />
      ) : (
        <Info size={14} aria-hidden="true" className="vb-note-icon" />
      )}
      <div className="vb-note-body">{children}</div>
    </div>
  );
}

/** A volume that running containers mount is copied while they write: say so (a backup is not a snapshot). */
export function InUseNote({ volume, verb }: { volume: string; verb: string }) {
  const containers = useContainersStore((s) => s.list);
  const running = useMemo(() => runningUsers(volumeMountUses(volume, containers)), [volume, containers]);
  if (running.length === 0) return null;
  return (
    <Note tone="warning" label="In use">
      In use by {describeUsedBy(running)}, which {running.length === 1 ? 'is' : 'are'} running. {verb} copies files
      while they may be written: it is not a snapshot. Stop {running.length === 1 ? 'it' : 'them'} first for a
      consistent copy.
    </Note>
  );
}

/** The finished state: a check, a title, and facts (file, size, entries). */
export function DoneSummary({ title, facts }: { title: string; facts: ReadonlyArray<[string, ReactNode]> }) {
  return (
    <div className="vb-done" role="status">
      <div className="vb-done-title">
        <CircleCheck size={16} aria-hidden="true" />
        {title}
      </div>
      <dl className="vb-facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** Close, or Cancel while running; and the action (disabled while running or when `blocked`). */
export function CopyFooter({
  phase,
  action,
  blocked,
  onCancel,
  onClose,
  onSubmit,
}: {
  phase: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  action: string;
  blocked?: boolean;
  onCancel: () => void;
  onClose: () => void;
  onSubmit: () => void;
}) {
  if (phase === 'done')
    return (
      <>
        <span className="dialog-footer-spacer" />
        <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
          Done
        </button>
      </>
    );
  return (
    <TransferFooter
      running={phase === 'running'}
      cancelLabel={`Cancel ${action.toLowerCase()}`}
      submitLabel={action}
      disabled={phase === 'running' || blocked === true}
      onCancel={onCancel}
      onClose={onClose}
      onSubmit={onSubmit}
    />
  );
}
