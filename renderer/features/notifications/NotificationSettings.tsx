import { useEffect, useState } from 'react';
import type { NotificationKind, NotificationPrefs } from '../../../shared/contracts/notifications';
import { Check, FormSection } from '../../components/FormField';
import { useEngineStatus } from '../../stores/engineStatus';
import { MutedList } from './MutedList';
import { useNotificationPrefs } from './prefs';
import { notificationPermission, requestNotificationPermission, type PermissionState } from './show';
import './notifications.css';

/**
 * The notification preferences: opt-in switch (asks the browser/OS permission), per-engine switch,
 * kinds, muted containers and projects. Saved as they change. Embedded by the settings page; until
 * then shown in a dialog from the bell (NotificationsBell).
 */
export function NotificationSettings() {
  const prefs = useNotificationPrefs((s) => s.prefs);
  const issue = useNotificationPrefs((s) => s.issue);
  const update = useNotificationPrefs((s) => s.update);
  useEffect(() => {
    void useNotificationPrefs.getState().load();
  }, []);
  return (
    <div className="notification-settings">
      {issue && (
        <p className="notification-issue" role="alert">
          {issue}
        </p>
      )}
      <EnableSection prefs={prefs} update={update} />
      <EngineSection prefs={prefs} update={update} />
      <KindsSection prefs={prefs} update={update} />
      <FormSection
        id="notify-muted"
        title="Muted"
        hint="No notification for these containers (by name) or compose projects."
      >
        <MutedList />
      </FormSection>
    </div>
  );
}

type Update = (change: (prefs: NotificationPrefs) => NotificationPrefs) => Promise<boolean>;

const PERMISSION_TEXT: Record<PermissionState, string> = {
  granted: 'Allowed by the system.',
  default: 'The system will ask for permission.',
  denied: 'Blocked: allow notifications for Berth in the browser’s site settings (or the system’s), then turn this on.',
  unsupported: 'This browser has no desktop notifications.',
};

function EnableSection({ prefs, update }: { prefs: NotificationPrefs; update: Update }) {
  const [permission, setPermission] = useState<PermissionState>(notificationPermission);
  const [asking, setAsking] = useState(false);
  const blocked = prefs.enabled && permission !== 'granted';

  const toggle = async (on: boolean): Promise<void> => {
    if (!on) {
      await update((p) => ({ ...p, enabled: false }));
      return;
    }
    setAsking(true);
    const answer = await requestNotificationPermission();
    setAsking(false);
    setPermission(answer);
    // Saved only when the system allows it: an "on" that can never show anything would mislead.
    if (answer === 'granted') await update((p) => ({ ...p, enabled: true }));
  };

  return (
    <FormSection id="notify-enable" title="Desktop notifications">
      <Check
        id="notify-enabled"
        label="Notify me when a container fails"
        checked={prefs.enabled}
        disabled={asking}
        onChange={(on) => void toggle(on)}
      />
      <p
        className={`notification-permission${permission === 'denied' || blocked ? ' is-error' : ''}`}
        role={permission === 'denied' ? 'alert' : undefined}
      >
        {PERMISSION_TEXT[permission]}
      </p>
    </FormSection>
  );
}

function EngineSection({ prefs, update }: { prefs: NotificationPrefs; update: Update }) {
  const endpoint = useEngineStatus()?.endpoint;
  const others = Object.entries(prefs.engines).filter(([e, on]) => e !== endpoint && !on);
  const setEngine = (key: string, on: boolean): void =>
    void update((p) => {
      const engines = { ...p.engines };
      // "On" is the default: only engines switched off are kept.
      if (on) delete engines[key];
      else engines[key] = false;
      return { ...p, engines };
    });
  return (
    <FormSection id="notify-engines" title="Per engine">
      {endpoint ? (
        <Check
          id="notify-this-engine"
          label="Notify for this engine"
          hint={endpoint}
          checked={prefs.engines[endpoint] !== false}
          onChange={(on) => setEngine(endpoint, on)}
        />
      ) : (
        <p className="form-section-hint">Not connected to an engine.</p>
      )}
      {others.length > 0 && (
        <ul className="notification-list" aria-label="Engines switched off">
          {others.map(([key]) => (
            <li key={key}>
              <span className="mono notification-name">{key}</span>
              <span className="notification-note">off</span>
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => setEngine(key, true)}
                aria-label={`Turn on ${key}`}
              >
                Turn on
              </button>
            </li>
          ))}
        </ul>
      )}
    </FormSection>
  );
}

const KIND_LABEL: Record<NotificationKind, string> = {
  exit: 'Exits with a non-zero code (not when stopped)',
  oom: 'Is killed for lack of memory (OOM)',
  unhealthy: 'Turns unhealthy',
};

function KindsSection({ prefs, update }: { prefs: NotificationPrefs; update: Update }) {
  return (
    <FormSection id="notify-kinds" title="Notify when a container">
      {(Object.keys(KIND_LABEL) as NotificationKind[]).map((kind) => (
        <Check
          key={kind}
          id={`notify-kind-${kind}`}
          label={KIND_LABEL[kind]}
          checked={prefs.kinds[kind]}
          onChange={(on) => void update((p) => ({ ...p, kinds: { ...p.kinds, [kind]: on } }))}
        />
      ))}
    </FormSection>
  );
}
