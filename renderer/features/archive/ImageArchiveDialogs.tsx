import { FileInput, HardDriveDownload, HardDriveUpload } from 'lucide-react';
import { lazyComponent } from '../../components/lazyComponent';
import './archive.css';
import { Suspense } from 'react';

// The dialogs (and PathField) load when first opened: the Images view's own chunk stays small.
const LoadImageDialog = lazyComponent(() => import('./ReadArchiveDialog').then((m) => m.LoadImageDialog));
const ImportImageDialog = lazyComponent(() => import('./ReadArchiveDialog').then((m) => m.ImportImageDialog));
const WriteArchiveDialog = lazyComponent(() => import('./WriteArchiveDialog').then((m) => m.WriteArchiveDialog));

/** Which archive dialog the Images view shows. */
export type ImageArchiveDialog =
  { kind: 'save'; images: Array<{ ref: string; label: string }> } | { kind: 'load' } | { kind: 'import' };

/** Header buttons of the Images view: Save selected (when some are), Load, Import. */
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
          <HardDriveDownload size={14} aria-hidden="true" />
          Save selected ({selected.length})
        </button>
      )}
      {/* Icon-only (named and with tooltips): the Images header also holds Build, Registries and Pull. */}
      <span className="ar-tool-group" role="group" aria-label="Archives">
        <button
          type="button"
          className="btn ar-icon-only"
          aria-label="Load"
          title="Load images from a tar archive (docker load)"
          onClick={() => onOpen({ kind: 'load' })}
        >
          <HardDriveUpload size={15} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="btn ar-icon-only"
          aria-label="Import"
          title="Import a root file system tar as an image (docker import)"
          onClick={() => onOpen({ kind: 'import' })}
        >
          <FileInput size={15} aria-hidden="true" />
        </button>
      </span>
    </>
  );
}

export function ImageArchiveDialogs({
  dialog,
  onClose,
}: {
  dialog: ImageArchiveDialog | undefined;
  onClose: () => void;
}) {
  if (!dialog) return null;
  return <Suspense fallback={null}>{pick(dialog, onClose)}</Suspense>;
}

function pick(dialog: ImageArchiveDialog, onClose: () => void) {
  switch (dialog.kind) {
    case 'save':
      return <WriteArchiveDialog target={{ kind: 'save', images: dialog.images }} onClose={onClose} />;
    case 'load':
      return <LoadImageDialog onClose={onClose} />;
    case 'import':
      return <ImportImageDialog onClose={onClose} />;
  }
}
