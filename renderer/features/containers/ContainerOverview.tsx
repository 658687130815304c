import { Eye, EyeOff } from 'lucide-react';
import { useMemo, useState, type ReactNode } from 'react';
import type { ContainerDetail } from '../../../shared/models';
import { Badge } from '../../components/Badge';
import { IconButton } from '../../components/IconButton';
import { useNow } from '../../components/useNow';
import {
  commandForm,
  formatBytes,
  formatCpus,
  formatDateTime,
  formatMemoryLimit,
  formatPorts,
  formatRelativeTime,
  parseEngineTime,
  shortId,
} from '../../presentation/format';
import { envValueParts, hasSecret, MASK } from '../../presentation/secrets';
import { ContainerNetworks } from './ContainerNetworks';
import { PairsSection, Row, Section } from './OverviewSection';

/** The Overview tab of a container: what it runs, with which limits, env, mounts, ports and networks. */
export function ContainerOverview({ detail: d }: { detail: ContainerDetail }) {
  const now = useNow();
  const when = (iso: string | undefined): ReactNode => {
    const t = parseEngineTime(iso);
    if (t === undefined) return <span className="cell-faint">—</span>;
    return (
      <span title={iso}>
        {formatDateTime(t)} <span className="cell-muted">({formatRelativeTime(t, now)})</span>
      </span>
    );
  };
  const running = d.state === 'running' || d.state === 'paused' || d.state === 'restarting';
  const cmd = commandForm(d.entrypoint, d.cmd);
  const ports = formatPorts(d.ports);
  const rp = d.restartPolicy;
  const restart =
    rp.name === 'on-failure' && rp.maximumRetryCount > 0
      ? `on-failure (max ${rp.maximumRetryCount} ${rp.maximumRetryCount === 1 ? 'retry' : 'retries'})`
      : rp.name || 'no';
  const l = d.limits;

  return (
    <div className="overview">
      <Section title="Summary">
        <dl className="kv">
          <Row k="Image">
            <span className="mono">{d.image}</span>{' '}
            <span className="cell-muted mono" title={d.imageId}>
              {shortId(d.imageId)}
            </span>
          </Row>
          <Row k="ID">
            <span className="mono" title={d.id}>
              {shortId(d.id)}
            </span>
          </Row>
          <Row k="Created">{when(d.created)}</Row>
          <Row k="Started">{when(d.startedAt)}</Row>
          {!running && <Row k="Finished">{when(d.finishedAt)}</Row>}
          {!running && d.exitCode !== undefined && d.startedAt && (
            <Row k="Exit code">
              <span className={d.exitCode === 0 ? undefined : 'text-danger'}>{d.exitCode}</span>
            </Row>
          )}
          {d.error && (
            <Row k="Error">
              <span className="text-danger">{d.error}</span>
            </Row>
          )}
          {d.health && <Row k="Health">{d.health}</Row>}
          <Row k="Restart policy">
            {restart}
            {d.restartCount > 0 && <span className="cell-muted"> · restarted {d.restartCount}×</span>}
          </Row>
          {d.composeProject && (
            <Row k="Compose">
              {d.composeProject} / {d.composeService ?? '—'}
            </Row>
          )}
        </dl>
      </Section>

      <Section
        title="Command"
        aside={<Badge tone={cmd.form === 'shell' ? 'warning' : 'neutral'}>{cmd.form} form</Badge>}
      >
        <dl className="kv">
          <Row k="Runs">
            {cmd.display ? <code className="code-line">{cmd.display}</code> : <span className="cell-faint">—</span>}
          </Row>
          <Row k="Entrypoint">
            {d.entrypoint.length ? (
              <code className="code-line">{JSON.stringify(d.entrypoint)}</code>
            ) : (
              <span className="cell-faint">none</span>
            )}
          </Row>
          <Row k="Cmd">
            {d.cmd.length ? (
              <code className="code-line">{JSON.stringify(d.cmd)}</code>
            ) : (
              <span className="cell-faint">none</span>
            )}
          </Row>
        </dl>
        <p className="section-note">
          {cmd.form === 'shell'
            ? 'Shell form: the command runs through /bin/sh -c, so the shell (not your program) is PID 1 and receives stop signals.'
            : 'Exec form: the program runs directly as PID 1, without a shell.'}
        </p>
      </Section>

      <Section title="Resources">
        <dl className="kv">
          <Row k="CPU">{formatCpus(l.nanoCpus)}</Row>
          <Row k="Memory">{formatMemoryLimit(l.memory)}</Row>
          {l.memorySwap !== 0 && (
            <Row k="Memory + swap">{l.memorySwap < 0 ? 'unlimited' : formatBytes(l.memorySwap)}</Row>
          )}
          {l.cpuShares > 0 && <Row k="CPU shares">{l.cpuShares}</Row>}
          {l.cpuQuota > 0 && (
            <Row k="CPU quota">
              {l.cpuQuota} µs / {l.cpuPeriod || 100000} µs
            </Row>
          )}
          {l.cpusetCpus && <Row k="CPU set">{l.cpusetCpus}</Row>}
          <Row k="PIDs limit">{l.pidsLimit && l.pidsLimit > 0 ? l.pidsLimit : 'unlimited'}</Row>
        </dl>
      </Section>

      <Section title="Runtime">
        <dl className="kv">
          <Row k="Hostname">
            <span className="mono">{d.hostname || '—'}</span>
          </Row>
          <Row k="User">
            {d.user ? <span className="mono">{d.user}</span> : <span className="cell-muted">image default</span>}
          </Row>
          <Row k="Working dir">
            {d.workingDir ? (
              <span className="mono">{d.workingDir}</span>
            ) : (
              <span className="cell-muted">image default</span>
            )}
          </Row>
          <Row k="Network mode">{d.networkMode}</Row>
          <Row k="Flags">
            <span className="flags">
              {d.tty && <Badge>TTY</Badge>}
              {d.openStdin && <Badge>stdin open</Badge>}
              {d.autoRemove && <Badge>auto-remove</Badge>}
              {d.privileged && <Badge tone="danger">privileged</Badge>}
              {!d.tty && !d.openStdin && !d.autoRemove && !d.privileged && <span className="cell-faint">—</span>}
            </span>
          </Row>
        </dl>
      </Section>

      <Section title="Ports" count={ports.length} wide>
        {ports.length === 0 ? (
          <p className="section-empty">No ports exposed.</p>
        ) : (
          <table className="mini" aria-label="Ports">
            <thead>
              <tr>
                <th>Published</th>
                <th>Container</th>
                <th>Open</th>
              </tr>
            </thead>
            <tbody>
              {d.ports.map((p, i) => {
                const v = formatPorts([p])[0];
                return (
                  <tr key={i}>
                    <td className="mono">
                      {p.publicPort !== undefined ? (
                        `${p.ip && p.ip !== '0.0.0.0' && p.ip !== '::' ? p.ip : '0.0.0.0'}:${p.publicPort}`
                      ) : (
                        <span className="cell-faint">not published</span>
                      )}
                    </td>
                    <td className="mono">
                      {p.privatePort}/{p.protocol}
                    </td>
                    <td>
                      {v?.url ? (
                        <a href={v.url} target="_blank" rel="noreferrer">
                          {v.url}
                        </a>
                      ) : (
                        <span className="cell-faint">—</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Section>

      <EnvSection env={d.env} />

      <Section title="Mounts" count={d.mounts.length} wide>
        {d.mounts.length === 0 ? (
          <p className="section-empty">No mounts.</p>
        ) : (
          <table className="mini" aria-label="Mounts">
            <thead>
              <tr>
                <th style={{ width: 80 }}>Type</th>
                <th>Source</th>
                <th>Destination</th>
                <th style={{ width: 60 }}>Mode</th>
              </tr>
            </thead>
            <tbody>
              {d.mounts.map((m, i) => (
                <tr key={i}>
                  <td>{m.type}</td>
                  <td className="mono wrap">{m.type === 'volume' && m.name ? m.name : m.source}</td>
                  <td className="mono wrap">→ {m.destination}</td>
                  <td>{m.readOnly ? <Badge tone="warning">ro</Badge> : <span className="cell-muted">rw</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <ContainerNetworks detail={d} />

      <PairsSection
        title="Labels"
        pairs={Object.entries(d.labels).sort(([a], [b]) => a.localeCompare(b))}
        none="No labels."
        wide
      />
    </div>
  );
}

function EnvSection({ env }: { env: ContainerDetail['env'] }) {
  // Revealed rows by index (keys can repeat); "Reveal secrets" reveals them all. Nothing by default.
  const [revealed, setRevealed] = useState<Set<number>>(new Set());
  const rows = useMemo(() => env.map(({ key, value }) => ({ key, value, parts: envValueParts(key, value) })), [env]);
  const secretRows = rows.flatMap((r, i) => (hasSecret(r.parts) ? [i] : []));
  const allShown = secretRows.length > 0 && secretRows.every((i) => revealed.has(i));
  const toggle = (i: number): void =>
    setRevealed((prev) => {
      const next = new Set(prev);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  const aside =
    secretRows.length > 0 ? (
      <button
        type="button"
        className="btn btn-sm btn-ghost"
        aria-pressed={allShown}
        onClick={() => setRevealed(allShown ? new Set() : new Set(secretRows))}
      >
        {allShown ? <EyeOff size={13} aria-hidden="true" /> : <Eye size={13} aria-hidden="true" />}
        {allShown ? 'Hide secrets' : 'Reveal secrets'}
      </button>
    ) : undefined;
  return (
    <Section title="Environment" count={env.length} aside={aside} wide>
      {env.length === 0 ? (
        <p className="section-empty">No environment variables.</p>
      ) : (
        <table className="mini" aria-label="Environment">
          <thead>
            <tr>
              <th style={{ width: '34%' }}>Key</th>
              <th>Value</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, value, parts }, i) => {
              const secret = hasSecret(parts);
              const shown = !secret || revealed.has(i);
              return (
                <tr key={`${key}-${i}`}>
                  <td className="mono wrap kv-key">{key}</td>
                  <td className="mono wrap">
                    <span className="env-value">
                      {value === '' ? (
                        <span className="cell-faint">(empty)</span>
                      ) : (
                        <span>
                          {parts.map((p, j) =>
                            p.secret && !shown ? (
                              <span key={j} className="masked" aria-label="hidden value">
                                {MASK}
                              </span>
                            ) : (
                              p.text
                            ),
                          )}
                        </span>
                      )}
                      {secret && (
                        <IconButton
                          size="sm"
                          label={shown ? `Hide ${key}` : `Reveal ${key}`}
                          icon={shown ? EyeOff : Eye}
                          aria-pressed={shown}
                          onClick={() => toggle(i)}
                        />
                      )}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Section>
  );
}
