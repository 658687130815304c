import { create } from 'zustand';
import type { VolumeRow } from '../../presentation/resources';

/**
 * Which volume copy dialog is open (one at a time): Back up, Restore (into this volume, or with no volume
 * into a new one) or Clone. Opened from the Volumes header, a row's buttons and the inspect panel.
 */
export type VolumeCopyDialog =
  | { kind: 'backup'; volume: VolumeRow }
  | { kind: 'restore'; volume?: VolumeRow }
  | { kind: 'clone'; volume: VolumeRow };

interface VolumeCopyDialogState {
  open: VolumeCopyDialog | undefined;
  show: (d: VolumeCopyDialog) => void;
  close: () => void;
}

export const useVolumeCopyDialogs = create<VolumeCopyDialogState>((set) => ({
  open: undefined,
  show: (d) => set({ open: d }),
  close: () => set({ open: undefined }),
}));

export const showVolumeCopy = (d: VolumeCopyDialog): void => useVolumeCopyDialogs.getState().show(d);
