import { CircleAlert } from 'lucide-react';
import { Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { whenIdle } from '../../lib/idle';
import { lazyComponent } from '../../components/lazyComponent';
import { isBerthError } from '../../../shared/errors';
import type { ContainerInspect } from '../../../shared/models';
import { api } from '../../api';
import { containerPath, href, navigate, type ContainerTab } from '../../lib/router';
import { BackCrumbs } from '../../components/BackCrumbs';
import { Badge, StateBadge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { Spinner } from '../../components/Spinner';
import { Tabs } from '../../components/Tabs';
import { shortId } from '../../presentation/format';
import { redactEnvInJson } from '../../presentation/secrets';
import { onEngineEvent } from '../../stores/engineEvents';
import { useEngineReady, useEngineStale } from '../../stores/engineStatus';
import { useEngineGeneration } from '../engines/store';
import { StaleTag } from '../../components/PageHeader';
import { errorMessage } from '../../stores/toasts';
import { ContainerArchiveActions } from '../archive/ContainerArchiveActions';
import { MuteButton } from '../notifications/MuteButton';
import { ContainerActions } from './ContainerActions';
import { ContainerOverview } from './ContainerOverview';
import { classifyEvent } from './live';
import { RemoveContainersDialog } from './RemoveContainersDialog';
import { useContainersStore } from './store';
import './containers.css';

// Each tab's code (xterm, uPlot, the JSON viewer…) loads when the tab is first opened.
const LogsPanel = lazyComponent(() => import('../logs/LogsPanel').then((m) => m.LogsPanel));
const TerminalPanel = lazyComponent(() => import('../terminal/TerminalPanel').then((m) => m.TerminalPanel));
const StatsPanel = lazyComponent(() => import('../stats/StatsPanel').then((m) => m.StatsPanel));
const ProcessesPanel = lazyComponent(() => import('../stats/ProcessesPanel').then((m) => m.ProcessesPanel));
const ChangesPanel = lazyComponent(() => import('../stats/ChangesPanel').then((m) => m.ChangesPanel));
const ContainerFilesPanel = lazyComponent(() =>
  import('../files/ContainerFilesPanel').then((m) => m.ContainerFilesPanel),
);
const JsonViewer = lazyComponent(() => import('../../components/JsonViewer').then((m) => m.JsonViewer));

/**
 * #/containers/<id>[/inspect]: header (name, state, actions) + Overview / Inspect tabs. Stays live:
 * re-inspects on this container's events; says so when the container is destroyed.
 */
export function ContainerDetailView({ id, tab }: { id: string; tab: ContainerTab }) {
  const [data, setData] = useState<ContainerInspect | undefined>();
  const [error, setError] = useState<{ notFound: boolean; message: string } | undefined>();
  const [gone, setGone] = useState(false);
  const [removing, setRemoving] = useState(false);
  const fullId = useRef<string | undefined>(undefined);
  // The list already knows the container: the page (and a Logs/Terminal/Stats tab's stream) starts from
  // that row at once instead of waiting for the inspect round trip; Overview and Inspect wait for it.
  const summary = useContainersStore((s) => s.byId.get(id));
  const headId = data?.detail.id ?? summary?.id;
  const busyAction = useContainersStore((s) => (headId ? s.busy[headId] : undefined));
  const ready = useEngineReady();
  // A switch to another engine that has this container re-opens its streams there (the terminal ends).
  const engineGen = useEngineGeneration();

  const load = useCallback(async () => {
    try {
      const res = await api.invoke('containers.inspect', { id: fullId.current ?? id });
      fullId.current = res.detail.id;
      setData(res);
      setError(undefined);
      setGone(false);
    } catch (err) {
      const notFound = isBerthError(err) && err.code === 'NOT_FOUND';
      if (notFound && fullId.current) setGone(true);
      else setError({ notFound, message: errorMessage(err) });
    }
  }, [id]);

  // Opening straight on a stream tab (logs, terminal, stats…) with the row known: the header has what it
  // needs, so the inspect waits until the page is idle instead of competing with the tab's first data.
  const deferFirstLoad = useRef(summary !== undefined && tab !== 'overview' && tab !== 'inspect');
  useEffect(() => {
    let cancelIdle: (() => void) | undefined;
    if (deferFirstLoad.current) cancelIdle = whenIdle(() => void load(), 300, 0);
    else void load();
    deferFirstLoad.current = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = (): void => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void load();
      }, 30);
    };
    const off = onEngineEvent((ev) => {
      const effect = classifyEvent(ev);
      const mine = fullId.current;
      if (effect.kind === 'resync') soon();
      else if (effect.kind === 'drop' && mine && effect.id === mine) setGone(true);
      else if (effect.kind === 'patch' && (effect.id === mine || (!mine && effect.id.startsWith(id)))) soon();
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
      cancelIdle?.();
    };
  }, [id, load]);

  if (!data && (error || !summary)) {
    return (
      <section className="page" aria-label="Container">
        <DetailHeaderBar title={id} />
        {error ? (
          <div className="page page-center">
            <EmptyState
              icon={CircleAlert}
              title={error.notFound ? 'No such container' : 'Could not load the container'}
              hint={error.message}
              action={<a href={href('/containers')}>Back to containers</a>}
            />
          </div>
        ) : (
          <div className="page page-center">
            <Spinner label="Loading container" />
          </div>
        )}
      </section>
    );
  }

  const d = data?.detail ?? summary!;
  const target = { id: d.id, name: d.name };
  const waiting = <Spinner label="Loading container" />;
  return (
    <section className="page" aria-label={`Container ${d.name}`}>
      <DetailHeaderBar
        title={d.name}
        badges={
          <>
            {gone ? (
              <Badge tone="danger">Removed</Badge>
            ) : (
              <StateBadge state={d.state} busy={busyAction !== undefined} />
            )}
            {d.composeService && <Badge tone="info">{d.composeService}</Badge>}
            <span className="detail-id mono" title={d.id}>
              {shortId(d.id)}
            </span>
          </>
        }
        actions={
          !gone && (
            <>
              <ContainerActions
                target={target}
                state={d.state}
                busy={busyAction !== undefined}
                variant="buttons"
                onRemove={() => setRemoving(true)}
              />
              <ContainerArchiveActions id={d.id} name={d.name} disabled={busyAction !== undefined || !ready} />
              <MuteButton name={d.name} project={d.composeProject} />
            </>
          )
        }
      />
      {gone && (
        <div className="detail-gone" role="status">
          This container was removed. What you see is its last known state.{' '}
          <a href={href('/containers')}>Back to containers</a>
        </div>
      )}
      <Tabs
        label="Container details"
        value={tab}
        onChange={(t) => navigate(containerPath(id, t))}
        tabs={[
          { value: 'overview', label: 'Overview' },
          { value: 'logs', label: 'Logs' },
          { value: 'terminal', label: 'Terminal' },
          { value: 'stats', label: 'Stats' },
          { value: 'processes', label: 'Processes' },
          { value: 'changes', label: 'Changes' },
          { value: 'files', label: 'Files' },
          { value: 'inspect', label: 'Inspect' },
        ]}
      >
        {/* Switching tabs unmounts the previous panel, which cancels its streams. */}
        {tab === 'overview' && (data ? <ContainerOverview detail={data.detail} /> : waiting)}
        <Suspense fallback={<Spinner label="Loading tab" />}>
          {tab === 'logs' && <LogsPanel key={`${d.id}:${engineGen}`} containerId={d.id} state={d.state} />}
          {tab === 'terminal' && <TerminalPanel key={d.id} containerId={d.id} state={d.state} />}
          {tab === 'stats' && <StatsPanel key={`${d.id}:${engineGen}`} containerId={d.id} state={d.state} />}
          {tab === 'processes' && <ProcessesPanel key={`${d.id}:${engineGen}`} containerId={d.id} state={d.state} />}
          {tab === 'changes' && <ChangesPanel key={`${d.id}:${engineGen}`} containerId={d.id} state={d.state} />}
          {tab === 'files' && <ContainerFilesPanel key={`${d.id}:${engineGen}`} containerId={d.id} />}
          {tab === 'inspect' &&
            (data ? (
              <JsonViewer
                key={d.id}
                value={data.raw}
                label="Container inspect"
                defaultExpandDepth={1}
                redact={redactEnvInJson}
              />
            ) : (
              waiting
            ))}
        </Suspense>
      </Tabs>
      {removing && (
        <RemoveContainersDialog
          targets={[target]}
          onClose={() => setRemoving(false)}
          onRemoved={() => navigate('/containers')}
        />
      )}
    </section>
  );
}

function DetailHeaderBar({ title, badges, actions }: { title: string; badges?: ReactNode; actions?: ReactNode }) {
  const stale = useEngineStale();
  return (
    <header className="page-header detail-header">
      <div className="page-title">
        <BackCrumbs path="/containers" section="Containers" />
        <h1 title={title}>{title}</h1>
        {badges}
        {stale && <StaleTag />}
      </div>
      {actions && <div className="page-tools detail-actions">{actions}</div>}
    </header>
  );
}
