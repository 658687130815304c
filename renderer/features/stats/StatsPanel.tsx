import { Activity, CircleAlert, RotateCw } from 'lucide-react';
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type uPlot from 'uplot';
import type { BerthError } from '../../../shared/errors';
import type { ContainerState, ContainerStats } from '../../../shared/models';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { Spinner } from '../../components/Spinner';
import { formatBytes } from '../../presentation/format';
import {
  appendSample,
  emptyHistory,
  formatPercent,
  formatRate,
  rate,
  type StatsHistory,
} from '../../presentation/stats';
import { LiveChart } from './LiveChart';
import './stats.css';

/**
 * Stats tab: live CPU, memory, network, block I/O and PIDs of one container, with charts of the
 * last 5 minutes. One `containers.statsWatch` subscription (one-shot samples about once a second,
 * polled in main); unmounting the tab unsubscribes.
 */
export function StatsPanel({ containerId, state }: { containerId: string; state: ContainerState }) {
  if (state !== 'running' && state !== 'paused') {
    return (
      <section aria-label="Stats" className="stats-panel stats-center">
        <EmptyState
          icon={Activity}
          title="Not running"
          hint="This container is not running, so it uses no CPU or memory. Start it to see live usage."
        />
      </section>
    );
  }
  return <LiveStats containerId={containerId} paused={state === 'paused'} />;
}

interface Latest {
  cur: ContainerStats;
  prev: ContainerStats | undefined;
}

function LiveStats({ containerId, paused }: { containerId: string; paused: boolean }) {
  const history = useRef<StatsHistory>(emptyHistory());
  const prevRef = useRef<ContainerStats | undefined>(undefined);
  const [latest, setLatest] = useState<Latest | undefined>();
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<BerthError | undefined>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setError(undefined);
    return api.subscribe(
      'containers.statsWatch',
      { id: containerId },
      {
        onData: (s) => {
          const prev = prevRef.current;
          appendSample(history.current, prev, s);
          prevRef.current = s;
          setLatest({ cur: s, prev });
          setVersion((v) => v + 1);
        },
        onError: (e) => setError(e),
      },
    );
  }, [containerId, attempt]);

  const h = history.current;
  const cpuData = useCallback((): uPlot.AlignedData => [h.t, h.cpu], [h]);
  const memData = useCallback((): uPlot.AlignedData => [h.t, h.mem], [h]);
  const netData = useCallback((): uPlot.AlignedData => [h.t, h.rx, h.tx], [h]);
  const blkData = useCallback((): uPlot.AlignedData => [h.t, h.read, h.write], [h]);

  if (error) {
    const notRunning = error.code === 'CONFLICT';
    return (
      <section aria-label="Stats" className="stats-panel stats-center">
        <EmptyState
          icon={notRunning ? Activity : CircleAlert}
          title={notRunning ? 'Not running' : 'Live stats stopped'}
          hint={error.message}
          action={
            <button type="button" className="btn" onClick={() => setAttempt((n) => n + 1)}>
              <RotateCw size={13} aria-hidden="true" />
              Try again
            </button>
          }
        />
      </section>
    );
  }
  if (!latest) {
    return (
      <section aria-label="Stats" className="stats-panel stats-center">
        <Spinner label="Waiting for the first sample" />
      </section>
    );
  }

  const { cur, prev } = latest;
  const memPct = cur.memoryLimit > 0 ? ` · ${formatPercent(cur.memoryPercent)}` : '';
  return (
    <section aria-label="Stats" className="stats-panel">
      {paused && (
        <div className="stats-note" role="status">
          Paused: the container uses no CPU until it is resumed.
        </div>
      )}
      <div className="stat-cards">
        <StatCard
          label="CPU"
          value={formatPercent(cur.cpuPercent)}
          sub={`100% = 1 of ${cur.onlineCpus} CPU${cur.onlineCpus === 1 ? '' : 's'}`}
        />
        <StatCard
          label="Memory"
          value={formatBytes(cur.memoryUsage)}
          sub={cur.memoryLimit > 0 ? `of ${formatBytes(cur.memoryLimit)}${memPct}` : 'no limit'}
        />
        <StatCard
          label="Network"
          value={
            <>
              <Dir d="↓" /> {formatRate(rate(prev, cur, 'netRx'))} <Dir d="↑" /> {formatRate(rate(prev, cur, 'netTx'))}
            </>
          }
          sub={`${formatBytes(cur.netRx)} received · ${formatBytes(cur.netTx)} sent`}
        />
        <StatCard
          label="Block I/O"
          value={
            <>
              <Dir d="R" /> {formatRate(rate(prev, cur, 'blockRead'))} <Dir d="W" />{' '}
              {formatRate(rate(prev, cur, 'blockWrite'))}
            </>
          }
          sub={`${formatBytes(cur.blockRead)} read · ${formatBytes(cur.blockWrite)} written`}
        />
        <StatCard label="PIDs" value={String(cur.pids)} sub="processes and threads" />
      </div>
      <div className="stat-charts">
        <ChartBox title="CPU" legend={[{ label: 'CPU', colorVar: '--accent', value: formatPercent(cur.cpuPercent) }]}>
          <LiveChart
            label="CPU usage, last 5 minutes"
            series={CPU_SERIES}
            data={cpuData}
            version={version}
            format={formatAxisPercent}
            minMax={5}
            axisSize={44}
          />
        </ChartBox>
        <ChartBox
          title="Memory"
          legend={[{ label: 'Used', colorVar: '--tone-success', value: formatBytes(cur.memoryUsage) }]}
        >
          <LiveChart
            label="Memory usage, last 5 minutes"
            series={MEM_SERIES}
            data={memData}
            version={version}
            format={formatAxisBytes}
            minMax={1024 * 1024}
            binary
          />
        </ChartBox>
        <RatesChart
          title="Network"
          label="Network traffic, last 5 minutes"
          series={NET_SERIES}
          rates={[rate(prev, cur, 'netRx'), rate(prev, cur, 'netTx')]}
          data={netData}
          version={version}
        />
        <RatesChart
          title="Block I/O"
          label="Disk reads and writes, last 5 minutes"
          series={BLK_SERIES}
          rates={[rate(prev, cur, 'blockRead'), rate(prev, cur, 'blockWrite')]}
          data={blkData}
          version={version}
        />
      </div>
    </section>
  );
}

const CPU_SERIES = [{ label: 'CPU', colorVar: '--accent' }];
const MEM_SERIES = [{ label: 'Used', colorVar: '--tone-success' }];
const NET_SERIES = [
  { label: 'Received', colorVar: '--tone-info' },
  { label: 'Sent', colorVar: '--tone-warning' },
];
const BLK_SERIES = [
  { label: 'Read', colorVar: '--tone-info' },
  { label: 'Written', colorVar: '--tone-danger' },
];

/** A chart of two rates (bytes per second), e.g. received and sent, with their current values as its legend. */
function RatesChart(props: {
  title: string;
  label: string;
  series: typeof NET_SERIES;
  /** Current bytes per second, one per series. */
  rates: readonly Parameters<typeof formatRate>[0][];
  data: () => uPlot.AlignedData;
  version: number;
}) {
  return (
    <ChartBox title={props.title} legend={props.series.map((s, i) => ({ ...s, value: formatRate(props.rates[i]) }))}>
      <LiveChart
        label={props.label}
        series={props.series}
        data={props.data}
        version={props.version}
        format={formatAxisRate}
        minMax={1024}
        binary
        axisSize={64}
      />
    </ChartBox>
  );
}

const formatAxisPercent = (v: number): string => `${Math.round(v * 10) / 10}%`;
const formatAxisBytes = (v: number): string => formatBytes(v, 0);
const formatAxisRate = (v: number): string => `${formatBytes(v, 0)}/s`;

function Dir({ d }: { d: string }) {
  return (
    <span className="stat-dir" aria-hidden="true">
      {d}
    </span>
  );
}

function StatCard({ label, value, sub }: { label: string; value: ReactNode; sub: string }) {
  const id = useId();
  return (
    <div className="stat-card" role="group" aria-labelledby={id}>
      <div className="stat-label" id={id}>
        {label}
      </div>
      <div className="stat-value tabular">{value}</div>
      <div className="stat-sub tabular">{sub}</div>
    </div>
  );
}

function ChartBox({
  title,
  legend,
  children,
}: {
  title: string;
  legend: Array<{ label: string; colorVar: string; value: string }>;
  children: ReactNode;
}) {
  return (
    <figure className="chart-box">
      <figcaption className="chart-head">
        <span className="chart-title">{title}</span>
        <span className="chart-legend">
          {legend.map((l) => (
            <span key={l.label} className="chart-legend-item">
              <span className="chart-swatch" style={{ background: `var(${l.colorVar})` }} aria-hidden="true" />
              {l.label} <span className="tabular">{l.value}</span>
            </span>
          ))}
        </span>
      </figcaption>
      {children}
    </figure>
  );
}
