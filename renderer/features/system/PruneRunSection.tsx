import { CircleCheck, TriangleAlert } from 'lucide-react';
import type { BerthError } from '../../../shared/errors';
import { formatBytes, plural } from '../../presentation/format';
import { PRUNE_KIND_NAMES, skipReason, type PruneRun } from '../../presentation/system';

/** A running system prune: N of M objects, the last one handled, a bar. */
export function PruneProgress({ run }: { run: PruneRun }) {
  const pct = run.total > 0 ? Math.round((run.index * 100) / run.total) : 0;
  return (
    <div className="sy-run" aria-live="polite">
      <div className="sy-run-head">
        <span>
          Removing… <span className="tabular">{run.index}</span> of <span className="tabular">{run.total}</span>
        </span>
        <span className="tabular sy-run-freed">{formatBytes(run.reclaimed)} freed</span>
      </div>
      <div
        className="sy-bar"
        role="progressbar"
        aria-label="Prune progress"
        aria-valuemin={0}
        aria-valuemax={run.total}
        aria-valuenow={run.index}
        aria-valuetext={`${run.index} of ${run.total}`}
      >
        <div className="sy-bar-fill" style={{ width: `${pct}%` }} />
      </div>
      <div className="sy-run-current mono">{run.current ?? 'Starting…'}</div>
    </div>
  );
}

/** What a finished (or failed) system prune did: space reclaimed, count removed, each object kept and why. */
export function PruneResult({ run, error }: { run: PruneRun; error: BerthError | undefined }) {
  return (
    <div className="sy-result" role="region" aria-label="Prune result">
      <div className="sy-result-summary">
        <CircleCheck size={18} aria-hidden="true" className="sy-result-icon" />
        <div>
          <div className="sy-result-big tabular" aria-label="Space reclaimed">
            {formatBytes(run.reclaimed)} reclaimed
          </div>
          <div className="sy-result-sub">
            {plural(run.removed, 'object')} removed
            {run.skipped.length > 0 && <> · {plural(run.skipped.length, 'object')} kept</>}
          </div>
        </div>
      </div>
      {error && (
        <div className="inline-error" role="alert">
          The prune stopped: {error.message}. {run.index} of {run.total} objects were handled.
        </div>
      )}
      {run.skipped.length > 0 && (
        <div className="sy-skipped">
          <div className="sy-skipped-title">
            <TriangleAlert size={14} aria-hidden="true" />
            Kept by the engine
          </div>
          <ul className="sy-skipped-list" aria-label="Kept objects">
            {run.skipped.map((s) => (
              <li key={`${s.kind}:${s.id}`} aria-label={`${PRUNE_KIND_NAMES[s.kind].one} ${s.label}`}>
                <span className="sy-skipped-what">
                  <span className="sy-skipped-kind">{PRUNE_KIND_NAMES[s.kind].one}</span>
                  <span className="mono">{s.label}</span>
                </span>
                <span className="sy-skipped-why">
                  <span className="sy-code mono" title={skipReason(s.code)}>
                    {s.code}
                  </span>{' '}
                  {s.message || skipReason(s.code)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
