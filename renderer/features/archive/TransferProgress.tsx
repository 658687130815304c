import { formatBytes } from '../../presentation/format';
import { progressFraction } from '../../presentation/prune';

/** A labelled progress bar for a transfer: bytes of total (or of an estimate), indeterminate when unknown. */
export function TransferProgress({
  label,
  bytes,
  total,
  estimate,
  startedAt,
}: {
  label: string;
  bytes: number;
  total: number | undefined;
  estimate: boolean;
  startedAt: number;
}) {
  const fraction = progressFraction(bytes, total, false);
  const seconds = Math.max((Date.now() - startedAt) / 1000, 0.001);
  const rate = bytes / seconds;
  const text =
    total !== undefined
      ? `${formatBytes(bytes)} of ${estimate ? 'about ' : ''}${formatBytes(total)}`
      : bytes > 0
        ? formatBytes(bytes)
        : 'Starting…';
  return (
    <div className="ar-progress">
      <div className="ar-progress-head">
        <span>{label}</span>
        <span className="tabular ar-progress-text">
          {text}
          {bytes > 0 && seconds > 0.5 && <span className="ar-rate"> · {formatBytes(rate)}/s</span>}
        </span>
      </div>
      <div
        className={`ar-bar${fraction === undefined ? ' is-indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={fraction === undefined ? undefined : 100}
        aria-valuenow={fraction === undefined ? undefined : Math.round(fraction * 100)}
        aria-valuetext={text}
      >
        <div className="ar-bar-fill" style={fraction === undefined ? undefined : { width: `${fraction * 100}%` }} />
      </div>
    </div>
  );
}
