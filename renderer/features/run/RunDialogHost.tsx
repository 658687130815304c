import { lazy, Suspense } from 'react';
import { closeRunDialog, useRunDialogStore } from './runDialogStore';

// The dialog (and its form logic) is its own chunk, fetched the first time it opens.
const RunDialog = lazy(() => import('./RunDialog').then((m) => ({ default: m.RunDialog })));

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
