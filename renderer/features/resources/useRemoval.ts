import { useCallback, useState } from 'react';
import type { BerthError } from '../../../shared/errors';
import { toast } from '../../components/Toasts';
import { plural } from '../../presentation/format';
import { runRemovals } from './runRemovals';

/**
 * The removal flow every resource page shares: ask (what goes, what stays and why), confirm, run the
 * engine calls with bounded concurrency, then keep only what the engine refused in the dialog with its
 * reasons (and remember whether force was used, so a page can offer it after a CONFLICT).
 *
 * `S` is a step: usually the row itself; images plan untag/delete steps per row.
 */
export interface RemovalSpec<T, S> {
  /** Splits a request into what can go and what stays (e.g. built-in networks). Default: everything goes. */
  partition?: (rows: T[]) => { removable: T[]; skipped: T[] };
  /** Called instead of opening the dialog when nothing in the request can go. */
  onNothingRemovable?: (skipped: T[]) => void;
  plan: (rows: T[]) => S[];
  rowOf: (step: S) => T;
  rowKey: (row: T) => string;
  run: (step: S, force: boolean) => Promise<unknown>;
  concurrency?: number;
  /** The toast once at least one step went (`gone`: the engine no longer had it). */
  successText: (ok: S[], gone: S[], total: number) => string;
  /** Re-list after a run. */
  refresh: () => void;
}

export interface Removal<T, S> {
  rows: T[];
  /** Requested but staying (see `partition`), named in the dialog. */
  skipped: T[];
  steps: S[];
  busy: boolean;
  /** Whether the last run used force. */
  forced: boolean;
  failures: Array<{ step: S; error: BerthError }>;
}

export interface RemovalControls<T, S> {
  removal: Removal<T, S> | undefined;
  ask: (rows: T[]) => void;
  confirm: (force: boolean) => Promise<void>;
  cancel: () => void;
}

export function useRemoval<T, S>(spec: RemovalSpec<T, S>, onRemoved: (keys: string[]) => void): RemovalControls<T, S> {
  const [removal, setRemoval] = useState<Removal<T, S> | undefined>();
  const { partition, onNothingRemovable, plan } = spec;

  const ask = useCallback(
    (targets: T[]) => {
      const { removable, skipped } = partition ? partition(targets) : { removable: targets, skipped: [] };
      if (removable.length === 0) {
        if (skipped.length > 0) onNothingRemovable?.(skipped);
        return;
      }
      setRemoval({ rows: removable, skipped, steps: plan(removable), busy: false, forced: false, failures: [] });
    },
    [partition, onNothingRemovable, plan],
  );

  const confirm = async (force: boolean): Promise<void> => {
    if (!removal || removal.busy) return;
    const { steps } = removal;
    setRemoval({ ...removal, busy: true });
    const outcome = await runRemovals(steps, (step) => spec.run(step, force), spec.concurrency ?? 1);
    spec.refresh();
    const ok = [...outcome.done, ...outcome.gone];
    if (ok.length > 0) {
      onRemoved(ok.map((s) => spec.rowKey(spec.rowOf(s))));
      toast.success(spec.successText(ok, outcome.gone, steps.length));
    }
    if (outcome.failed.length === 0) {
      setRemoval(undefined);
      return;
    }
    const rows = outcome.failed.map((f) => spec.rowOf(f.step));
    setRemoval({
      rows,
      skipped: [],
      steps: outcome.failed.map((f) => f.step),
      busy: false,
      forced: force,
      failures: outcome.failed,
    });
  };

  return { removal, ask, confirm, cancel: useCallback(() => setRemoval(undefined), []) };
}

/**
 * The removal of kinds where one engine call removes one row (volumes, networks): 4 at a time, and
 * toasts that name the object ("Removed network web") or count them ("Removed 3 of 4 networks").
 */
export function perRowRemoval<T>(
  o: Pick<RemovalSpec<T, T>, 'rowKey' | 'run' | 'refresh' | 'partition' | 'onNothingRemovable'> & {
    noun: string;
    label: (row: T) => string;
  },
): RemovalSpec<T, T> {
  return {
    ...o,
    plan: (rows) => rows,
    rowOf: (r) => r,
    concurrency: 4,
    successText: (ok, gone, total) => {
      if (total !== 1) return `Removed ${ok.length} of ${plural(total, o.noun)}`;
      const name = o.label(ok[0]!);
      return gone.length > 0
        ? `${o.noun[0]!.toUpperCase()}${o.noun.slice(1)} ${name} was already gone`
        : `Removed ${o.noun} ${name}`;
    },
  };
}
