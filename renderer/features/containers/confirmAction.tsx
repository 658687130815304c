import { create } from 'zustand';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { plural } from '../../presentation/format';
import { settingsNow } from '../settings/store';
import type { ContainerAction } from './store';

/**
 * Settings → Confirmations → "Ask before Stop, Restart and Kill": the question, asked from wherever the
 * action starts (a row, the detail header, a bulk action). <ActionConfirmHost/> in the app shell shows it.
 */
const ASKED: readonly ContainerAction[] = ['stop', 'restart', 'kill'];
const VERB: Partial<Record<ContainerAction, string>> = { stop: 'Stop', restart: 'Restart', kill: 'Kill' };

interface Pending {
  action: ContainerAction;
  names: string[];
  answer: (yes: boolean) => void;
}

const useConfirm = create<{ pending: Pending | undefined }>(() => ({ pending: undefined }));

/** True when the action may run: not one that asks, asking is off, or the person confirmed. */
export function confirmContainerAction(action: ContainerAction, names: string[]): Promise<boolean> {
  if (!ASKED.includes(action) || !settingsNow().confirmations.stopRestart) return Promise.resolve(true);
  useConfirm.getState().pending?.answer(false);
  return new Promise((resolve) => {
    useConfirm.setState({
      pending: {
        action,
        names,
        answer: (yes) => {
          useConfirm.setState({ pending: undefined });
          resolve(yes);
        },
      },
    });
  });
}

export function ActionConfirmHost() {
  const pending = useConfirm((s) => s.pending);
  if (!pending) return null;
  const verb = VERB[pending.action] ?? pending.action;
  const what = pending.names.length === 1 ? pending.names[0] : plural(pending.names.length, 'container');
  return (
    <ConfirmDialog
      open
      title={`${verb} ${what}?`}
      message={
        pending.action === 'kill'
          ? 'Kill sends SIGKILL: the processes get no chance to clean up.'
          : `${verb === 'Stop' ? 'Stopping' : 'Restarting'} ends what runs in ${pending.names.length === 1 ? 'it' : 'them'} now.`
      }
      items={pending.names}
      itemsLabel="Containers"
      confirmLabel={`${verb} ${pending.names.length === 1 ? '' : plural(pending.names.length, 'container')}`.trim()}
      danger={pending.action === 'kill'}
      onConfirm={() => pending.answer(true)}
      onCancel={() => pending.answer(false)}
    />
  );
}
