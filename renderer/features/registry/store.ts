import { create } from 'zustand';

/** Which registry dialog is open (one at a time), opened from the Images view's header and rows. */
export type RegistryDialog =
  | { kind: 'pull' }
  | { kind: 'push'; ref: string }
  | { kind: 'tag'; source: string; label: string }
  | { kind: 'history'; id: string; label: string }
  | { kind: 'registries' };

interface RegistryDialogState {
  open: RegistryDialog | undefined;
  show: (d: RegistryDialog) => void;
  close: () => void;
}

export const useRegistryDialogs = create<RegistryDialogState>((set) => ({
  open: undefined,
  show: (d) => set({ open: d }),
  close: () => set({ open: undefined }),
}));

export const registryDialogs = {
  show: (d: RegistryDialog) => useRegistryDialogs.getState().show(d),
};
