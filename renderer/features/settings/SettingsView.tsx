import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../stores/toasts';
import { EnginesSettings } from '../engines/EnginesSettings';
import { NotificationSettings } from '../notifications/NotificationSettings';
import { useNotificationPrefs } from '../notifications/prefs';
import { KeptAsideNotice } from './KeptAsideNotice';
import { SettingsSectionFrame } from './SettingsSectionFrame';
import { AppearanceSection, ComposeSection, ConfirmationsSection, LogsSection, TerminalSection } from './sections';
import { resetSettings, useSettingsStore } from './store';
import './settings.css';

/**
 * The page's sections, in order; the list on the left links to them. Engines and Notifications are
 * their features' own components (renderer/features/engines/, renderer/features/notifications/) framed here.
 */
const SECTIONS: { id: string; title: string; Section: () => React.JSX.Element }[] = [
  { id: 'settings-appearance', title: 'Appearance', Section: AppearanceSection },
  { id: 'settings-engines', title: 'Engines', Section: EnginesSection },
  { id: 'settings-notifications', title: 'Notifications', Section: NotificationsSection },
  { id: 'settings-terminal', title: 'Terminal', Section: TerminalSection },
  { id: 'settings-logs', title: 'Logs', Section: LogsSection },
  { id: 'settings-compose', title: 'Compose', Section: ComposeSection },
  { id: 'settings-confirmations', title: 'Confirmations', Section: ConfirmationsSection },
];

/** Everything "Reset all" puts back, other features' settings included. */
const RESET_ALL_ITEMS = [
  'Theme',
  'Terminal: font, size, cursor, scrollback',
  'Logs defaults: tail, timestamps, wrap',
  'Compose CLI path',
  'Confirmations',
  'Engines: added engines and the chosen engine',
  'Notifications: per-engine switches, mutes',
];

function EnginesSection() {
  return (
    <SettingsSectionFrame
      id="settings-engines"
      title="Engines"
      hint="The engines Berth knows: the default, Docker contexts, Podman sockets and the ones you added."
    >
      <EnginesSettings />
    </SettingsSectionFrame>
  );
}

function NotificationsSection() {
  return (
    <SettingsSectionFrame
      id="settings-notifications"
      title="Notifications"
      hint="Desktop notifications when a container fails. Changes are saved at once."
    >
      <NotificationSettings />
    </SettingsSectionFrame>
  );
}

export function SettingsView() {
  const file = useSettingsStore((s) => s.state?.file);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  return (
    <section className="settings-view" aria-label="Settings">
      <PageHeader
        title="Settings"
        actions={
          <button type="button" className="btn" onClick={() => setConfirming(true)}>
            Reset all…
          </button>
        }
      />
      <div className="settings-body">
        <nav className="settings-nav" aria-label="Settings sections">
          {SECTIONS.map((s) => (
            <a
              key={s.id}
              href={`#${s.id}`}
              className="settings-nav-item"
              onClick={(e) => {
                // The router owns the hash: scroll to the section instead of navigating.
                e.preventDefault();
                const el = document.getElementById(s.id);
                el?.scrollIntoView({ block: 'start' });
                el?.querySelector<HTMLElement>('input, select, button')?.focus({ preventScroll: true });
              }}
            >
              {s.title}
            </a>
          ))}
        </nav>
        <div className="settings-main">
          <KeptAsideNotice />
          {SECTIONS.map(({ id, Section }) => (
            <Section key={id} />
          ))}
          {file && (
            <p className="settings-file">
              Saved in <span className="mono">{file}</span>
            </p>
          )}
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Reset all settings?"
        message="Every setting goes back to its default, including those of other parts of Berth:"
        items={RESET_ALL_ITEMS}
        itemsLabel="Settings to reset"
        confirmLabel="Reset all settings"
        busy={busy}
        error={error && <>Could not reset: {error}</>}
        onCancel={() => {
          setConfirming(false);
          setError(undefined);
        }}
        onConfirm={() => {
          setBusy(true);
          resetSettings('all')
            // Reset all clears the notifications key too: their store reads it again.
            .then(() => useNotificationPrefs.getState().load())
            .then(() => setConfirming(false))
            .catch((err: unknown) => setError(errorMessage(err)))
            .finally(() => setBusy(false));
        }}
      />
    </section>
  );
}
