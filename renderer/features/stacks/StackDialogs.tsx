import { DownDialog } from './DownDialog';
import { FilesDialog } from './FilesDialog';
import { RunPanel } from './RunPanel';
import { closeComposeRun } from './runStore';
import { RemoveServiceDialog } from './RemoveServiceDialog';
import { ScaleDialog } from './ScaleDialog';
import { UpDialog } from './UpDialog';
import type { StackActions } from './useStackActions';

/** Every dialog of the Stacks view; at most one is open at a time (the run panel opens over the rest). */
export function StackDialogs({
  actions,
  upOpen,
  onUpOpen,
  onUpClose,
}: {
  actions: StackActions;
  upOpen: boolean;
  onUpOpen(): void;
  onUpClose(): void;
}) {
  const { dialog, setDialog } = actions;
  const close = (): void => setDialog(undefined);
  return (
    <>
      <UpDialog open={upOpen} onClose={onUpClose} />
      {dialog?.kind === 'down' && <DownDialog stack={dialog.stack} onClose={close} />}
      {dialog?.kind === 'scale' && <ScaleDialog stack={dialog.stack} service={dialog.service} onClose={close} />}
      {dialog?.kind === 'remove' && (
        <RemoveServiceDialog stack={dialog.stack} service={dialog.service} onClose={close} />
      )}
      {dialog?.kind === 'files' && <FilesDialog stack={dialog.stack} onClose={close} />}
      <RunPanel
        onRetry={() => {
          closeComposeRun();
          onUpOpen();
        }}
      />
    </>
  );
}
