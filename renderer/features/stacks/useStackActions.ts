import { useCallback, useState } from 'react';
import type { ComposeOp, StackAction } from '../../../shared/contracts/stacks';
import { api } from '../../api';
import { runTitle, targetOfStack } from '../../presentation/compose';
import { plural } from '../../presentation/format';
import { containerIdsOf } from '../../presentation/stackTree';
import type { Stack } from '../../presentation/stacks';
import { logsPath, navigate } from '../../lib/router';
import { toast } from '../../stores/toasts';
import { ACTION_LABEL } from '../containers/actions';
import { startComposeRun } from './runStore';

/**
 * What the Stacks view's buttons do: API actions (start/stop/… through `stacks.action`, no CLI needed)
 * with a toast naming every failure and the engine's reason; CLI runs (pull, build) into the output
 * panel; merged logs; and which dialog (down, scale, files) is open for which project or service.
 */
export type StackDialog =
  | { kind: 'down'; stack: Stack }
  | { kind: 'scale'; stack: Stack; service: string }
  | { kind: 'files'; stack: Stack }
  | { kind: 'remove'; stack: Stack; service: string };

const PAST: Record<StackAction, string> = {
  start: 'Started',
  stop: 'Stopped',
  restart: 'Restarted',
  pause: 'Paused',
  unpause: 'Unpaused',
};

export function useStackActions() {
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<StackDialog | undefined>();

  const act = useCallback(async (action: StackAction, stack: Stack, service?: string) => {
    const key = service ? `${stack.project}/${service}` : stack.project;
    const what = service ? `${stack.project}/${service}` : stack.project;
    setBusy((b) => new Set(b).add(key));
    try {
      const r = await api.invoke('stacks.action', { project: stack.project, action, ...(service ? { service } : {}) });
      const total = r.done.length + r.failed.length + r.skipped.length;
      if (r.failed.length > 0) {
        toast.error(
          `Could not ${ACTION_LABEL[action].toLowerCase()} ${r.failed.length} of ${plural(total, 'container')} of ${what}`,
          r.failed.map((f) => `${f.name}: ${f.message}`),
        );
      } else if (r.done.length === 0) {
        toast.info(
          `Nothing to ${ACTION_LABEL[action].toLowerCase()} in ${what}`,
          r.skipped.map((s) => `${s.name}: ${s.reason}`),
        );
      } else {
        toast.success(`${PAST[action]} ${what}`, plural(r.done.length, 'container'));
      }
    } catch (err) {
      toast.fromError(`Could not ${ACTION_LABEL[action].toLowerCase()} ${what}`, err);
    } finally {
      setBusy((b) => {
        const next = new Set(b);
        next.delete(key);
        return next;
      });
    }
  }, []);

  const openLogs = useCallback((stack: Stack, service?: string) => {
    const ids = containerIdsOf(stack, service);
    if (ids.length > 50) toast.info('Merged logs show the first 50 containers', `${stack.project} has ${ids.length}.`);
    navigate(logsPath(ids.slice(0, 50)));
  }, []);

  /** Pull or build through the CLI, in the output panel. */
  const runCli = useCallback((op: 'pull' | 'build', stack: Stack, service?: string) => {
    const target = targetOfStack(stack);
    if (!target) return;
    const services = service ? [service] : [];
    const composeOp: ComposeOp = op === 'pull' ? { op, target, services } : { op, target, services, noCache: false };
    startComposeRun(composeOp, stack.project, runTitle(composeOp, stack.project));
  }, []);

  return { busy, act, openLogs, runCli, dialog, setDialog };
}

export type StackActions = ReturnType<typeof useStackActions>;
