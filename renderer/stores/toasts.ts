import { create } from 'zustand';
import { isBerthError } from '../../shared/errors';

/**
 * Toast queue. Use the `toast` API anywhere (no hook needed); <Toaster/> in the app shell renders it.
 *
 *   toast.success('Stopped web-1');
 *   toast.error('Could not remove 2 containers', ['web-1: container is running', 'db: …']);
 *   toast.fromError('Could not start web-1', err);   // detail = the engine's message
 */
export type ToastKind = 'success' | 'error' | 'info';

export interface ToastItem {
  id: number;
  kind: ToastKind;
  title: string;
  /** One line, or several (e.g. one per failed container). */
  detail?: string | readonly string[];
}

interface ToastState {
  toasts: ToastItem[];
  push(kind: ToastKind, title: string, detail?: string | readonly string[]): number;
  dismiss(id: number): void;
}

const MAX_TOASTS = 4;
const LIFETIME_MS: Record<ToastKind, number> = { success: 4000, info: 6000, error: 15000 };
let nextId = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

export const useToastStore = create<ToastState>((set, get) => ({
  toasts: [],
  push(kind, title, detail) {
    const id = nextId++;
    const item: ToastItem = detail === undefined ? { id, kind, title } : { id, kind, title, detail };
    const all = [...get().toasts, item];
    const dropped = all.slice(0, Math.max(0, all.length - MAX_TOASTS));
    dropped.forEach((t) => clearTimeout(timers.get(t.id)));
    set({ toasts: all.slice(-MAX_TOASTS) });
    timers.set(
      id,
      setTimeout(() => get().dismiss(id), LIFETIME_MS[kind]),
    );
    return id;
  },
  dismiss(id) {
    clearTimeout(timers.get(id));
    timers.delete(id);
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

/** The message a person should read for any thrown value (a BerthError carries the engine's reason). */
export function errorMessage(err: unknown): string {
  if (isBerthError(err)) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

export const toast = {
  success: (title: string, detail?: string | readonly string[]) =>
    useToastStore.getState().push('success', title, detail),
  info: (title: string, detail?: string | readonly string[]) => useToastStore.getState().push('info', title, detail),
  error: (title: string, detail?: string | readonly string[]) => useToastStore.getState().push('error', title, detail),
  fromError: (title: string, err: unknown) => useToastStore.getState().push('error', title, errorMessage(err)),
  dismiss: (id: number) => useToastStore.getState().dismiss(id),
};
