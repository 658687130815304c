import { useState } from 'react';
import type { SettingsSection } from '../../../shared/contracts/settings';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorMessage } from '../../stores/toasts';
import { resetSettings } from './store';

/** "Reset" of one section, after a confirmation naming what goes back to its default. */
export function SectionReset({ section, title, items }: { section: SettingsSection; title: string; items: string[] }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  return (
    <>
      <button type="button" className="btn btn-sm btn-ghost" onClick={() => setOpen(true)}>
        Reset {title.toLowerCase()}
      </button>
      <ConfirmDialog
        open={open}
        title={`Reset ${title.toLowerCase()} settings?`}
        message="These go back to their defaults:"
        items={items}
        itemsLabel="Settings to reset"
        confirmLabel={`Reset ${title.toLowerCase()}`}
        busy={busy}
        error={error && <>Could not reset: {error}</>}
        onCancel={() => {
          setOpen(false);
          setError(undefined);
        }}
        onConfirm={() => {
          setBusy(true);
          resetSettings(section)
            .then(() => setOpen(false))
            .catch((err: unknown) => setError(errorMessage(err)))
            .finally(() => setBusy(false));
        }}
      />
    </>
  );
}
