import { create } from 'zustand';
import type { RunSpec } from '../../../shared/run-spec';

/**
 * Whether the Run dialog is open and what it starts with. Any view (an image row, the Containers header,
 * later the command palette) opens it with `openRunDialog({ image })`; RunDialogHost renders it.
 */
interface RunDialogState {
  open: boolean;
  prefill: Partial<RunSpec>;
  /** Bumped on every open so a re-open starts from a fresh form. */
  seq: number;
}

export const useRunDialogStore = create<RunDialogState>(() => ({ open: false, prefill: {}, seq: 0 }));

export function openRunDialog(prefill: Partial<RunSpec> = {}): void {
  useRunDialogStore.setState((s) => ({ open: true, prefill, seq: s.seq + 1 }));
}

export function closeRunDialog(): void {
  useRunDialogStore.setState({ open: false });
}
