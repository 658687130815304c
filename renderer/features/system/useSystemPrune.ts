import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PruneKind, SystemPruneKinds, SystemPrunePreview } from '../../../shared/contracts/system';
import { BerthError } from '../../../shared/errors';
import { api } from '../../api';
import {
  applyPruneFrame,
  DEFAULT_PRUNE_KINDS,
  pruneKey,
  pruneSelection,
  selectedTotals,
  startRun,
  type PruneRun,
  type PruneTotals,
} from '../../presentation/system';

export type PreviewState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; preview: SystemPrunePreview }
  | { status: 'error'; error: BerthError };

export type PrunePhase = 'choose' | 'running' | 'done';

const asError = (e: unknown): BerthError => (e instanceof BerthError ? e : new BerthError('INTERNAL', String(e)));

/**
 * State of the system prune dialog: the kinds chosen, their preview (invalidated by any change of
 * kind), the ticked objects, and the system.prune stream removing exactly those, frame by frame.
 */
export function useSystemPrune(onPruned: () => void) {
  const [kinds, setKindsState] = useState<SystemPruneKinds>(DEFAULT_PRUNE_KINDS);
  const [preview, setPreview] = useState<PreviewState>({ status: 'idle' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [run, setRun] = useState<PruneRun | undefined>();
  const [runError, setRunError] = useState<BerthError | undefined>();
  const seq = useRef(0);
  const unsub = useRef<(() => void) | undefined>(undefined);
  const prunedRef = useRef(onPruned);
  prunedRef.current = onPruned;

  useEffect(
    () => () => {
      seq.current++;
      unsub.current?.();
    },
    [],
  );

  const setKinds = useCallback((patch: Partial<SystemPruneKinds>) => {
    seq.current++; // a preview still loading is for the old kinds: drop it
    setKindsState((k) => ({ ...k, ...patch }));
    setPreview({ status: 'idle' });
    setSelected(new Set());
  }, []);

  const loadPreview = useCallback(() => {
    const mine = ++seq.current;
    setPreview({ status: 'loading' });
    api.invoke('system.prunePreview', kinds).then(
      (p) => {
        if (mine !== seq.current) return;
        setPreview({ status: 'ready', preview: p });
        setSelected(new Set(p.items.map(pruneKey)));
      },
      (e: unknown) => mine === seq.current && setPreview({ status: 'error', error: asError(e) }),
    );
  }, [kinds]);

  const setTicked = useCallback((keys: readonly string[], on: boolean) => {
    setSelected((s) => {
      const next = new Set(s);
      for (const k of keys) {
        if (on) next.add(k);
        else next.delete(k);
      }
      return next;
    });
  }, []);

  const items = useMemo(() => (preview.status === 'ready' ? preview.preview.items : []), [preview]);
  const totals: PruneTotals = useMemo(
    () =>
      preview.status === 'ready' ? selectedTotals(preview.preview, selected) : { count: 0, reclaim: 0, unknown: 0 },
    [preview, selected],
  );

  const confirm = useCallback(() => {
    if (totals.count === 0) return;
    const labels = new Map(items.map((i) => [pruneKey(i), i.label]));
    const labelOf = (kind: PruneKind, id: string): string => labels.get(pruneKey({ kind, id })) ?? id;
    setRunError(undefined);
    setRun(startRun(totals.count));
    let settled = false;
    const settle = (error?: BerthError): void => {
      if (settled) return;
      settled = true;
      unsub.current = undefined;
      if (error) setRunError(error);
      prunedRef.current();
    };
    unsub.current = api.subscribe('system.prune', pruneSelection(items, selected), {
      onData: (frame) => {
        setRun((r) => (r ? applyPruneFrame(r, frame, labelOf) : r));
        if (frame.type === 'done') settle();
      },
      onError: (e) => settle(e),
      // A stream that ends without its `done` frame must not leave the dialog "Removing…" forever.
      onEnd: () => settle(new BerthError('INTERNAL', 'The prune stream ended before the engine said it was done')),
    });
  }, [items, selected, totals.count]);

  const phase: PrunePhase = !run ? 'choose' : run.finished || runError ? 'done' : 'running';
  return { kinds, setKinds, preview, loadPreview, items, selected, setTicked, totals, confirm, run, runError, phase };
}

export type SystemPruneState = ReturnType<typeof useSystemPrune>;
