import { Anchor, KeyRound, RefreshCw, ServerOff } from 'lucide-react';
import type { EngineSource, EngineStatus } from '../../shared/models';
import { ReasonText } from '../components/ReasonText';
import { Spinner } from '../components/Spinner';
import { OtherEnginesSection } from '../features/engines/OtherEngines';
import { useEngineStatusStore } from '../stores/engineStatus';
import { ThemeToggle } from './Sidebar';
import { StartEngineSection } from './StartEngine';

/** Full-page states of the shell: no engine, connecting, web token missing; and the reconnect banner. */

const SOURCE_LABEL: Record<EngineSource, string> = {
  setting: 'Berth setting',
  DOCKER_HOST: 'DOCKER_HOST',
  context: 'Docker context',
  default: 'default socket',
  podman: 'Podman socket',
};

export function ConnectingScreen({ label }: { label: string }) {
  return (
    <div className="screen screen-quiet">
      <Spinner size={18} label={label} />
      <span className="screen-quiet-text">{label}</span>
    </div>
  );
}

export function NoEngineScreen({ status }: { status: EngineStatus }) {
  const reconnect = useEngineStatusStore((s) => s.reconnect);
  const reconnecting = useEngineStatusStore((s) => s.reconnecting);
  return (
    <div className="screen">
      <ScreenBrand />
      <ThemeToggle className="screen-theme" />
      <section className="screen-card" aria-labelledby="no-engine-title">
        <ServerOff size={28} strokeWidth={1.6} aria-hidden="true" className="screen-icon" />
        <h1 id="no-engine-title">No container engine found</h1>
        <p className="screen-lead">
          Berth could not reach a Docker or Podman engine
          {status.tried.length === 0 && status.reason ? (
            <>
              : <span className="screen-reason">{status.reason}</span>
            </>
          ) : (
            '.'
          )}
        </p>

        {status.tried.length > 0 && (
          <>
            <h2>What Berth tried</h2>
            <ul className="tried" aria-label="Endpoints tried">
              {status.tried.map((t, i) => (
                <li key={`${t.endpoint}-${i}`}>
                  <div className="tried-head">
                    <code>{t.endpoint}</code>
                    <span className="tried-source">{SOURCE_LABEL[t.source]}</span>
                  </div>
                  {t.error && (
                    <div className="tried-error">
                      <ReasonText text={t.error} />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}

        <OtherEnginesSection />

        <h2>Start one</h2>
        <StartEngineSection />
        <p className="screen-note">
          Elsewhere: set <code>DOCKER_HOST</code> (e.g. <code>ssh://user@host</code>) or choose a Docker context with{' '}
          <code>docker context use &lt;name&gt;</code>, then retry.
        </p>

        <div className="screen-actions">
          <button type="button" className="btn" onClick={() => void reconnect()} disabled={reconnecting}>
            {reconnecting ? <Spinner size={12} /> : <RefreshCw size={14} aria-hidden="true" />}
            Retry
          </button>
        </div>
      </section>
    </div>
  );
}

export function TokenScreen() {
  return (
    <div className="screen">
      <ScreenBrand />
      <ThemeToggle className="screen-theme" />
      <section className="screen-card" aria-labelledby="token-title">
        <KeyRound size={28} strokeWidth={1.6} aria-hidden="true" className="screen-icon" />
        <h1 id="token-title">Access token needed</h1>
        <p className="screen-lead">
          This page needs its access token: open the URL printed by <code>npm run web</code> (it ends in{' '}
          <code>#token=…</code>).
        </p>
        <p className="screen-note">
          The token keeps other web pages and other users on this machine away from your container engine.
        </p>
      </section>
    </div>
  );
}

function ScreenBrand() {
  return (
    <div className="screen-brand">
      <Anchor size={15} strokeWidth={2.2} aria-hidden="true" />
      Berth
    </div>
  );
}

export function ReconnectBanner({ text }: { text: string }) {
  return (
    <div className="banner" role="status" title={text}>
      <Spinner size={12} />
      <span className="banner-text">{text}</span>
    </div>
  );
}
