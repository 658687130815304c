import type { RestorePlan } from '../../../shared/contracts/volume-backup';
import { Spinner } from '../../components/Spinner';
import { overwriteText, planSummary, someNames } from '../../presentation/volumeBackup';
import type { PlanState } from './useRestorePlan';
import { Note } from './VolumeCopyParts';

/** What the chosen backup holds (entries, bytes, gzip, top-level names), read before anything is written. */
export function PlanSummary({ plan }: { plan: PlanState }) {
  if (plan.state === 'loading')
    return (
      <div className="vb-plan is-loading" role="status">
        <Spinner size={12} />
        Reading the backup…
      </div>
    );
  if (plan.state !== 'ready') return null;
  const { shown, more } = someNames(plan.plan.topLevel);
  return (
    <section className="vb-plan" aria-label="Backup contents">
      <div className="vb-plan-line tabular">{planSummary(plan.plan)}</div>
      {plan.plan.topLevel.length === 0 ? (
        <div className="field-hint">The backup is empty.</div>
      ) : (
        <ul className="ar-chips vb-names" aria-label="Top-level names in the backup">
          {shown.map((n) => (
            <li key={n} className="mono">
              {n}
            </li>
          ))}
          {more > 0 && <li className="vb-more">and {more} more</li>}
        </ul>
      )}
    </section>
  );
}

/**
 * An existing target that is not empty: exactly which of its top-level names the backup overwrites, and
 * a checkbox the user must tick before Restore is enabled.
 */
export function OverwriteConfirm({
  volume,
  plan,
  confirmed,
  onConfirm,
  disabled,
}: {
  volume: string;
  plan: RestorePlan;
  confirmed: boolean;
  onConfirm: (v: boolean) => void;
  disabled: boolean;
}) {
  const text = overwriteText(volume, plan);
  if (!text) return null;
  const { shown, more } = someNames(plan.overwrites, 20);
  return (
    <Note tone="warning" label="Overwrite">
      <p className="vb-note-text">{text}</p>
      {plan.overwrites.length > 0 && (
        <ul className="ar-chips vb-names" aria-label="Overwritten in the volume">
          {shown.map((n) => (
            <li key={n} className="mono">
              {n}
            </li>
          ))}
          {more > 0 && <li className="vb-more">and {more} more</li>}
        </ul>
      )}
      <div className="check-row">
        <input
          id="vb-replace"
          type="checkbox"
          checked={confirmed}
          disabled={disabled}
          onChange={(e) => onConfirm(e.target.checked)}
        />
        <label htmlFor="vb-replace" className="check-label">
          Restore into {volume} and overwrite {plan.overwrites.length > 0 ? 'these' : 'what the backup holds'}
        </label>
      </div>
    </Note>
  );
}
