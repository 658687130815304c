import { create } from 'zustand';
import type { AddEngineInput, EngineBinding, EngineEntry, EngineProbe } from '../../../shared/contracts/engines';
import { api } from '../../api';
import { errorMessage, toast } from '../../stores/toasts';
import { rebindRoute } from './rebind';

/**
 * The engine switcher's state: which engine the app is bound to (from `engines.watch`), the known
 * engines, and the last probe of each. Probes run when the switcher or the settings list opens, all in
 * parallel, each bounded by the server's timeout; nothing polls.
 *
 *   const binding = useEnginesStore((s) => s.binding);
 *   await useEnginesStore.getState().refresh();
 */
interface EnginesState {
  binding: EngineBinding | undefined;
  entries: EngineEntry[];
  probes: Record<string, EngineProbe>;
  probing: boolean;
  /** The engine a switch is under way to. */
  switchingTo: string | undefined;
  refresh(): Promise<void>;
  switchTo(id: string): Promise<void>;
  add(input: AddEngineInput): Promise<EngineEntry>;
  remove(id: string): Promise<void>;
}

export const useEnginesStore = create<EnginesState>((set, get) => ({
  binding: undefined,
  entries: [],
  probes: {},
  probing: false,
  switchingTo: undefined,
  async refresh() {
    // Overlapping refreshes (the menu opened twice quickly): only the last one's list counts, and
    // probe results are merged per engine, so a slow earlier answer never hides a newer one.
    const seq = ++refreshSeq;
    set({ probing: true });
    try {
      const entries = await api.invoke('engines.list', {});
      if (seq === refreshSeq) set({ entries });
      const probes = await api.invoke('engines.probe', { ids: entries.map((e) => e.id) });
      mergeProbes(probes);
    } catch (err) {
      toast.fromError('Could not list the engines', err);
    } finally {
      if (seq === refreshSeq) set({ probing: false });
    }
  },
  async switchTo(id) {
    if (get().switchingTo) return;
    set({ switchingTo: id });
    try {
      const binding = await api.invoke('engines.switch', { id });
      applyBinding(binding);
      set({ entries: get().entries.map((e) => ({ ...e, current: e.id === binding.current.id })) });
    } catch (err) {
      toast.error('Could not switch engines', errorMessage(err));
    } finally {
      set({ switchingTo: undefined });
    }
  },
  async add(input) {
    const entry = await api.invoke('engines.add', input);
    set({ entries: [...get().entries, entry] });
    void api.invoke('engines.probe', { ids: [entry.id] }).then(mergeProbes, () => undefined);
    return entry;
  },
  async remove(id) {
    await api.invoke('engines.remove', { id });
    await get().refresh();
  },
}));

let refreshSeq = 0;

function mergeProbes(probes: readonly EngineProbe[]): void {
  const next = { ...useEnginesStore.getState().probes };
  for (const p of probes) next[p.id] = p;
  useEnginesStore.setState({ probes: next });
}

/** A new generation means a switch (by this window or another): views re-bind. */
function applyBinding(binding: EngineBinding): void {
  const before = useEnginesStore.getState().binding;
  if (before && before.generation >= binding.generation) return;
  useEnginesStore.setState({ binding });
  if (before && before.current.id !== binding.current.id) void rebindRoute(binding.current);
}

let started = false;
let retry = 500;

/** Follows the binding for the app's lifetime; started once by the shell. */
export function startEngineBinding(): void {
  if (started) return;
  started = true;
  const watch = (): void => {
    api.subscribe(
      'engines.watch',
      {},
      {
        onData: (b) => {
          retry = 500;
          applyBinding(b);
        },
        onError: again,
        onEnd: again,
      },
    );
  };
  const again = (): void => {
    setTimeout(watch, retry);
    retry = Math.min(retry * 2, 10_000);
  };
  watch();
}

/** Bumps at every switch: views keyed by it re-open their streams on the new engine. */
export function useEngineGeneration(): number {
  return useEnginesStore((s) => s.binding?.generation ?? 0);
}
