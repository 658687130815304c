import { create } from 'zustand';
import {
  DEFAULT_NOTIFICATION_PREFS,
  type MutedTarget,
  type NotificationPrefs,
} from '../../../shared/contracts/notifications';
import { api } from '../../api';
import { toast } from '../../stores/toasts';
import { isTargetMuted, sameTarget } from './mute';

/**
 * Notification preferences, as saved in the settings file (`notifications` key, main process). Loaded
 * once; every change is saved at once (shown optimistically, rolled back with a toast if the save fails).
 *
 *   const prefs = useNotificationPrefs((s) => s.prefs);
 *   void useNotificationPrefs.getState().mute({ kind: 'container', name: 'web' });
 */
interface PrefsState {
  prefs: NotificationPrefs;
  loaded: boolean;
  /** Why the saved value could not be used (shown in the settings). */
  issue: string | undefined;
  load(): Promise<void>;
  save(next: NotificationPrefs): Promise<boolean>;
  update(change: (prefs: NotificationPrefs) => NotificationPrefs): Promise<boolean>;
  mute(target: MutedTarget): Promise<boolean>;
  unmute(target: MutedTarget): Promise<boolean>;
}

let loading: Promise<void> | undefined;

export const useNotificationPrefs = create<PrefsState>((set, get) => ({
  prefs: DEFAULT_NOTIFICATION_PREFS,
  loaded: false,
  issue: undefined,
  load() {
    loading ??= api.invoke('notifications.prefs.get', {}).then(
      (r) => set({ prefs: r.prefs, issue: r.issue, loaded: true }),
      (err: unknown) => {
        loading = undefined;
        toast.fromError('Could not read the notification preferences', err);
      },
    );
    return loading;
  },
  async save(next) {
    const before = get().prefs;
    set({ prefs: next });
    try {
      const saved = await api.invoke('notifications.prefs.set', { prefs: next });
      set({ prefs: saved, issue: undefined, loaded: true });
      return true;
    } catch (err) {
      set({ prefs: before });
      toast.fromError('Could not save the notification preferences', err);
      return false;
    }
  },
  update(change) {
    return get().save(change(get().prefs));
  },
  mute(target) {
    return get().update((p) => (isTargetMuted(p, target) ? p : { ...p, muted: [...p.muted, target] }));
  },
  unmute(target) {
    return get().update((p) => ({ ...p, muted: p.muted.filter((m) => !sameTarget(m, target)) }));
  },
}));
