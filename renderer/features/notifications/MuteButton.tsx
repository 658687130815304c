import { Bell, BellOff } from 'lucide-react';
import { useState } from 'react';
import type { MutedTarget } from '../../../shared/contracts/notifications';
import { Check } from '../../components/FormField';
import { Dialog } from '../../components/Dialog';
import { NotificationSettingsDialog } from './NotificationsBell';
import { isTargetMuted } from './mute';
import { useNotificationPrefs } from './prefs';

/**
 * On a container's page: mute or unmute its notifications, or those of its compose project. Muting is
 * by name (it survives re-creation, e.g. `compose up` after a change).
 */
export function MuteButton({ name, project }: { name: string; project: string | undefined }) {
  const prefs = useNotificationPrefs((s) => s.prefs);
  const [open, setOpen] = useState<'mute' | 'all' | undefined>();
  const container: MutedTarget = { kind: 'container', name };
  const projectTarget: MutedTarget | undefined = project ? { kind: 'project', name: project } : undefined;
  const muted = isTargetMuted(prefs, container) || (projectTarget !== undefined && isTargetMuted(prefs, projectTarget));
  const Icon = muted ? BellOff : Bell;
  return (
    <>
      <button
        type="button"
        className="btn btn-sm"
        aria-haspopup="dialog"
        title={muted ? 'Notifications muted' : 'Mute notifications'}
        onClick={() => {
          void useNotificationPrefs.getState().load();
          setOpen('mute');
        }}
      >
        <Icon size={13} aria-hidden="true" />
        {muted ? 'Muted' : 'Mute'}
      </button>
      {open === 'mute' && (
        <MuteDialog
          container={container}
          project={projectTarget}
          onClose={() => setOpen(undefined)}
          onAll={() => setOpen('all')}
        />
      )}
      {open === 'all' && <NotificationSettingsDialog onClose={() => setOpen(undefined)} />}
    </>
  );
}

function MuteDialog({
  container,
  project,
  onClose,
  onAll,
}: {
  container: MutedTarget;
  project: MutedTarget | undefined;
  onClose: () => void;
  onAll: () => void;
}) {
  const prefs = useNotificationPrefs((s) => s.prefs);
  const { mute, unmute } = useNotificationPrefs.getState();
  const set = (target: MutedTarget, on: boolean): void => void (on ? mute(target) : unmute(target));
  return (
    <Dialog
      open
      title={`Notifications for ${container.name}`}
      description={prefs.enabled ? undefined : 'Notifications are off: turn them on in the notification settings.'}
      width={420}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onAll}>
            All notification settings…
          </button>
          <span className="dialog-footer-spacer" />
          <button type="button" className="btn" onClick={onClose}>
            Done
          </button>
        </>
      }
    >
      <Check
        id="mute-container"
        label={`Mute container ${container.name}`}
        checked={isTargetMuted(prefs, container)}
        onChange={(on) => set(container, on)}
      />
      {project && (
        <Check
          id="mute-project"
          label={`Mute compose project ${project.name}`}
          hint="every container of the project"
          checked={isTargetMuted(prefs, project)}
          onChange={(on) => set(project, on)}
        />
      )}
    </Dialog>
  );
}
