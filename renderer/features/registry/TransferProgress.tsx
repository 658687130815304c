import type { LayerProgress, TransferOverall } from '../../../shared/contracts/registry';
import { formatOverall, formatPercent, layerRows } from '../../presentation/transfer';

/** Overall bar plus one bar per layer, for a pull or a push. */
export function TransferProgress({
  verb,
  layers,
  overall,
  status,
  finished,
}: {
  verb: 'Pull' | 'Push';
  layers: readonly LayerProgress[];
  overall: TransferOverall;
  status: string | undefined;
  finished: boolean;
}) {
  const rows = layerRows(layers);
  const pct = finished ? 100 : Math.min(99, Math.floor(overall.percent));
  return (
    <div className="rg-transfer">
      <div className="rg-overall">
        <div className="rg-overall-head">
          <span className="rg-overall-title">{finished ? `${verb} finished` : status || `${verb}ing…`}</span>
          <span className="rg-overall-pct tabular">{formatPercent(overall, finished)}</span>
        </div>
        <div
          className={`rg-bar rg-bar-lg${finished ? ' is-done' : ''}`}
          role="progressbar"
          aria-label={`Overall ${verb.toLowerCase()} progress`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
        >
          <div className="rg-bar-fill" style={{ width: `${pct}%` }} />
        </div>
        <div className="rg-overall-sub tabular">{formatOverall(overall)}</div>
      </div>
      {rows.length > 0 && (
        <ul className="rg-layers" aria-label="Layers">
          {rows.map((r) => (
            <li key={r.id} className={`rg-layer is-${r.state}`} aria-label={`Layer ${r.id}: ${r.label}`}>
              <span className="rg-layer-id mono">{r.id}</span>
              <div
                className={`rg-bar${r.state === 'done' ? ' is-done' : ''}`}
                role="progressbar"
                aria-label={`Layer ${r.id}`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={r.percent}
                aria-valuetext={`${r.label} ${r.percent} %`}
              >
                <div className="rg-bar-fill" style={{ width: `${r.percent}%` }} />
              </div>
              <span className="rg-layer-status">{r.label}</span>
              <span className="rg-layer-bytes tabular">{r.bytes}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
