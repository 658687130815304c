import { Bell, BellOff } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { NotificationSettings } from './NotificationSettings';
import { useNotificationPrefs } from './prefs';

export function NotificationSettingsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog
      open
      title="Notifications"
      description="Desktop notifications when a container fails. Changes are saved at once."
      width={540}
      onClose={onClose}
      footer={
        <>
          <span className="dialog-footer-spacer" />
          <button type="button" className="btn" onClick={onClose}>
            Done
          </button>
        </>
      }
    >
      <NotificationSettings />
    </Dialog>
  );
}

/**
 * The bell in the sidebar footer: shows whether notifications are on, opens their settings. (The
 * settings page embeds <NotificationSettings/> as well.)
 */
export function NotificationsBell({ className }: { className?: string }) {
  const enabled = useNotificationPrefs((s) => s.prefs.enabled);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    void useNotificationPrefs.getState().load();
  }, []);
  return (
    <>
      <button
        type="button"
        className={`icon-btn ${className ?? ''}`}
        aria-label="Notification settings"
        title={enabled ? 'Notifications are on' : 'Notifications are off'}
        onClick={() => setOpen(true)}
      >
        {enabled ? <Bell size={15} aria-hidden="true" /> : <BellOff size={15} aria-hidden="true" />}
      </button>
      {open && <NotificationSettingsDialog onClose={() => setOpen(false)} />}
    </>
  );
}
