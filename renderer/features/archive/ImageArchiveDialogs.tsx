import { Download, Eraser, FileInput, Upload } from 'lucide-react';
import { lazy, Suspense } from 'react';

// The dialogs (and PathField) load when first opened: the Images view's own chunk stays small.
const PruneDialog = lazy(() => import('./PruneDialog').then((m) => ({ default: m.PruneDialog })));
const LoadImageDialog = lazy(() => import('./ReadArchiveDialog').then((m) => ({ default: m.LoadImageDialog })));
const ImportImageDialog = lazy(() => import('./ReadArchiveDialog').then((m) => ({ default: m.ImportImageDialog })));
const WriteArchiveDialog = lazy(() => import('./WriteArchiveDialog').then((m) => ({ default: m.WriteArchiveDialog })));

/** Which archive dialog the Images view shows. */
export type ImageArchiveDialog =
  | { kind: 'save'; images: Array<{ ref: string; label: string }> }
  | { kind: 'load' }
  | { kind: 'import' }
  | { kind: 'prune' };

/** Header buttons of the Images view: Save selected (when some are), Load, Import, Prune. */
export function ImageArchiveButtons({
  selected,
  onOpen,
}: {
  selected: Array<{ ref: string; label: string }>;
  onOpen: (d: ImageArchiveDialog) => void;
}) {
  return (
    <>
      {selected.length > 0 && (
        <button type="button" className="btn" onClick={() => onOpen({ kind: 'save', images: selected })}>
          <Download size={14} aria-hidden="true" />
          Save selected ({selected.length})
        </button>
      )}
      <button type="button" className="btn" onClick={() => onOpen({ kind: 'load' })}>
        <Upload size={14} aria-hidden="true" />
        Load
      </button>
      <button type="button" className="btn" onClick={() => onOpen({ kind: 'import' })}>
        <FileInput size={14} aria-hidden="true" />
        Import
      </button>
      <button type="button" className="btn" onClick={() => onOpen({ kind: 'prune' })}>
        <Eraser size={14} aria-hidden="true" />
        Prune
      </button>
    </>
  );
}

export function ImageArchiveDialogs({
  dialog,
  onClose,
  onChanged,
}: {
  dialog: ImageArchiveDialog | undefined;
  onClose: () => void;
  onChanged: () => void;
}) {
  if (!dialog) return null;
  return <Suspense fallback={null}>{pick(dialog, onClose, onChanged)}</Suspense>;
}

function pick(dialog: ImageArchiveDialog, onClose: () => void, onChanged: () => void) {
  switch (dialog.kind) {
    case 'save':
      return <WriteArchiveDialog target={{ kind: 'save', images: dialog.images }} onClose={onClose} />;
    case 'load':
      return <LoadImageDialog onClose={onClose} />;
    case 'import':
      return <ImportImageDialog onClose={onClose} />;
    case 'prune':
      return <PruneDialog onClose={onClose} onPruned={onChanged} />;
  }
}
