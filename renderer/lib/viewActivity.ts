import { createContext, useContext } from 'react';

/**
 * Whether the view a component lives in is the one on screen. The Containers list stays mounted
 * while another view is open (App.tsx keeps it, hidden); what it does for the user only while seen,
 * such as list stats requests or the "/" shortcut, asks this instead of re-rendering on every switch.
 * The context value is a stable object: reading it never re-renders; subscribe to hear changes.
 *
 *   const activity = useViewActivity();
 *   useEffect(() => activity.subscribe(() => poller.setHidden(!activity.active)), [activity]);
 */
export interface ViewActivity {
  readonly active: boolean;
  /** Called on every change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

const ALWAYS_ACTIVE: ViewActivity = { active: true, subscribe: () => () => undefined };

export const ViewActivityContext = createContext<ViewActivity>(ALWAYS_ACTIVE);

export function useViewActivity(): ViewActivity {
  return useContext(ViewActivityContext);
}

export interface ViewActivityControl extends ViewActivity {
  set(active: boolean): void;
}

export function createViewActivity(active: boolean): ViewActivityControl {
  const listeners = new Set<() => void>();
  const control: ViewActivityControl = {
    active,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      if (next === control.active) return;
      (control as { active: boolean }).active = next;
      for (const l of [...listeners]) l();
    },
  };
  return control;
}
