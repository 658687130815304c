import { Suspense } from 'react';
import { lazyComponent } from '../../components/lazyComponent';
import { closeRunDialog, useRunDialogStore } from './runDialogStore';

// The dialog (and its form logic) is its own chunk, fetched the first time it opens.
const RunDialog = lazyComponent(() => import('./RunDialog').then((m) => m.RunDialog));

/** Renders the Run dialog while it is open; mounted once in the app shell. */
export function RunDialogHost() {
  const { open, prefill, seq } = useRunDialogStore();
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <RunDialog key={seq} prefill={prefill} onClose={closeRunDialog} />
    </Suspense>
  );
}
