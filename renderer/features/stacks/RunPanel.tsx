import { CircleCheck, CircleX, Copy, OctagonX } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { StateBadge } from '../../components/Badge';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { exitStatus } from '../../presentation/compose';
import { groupStacks } from '../../presentation/stacks';
import { toast } from '../../stores/toasts';
import { useContainersStore } from '../containers/store';
import { copyText } from '../../lib/clipboard';
import { RunTerminal } from './RunTerminal';
import { cancelComposeRun, closeComposeRun, outputText, useComposeRun, type ComposeRun } from './runStore';
import { MiniTableHead } from './MiniTableHead';

/**
 * The output panel of every compose CLI run: live output, Cancel, then the end status, the CLI's
 * message, per-service errors and, after a failure or cancel, what the engine has of the project.
 */
export function RunPanel({ onRetry }: { onRetry?: (run: ComposeRun) => void }) {
  const run = useComposeRun((s) => s.run);
  if (!run) return null;
  return <OpenRunPanel run={run} onRetry={onRetry} />;
}

function OpenRunPanel({ run, onRetry }: { run: ComposeRun; onRetry: ((run: ComposeRun) => void) | undefined }) {
  const running = run.phase === 'running';
  return (
    <Dialog
      open
      title={run.title}
      width={860}
      dismissable={!running}
      onClose={closeComposeRun}
      description={<RunStatus run={run} />}
      footer={
        <>
          <button type="button" className="btn" aria-label="Copy output" onClick={() => void copyOutput()}>
            <Copy size={13} aria-hidden="true" />
            Copy output
          </button>
          <span className="dialog-footer-spacer" />
          {running ? (
            <button type="button" className="btn btn-danger" onClick={cancelComposeRun} disabled={run.cancelling}>
              {run.cancelling ? <Spinner size={12} /> : <OctagonX size={13} aria-hidden="true" />}
              {run.cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          ) : (
            <>
              {onRetry && run.phase !== 'done' && run.op.op === 'up' && (
                <button type="button" className="btn" onClick={() => onRetry(run)}>
                  Edit and retry
                </button>
              )}
              <button type="button" className="btn btn-primary" onClick={closeComposeRun} autoFocus>
                Close
              </button>
            </>
          )}
        </>
      }
    >
      <div className="stack-run">
        <RunTerminal runKey={run.key} />
        {!running && <RunOutcome run={run} />}
      </div>
    </Dialog>
  );
}

async function copyOutput(): Promise<void> {
  if (await copyText(outputText())) toast.success('Output copied');
}

/** Seconds since the run started, ticking once a second while it runs. */
function useElapsed(run: ComposeRun): number {
  const [now, setNow] = useState(() => Date.now());
  const running = run.phase === 'running';
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [running]);
  return Math.max(0, Math.round(((run.endedAt ?? now) - run.startedAt) / 1000));
}

function RunStatus({ run }: { run: ComposeRun }) {
  const seconds = useElapsed(run);
  if (run.phase === 'running') {
    return (
      <span className="stack-run-status" role="status">
        <Spinner size={12} /> Running… {seconds} s
      </span>
    );
  }
  const text = run.exit ? exitStatus(run.exit).text : run.phase === 'cancelled' ? 'Cancelled' : 'Failed';
  const ok = run.phase === 'done';
  return (
    <span className={`stack-run-status ${ok ? 'is-ok' : 'is-failed'}`} role="status">
      {ok ? <CircleCheck size={13} aria-hidden="true" /> : <CircleX size={13} aria-hidden="true" />}
      {text} · {seconds} s
    </span>
  );
}

function RunOutcome({ run }: { run: ComposeRun }) {
  const exit = run.exit;
  const message = exit?.message ?? run.error;
  const showProject = run.phase !== 'done' && (run.op.op === 'up' || run.op.op === 'scale');
  return (
    <>
      {message && run.phase !== 'done' && (
        <div className="inline-error stack-run-message mono" role="alert">
          {message}
        </div>
      )}
      {exit && exit.serviceErrors.length > 0 && (
        <ul className="stack-run-errors" aria-label="Service errors">
          {exit.serviceErrors.map((e, i) => (
            <li key={`${e.service}-${i}`}>
              <span className="stack-run-errors-service">{e.service}</span>
              <span className="mono">{e.message}</span>
            </li>
          ))}
        </ul>
      )}
      {showProject && <ProjectLeft run={run} />}
    </>
  );
}

/** What runs and what does not after a failed or cancelled up: the exit frame's list, else the live one. */
function ProjectLeft({ run }: { run: ComposeRun }) {
  const list = useContainersStore((s) => s.list);
  const live = useMemo(() => {
    const stack = groupStacks(list).find((s) => s.project === run.project);
    return (
      stack?.services.flatMap((s) =>
        s.containers.map((c) => ({ id: c.id, name: c.name, service: s.name, state: c.state })),
      ) ?? []
    );
  }, [list, run.project]);
  const rows = run.exit?.project ?? live;
  return (
    <section className="stack-run-left" aria-label={`What the engine has of ${run.project}`}>
      <h3 className="stack-section-title">What the engine has of {run.project}</h3>
      {rows.length === 0 ? (
        <p className="cell-muted">No container of {run.project} exists.</p>
      ) : (
        <table className="stack-mini-table">
          <MiniTableHead columns={['Container', 'Service', 'State']} />
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} aria-label={`${c.name}, ${c.state}`}>
                <td className="mono">{c.name}</td>
                <td>{c.service}</td>
                <td>
                  <StateBadge state={c.state} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
