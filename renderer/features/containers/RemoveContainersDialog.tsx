import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { plural } from '../../presentation/format';
import { errorMessage, toast } from '../../stores/toasts';
import { failureLines, isConflict, runAction, type Failure, type Target } from './actions';

/**
 * Confirms removing containers, naming every one. If the engine refuses some because they run
 * (CONFLICT) and Force was off, the dialog stays open with the engine's reason and offers
 * "Force remove" for exactly those.
 */
export function RemoveContainersDialog({
  targets,
  onClose,
  onRemoved,
}: {
  targets: readonly Target[];
  onClose: () => void;
  onRemoved?: (ids: string[]) => void;
}) {
  const [remaining, setRemaining] = useState<readonly Target[]>(targets);
  const [conflicts, setConflicts] = useState<Failure[]>([]);
  const [busy, setBusy] = useState(false);
  const [volumes, setVolumes] = useState(false);

  const run = async (force: boolean, withVolumes: boolean): Promise<void> => {
    setBusy(true);
    const result = await runAction('remove', remaining, { force, volumes: withVolumes });
    setBusy(false);
    if (result.ok.length > 0) {
      onRemoved?.(result.ok.map((t) => t.id));
      toast.success(
        result.ok.length === 1 ? `Removed ${result.ok[0]!.name}` : `Removed ${plural(result.ok.length, 'container')}`,
      );
    }
    const conflicted = force ? [] : result.failed.filter((f) => isConflict(f.error));
    const other = result.failed.filter((f) => !conflicted.includes(f));
    if (other.length > 0) {
      toast.error(
        other.length === 1
          ? `Could not remove ${other[0]!.target.name}`
          : `Could not remove ${plural(other.length, 'container')}`,
        other.length === 1 ? errorMessage(other[0]!.error) : failureLines(other),
      );
    }
    if (conflicted.length > 0) {
      setRemaining(conflicted.map((f) => f.target));
      setConflicts(conflicted);
      return;
    }
    onClose();
  };

  const n = remaining.length;
  const title = n === 1 ? `Remove container ${remaining[0]!.name}?` : `Remove ${plural(n, 'container')}?`;
  return (
    <ConfirmDialog
      open
      title={title}
      message={
        conflicts.length > 0
          ? 'Still to remove:'
          : n === 1
            ? 'This deletes the container and its writable layer. Named volumes are kept.'
            : 'These containers and their writable layers will be deleted. Named volumes are kept.'
      }
      items={remaining.map((t) => t.name)}
      itemsLabel="Containers to remove"
      options={
        conflicts.length > 0
          ? []
          : [
              { id: 'force', label: 'Force (stop running containers first)' },
              { id: 'volumes', label: 'Also remove anonymous volumes' },
            ]
      }
      confirmLabel={conflicts.length > 0 ? 'Force remove' : n === 1 ? 'Remove' : `Remove ${n} containers`}
      busy={busy}
      error={
        conflicts.length > 0 ? (
          <>
            <strong>The engine refused to remove {conflicts.length === 1 ? 'it' : 'them'}:</strong>
            <ul>
              {conflicts.map((f) => (
                <li key={f.target.id}>
                  {f.target.name}: {errorMessage(f.error)}
                </li>
              ))}
            </ul>
          </>
        ) : undefined
      }
      onConfirm={(opts) => {
        if (conflicts.length > 0) return void run(true, volumes);
        const v = opts['volumes'] ?? volumes;
        setVolumes(v);
        void run(opts['force'] ?? false, v);
      }}
      onCancel={onClose}
    />
  );
}
