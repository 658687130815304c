import { Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { EngineEntry } from '../../../shared/contracts/engines';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { lazyComponent } from '../../components/lazyComponent';
import { errorMessage, toast } from '../../stores/toasts';
import { EngineListBar, EngineRow, UseEngineButton } from './EngineRow';
import { useEnginesStore } from './store';

const AddEngineDialog = lazyComponent(() => import('./AddEngineDialog').then((m) => m.AddEngineDialog));

/**
 * The settings page's engines section: every engine with its status (or its own error), which one is
 * in use, "Use" to switch, "Add engine…", and "Remove" (confirmed) for the engines the user added.
 */
export function EnginesSettings() {
  const entries = useEnginesStore((s) => s.entries);
  const probes = useEnginesStore((s) => s.probes);
  const probing = useEnginesStore((s) => s.probing);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<EngineEntry | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    void useEnginesStore.getState().refresh();
  }, []);

  const remove = async (): Promise<void> => {
    if (!removing) return;
    setBusy(true);
    setError(undefined);
    try {
      await useEnginesStore.getState().remove(removing.id);
      toast.success(`Removed ${removing.name}`);
      setRemoving(undefined);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="engines-settings" aria-label="Engines">
      <EngineListBar onAdd={() => setAdding(true)} />
      <ul className="engines-list" aria-label="Known engines">
        {entries.map((e) => (
          <EngineRow key={e.id} entry={e} probe={probes[e.id]} probing={probing}>
            {!e.current && <UseEngineButton entry={e} probe={probes[e.id]} />}
            {e.removable && (
              <button
                type="button"
                className="icon-btn icon-btn-sm"
                aria-label={`Remove ${e.name}`}
                title="Remove"
                onClick={() => setRemoving(e)}
              >
                <Trash2 size={14} aria-hidden="true" />
              </button>
            )}
          </EngineRow>
        ))}
      </ul>
      {adding && <AddEngineDialog onClose={() => setAdding(false)} />}
      <ConfirmDialog
        open={removing !== undefined}
        title={`Remove ${removing?.name ?? ''}?`}
        message={
          removing?.current
            ? 'Berth is using this engine: it switches to the default engine first. Nothing on the engine itself is touched.'
            : 'Berth forgets this engine. Nothing on the engine itself is touched.'
        }
        items={removing ? [removing.endpoint] : []}
        itemsLabel="Engine to remove"
        confirmLabel="Remove engine"
        busy={busy}
        error={error}
        onConfirm={() => void remove()}
        onCancel={() => {
          setRemoving(undefined);
          setError(undefined);
        }}
      />
    </section>
  );
}
