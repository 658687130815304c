import { Pause, Play, RotateCw, Square, Trash2, Zap, type LucideIcon } from 'lucide-react';
import type { ContainerState } from '../../../shared/models';
import { IconButton } from '../../components/IconButton';
import { useEngineReady } from '../../stores/engineStatus';
import { ACTION_LABEL, canDo, runAndReport, type Target } from './actions';
import type { ContainerAction } from './store';

/**
 * Per-container actions in fixed slots (Start|Stop, Restart, Pause|Unpause, Kill, Remove) so columns
 * line up. `variant="icons"` for table rows, `"buttons"` (icon + text) for the detail header.
 * Remove only asks: the parent shows the confirmation.
 */
export const ICONS: Record<ContainerAction, LucideIcon> = {
  start: Play,
  stop: Square,
  restart: RotateCw,
  pause: Pause,
  unpause: Play,
  kill: Zap,
  remove: Trash2,
};

export function slotsFor(state: ContainerState): ContainerAction[] {
  return [
    canDo('stop', state) ? 'stop' : 'start',
    'restart',
    state === 'paused' ? 'unpause' : 'pause',
    'kill',
    'remove',
  ];
}

export function ContainerActions({
  target,
  state,
  busy,
  variant = 'icons',
  onRemove,
}: {
  target: Target;
  state: ContainerState;
  busy: boolean;
  variant?: 'icons' | 'buttons';
  onRemove: () => void;
}) {
  const ready = useEngineReady();
  const run = (action: ContainerAction): void => {
    if (action === 'remove') onRemove();
    else void runAndReport(action, [target]);
  };
  return (
    <>
      {slotsFor(state).map((action) => {
        const enabled = ready && !busy && canDo(action, state);
        const Icon = ICONS[action];
        if (variant === 'icons') {
          return (
            <IconButton
              key={action}
              label={ACTION_LABEL[action]}
              title={`${ACTION_LABEL[action]} ${target.name}`}
              icon={Icon}
              size="sm"
              danger={action === 'remove' || action === 'kill'}
              disabled={!enabled}
              onClick={() => run(action)}
            />
          );
        }
        return (
          <button
            key={action}
            type="button"
            className={`btn btn-sm${action === 'remove' ? ' btn-danger-outline' : ''}`}
            disabled={!enabled}
            onClick={() => run(action)}
          >
            <Icon size={13} aria-hidden="true" />
            {ACTION_LABEL[action]}
          </button>
        );
      })}
    </>
  );
}
