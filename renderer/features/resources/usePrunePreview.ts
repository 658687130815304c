import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BerthError } from '../../../shared/errors';
import { toast } from '../../components/Toasts';
import type { PruneSpec } from './PruneDialog';

/** A candidate the engine kept, with its reason. */
export interface PruneFailure {
  id: string;
  code: string;
  message: string;
}

export interface PrunePreviewState<P, C> {
  preview: P | undefined;
  items: readonly C[];
  loadError: BerthError | undefined;
  selected: ReadonlySet<string>;
  toggle: (id: string, on: boolean) => void;
  setAll: (on: boolean) => void;
  sizes: ReadonlyMap<string, number> | undefined;
  sizing: boolean;
  sizeError: BerthError | undefined;
  loadSizes: () => Promise<void>;
  busy: boolean;
  /** What the engine kept in the last confirm, labelled. */
  failed: ReadonlyArray<PruneFailure & { label: string }>;
  /** Removes the ticked ids; undefined when nothing was sent or the call itself failed (toasted). */
  confirm: () => Promise<{ removed: number; failed: readonly PruneFailure[] } | undefined>;
}

/**
 * The preview's state: loads it for a mode (everything ticked), keeps the ticks, fetches sizes on
 * demand, and after a confirm keeps only what the engine refused listed (unticked), with its reason.
 */
export function usePrunePreview<P, C, M extends string>(
  spec: PruneSpec<P, C, M>,
  mode: M | undefined,
): PrunePreviewState<P, C> {
  // The preview with the mode it was loaded for: after a mode switch, the old mode's list must not
  // show (nor be confirmable) for even one render before the new one loads.
  const [loaded, setLoaded] = useState<{ mode: M | undefined; preview: P } | undefined>();
  const preview = loaded !== undefined && loaded.mode === mode ? loaded.preview : undefined;
  const [loadError, setLoadError] = useState<BerthError | undefined>();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [kept, setKept] = useState<ReadonlySet<string> | undefined>();
  const [sizes, setSizes] = useState<ReadonlyMap<string, number> | undefined>();
  const [sizing, setSizing] = useState(false);
  const [sizeError, setSizeError] = useState<BerthError | undefined>();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<ReadonlyArray<PruneFailure & { label: string }>>([]);

  useEffect(() => {
    let live = true;
    setLoaded(undefined);
    setLoadError(undefined);
    setKept(undefined);
    setFailed([]);
    setSizes(undefined);
    setSizeError(undefined);
    spec.load(mode as M).then(
      (p) => {
        if (!live) return;
        setLoaded({ mode, preview: p });
        setSelected(new Set(spec.items(p).map(spec.id)));
      },
      (e: BerthError) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [spec, mode]);

  const items = useMemo(() => {
    const all = preview ? spec.items(preview) : [];
    return kept ? all.filter((c) => kept.has(spec.id(c))) : all;
  }, [preview, kept, spec]);

  const toggle = useCallback((id: string, on: boolean) => {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const setAll = useCallback((on: boolean) => setSelected(on ? new Set(items.map(spec.id)) : new Set()), [items, spec]);

  const loadSizes = async (): Promise<void> => {
    if (!spec.sizes) return;
    setSizing(true);
    setSizeError(undefined);
    try {
      setSizes(await spec.sizes(items));
    } catch (e) {
      setSizeError(e as BerthError);
    } finally {
      setSizing(false);
    }
  };

  const confirm = async (): Promise<{ removed: number; failed: readonly PruneFailure[] } | undefined> => {
    const chosen = items.filter((c) => selected.has(spec.id(c)));
    if (chosen.length === 0) return undefined;
    setBusy(true);
    try {
      const res = await spec.remove(chosen.map(spec.id));
      // "Already gone" is what the user wanted: not a failure.
      const refused = res.failed.filter((f) => f.code !== 'NOT_FOUND');
      const byId = new Map(chosen.map((c) => [spec.id(c), spec.label(c)]));
      setFailed(refused.map((f) => ({ ...f, label: byId.get(f.id) ?? f.id })));
      setKept(new Set(refused.map((f) => f.id)));
      setSelected(new Set());
      return { removed: chosen.length - refused.length, failed: refused };
    } catch (e) {
      toast.fromError(`Could not prune ${spec.nounPlural ?? `${spec.noun}s`}`, e);
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  return {
    preview,
    items,
    loadError,
    selected,
    toggle,
    setAll,
    sizes,
    sizing,
    sizeError,
    loadSizes,
    busy,
    failed,
    confirm,
  };
}
