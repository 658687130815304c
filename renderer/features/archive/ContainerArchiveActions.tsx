import './archive.css';
import { lazyComponent } from '../../components/lazyComponent';
import { Camera, PackageOpen } from 'lucide-react';
import { Suspense, useState } from 'react';

const CommitDialog = lazyComponent(() => import('./CommitDialog').then((m) => m.CommitDialog));
const WriteArchiveDialog = lazyComponent(() => import('./WriteArchiveDialog').then((m) => m.WriteArchiveDialog));

/** "Commit" and "Export" buttons of the container detail header, with their dialogs. */
export function ContainerArchiveActions({ id, name, disabled }: { id: string; name: string; disabled?: boolean }) {
  const [open, setOpen] = useState<'commit' | 'export' | undefined>();
  return (
    <>
      <span className="ar-actions-sep" aria-hidden="true" />
      <button type="button" className="btn btn-sm" disabled={disabled} onClick={() => setOpen('commit')}>
        <Camera size={13} aria-hidden="true" />
        Commit
      </button>
      <button type="button" className="btn btn-sm" disabled={disabled} onClick={() => setOpen('export')}>
        <PackageOpen size={13} aria-hidden="true" />
        Export
      </button>
      <Suspense fallback={null}>
        {open === 'commit' && <CommitDialog id={id} name={name} onClose={() => setOpen(undefined)} />}
        {open === 'export' && (
          <WriteArchiveDialog target={{ kind: 'export', id, name }} onClose={() => setOpen(undefined)} />
        )}
      </Suspense>
    </>
  );
}
