import { useMemo } from 'react';
import type { DiskUsage } from '../../../shared/contracts/system';
import { Spinner } from '../../components/Spinner';
import { formatBytes, formatCount, formatRelativeTime } from '../../presentation/format';
import { diskUseRows, diskUseTotals, exactBytes } from '../../presentation/system';
import type { OnDemand } from './useOnDemand';

/**
 * `docker system df`: count, active, size and reclaimable per kind, with a bar of the reclaimable
 * share. Computed by the engine on request only (page open, Refresh): it can take long on big hosts.
 */
export function DiskUseSection({ du, now }: { du: OnDemand<DiskUsage>; now: number }) {
  const rows = useMemo(() => (du.data ? diskUseRows(du.data) : []), [du.data]);
  const totals = useMemo(() => (du.data ? diskUseTotals(du.data) : undefined), [du.data]);
  return (
    <section
      className="sy-card"
      aria-label="Disk use"
      aria-busy={du.loading}
      data-computed-at={du.loading ? undefined : du.at}
    >
      <h2 className="sy-card-title">
        Disk use
        {totals && (
          <span className="sy-card-sub tabular">
            {formatBytes(totals.size)} used · {formatBytes(totals.reclaimable)} reclaimable
          </span>
        )}
        <span className="sy-card-aside">
          {du.loading ? (
            <span className="sy-computing" role="status">
              <Spinner size={12} />
              Computing…
            </span>
          ) : (
            du.at !== undefined && (
              <span className="sy-computed" title={new Date(du.at).toLocaleString()}>
                Computed {formatRelativeTime(du.at / 1000, now)}
              </span>
            )
          )}
        </span>
      </h2>
      {du.error && (
        <div className="inline-error sy-inline" role="alert">
          Could not compute disk use: {du.error.message}
        </div>
      )}
      {du.data ? (
        <table className={`sy-df${du.loading ? ' is-stale' : ''}`} aria-label="Disk use by kind">
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col" className="sy-num">
                Total
              </th>
              <th scope="col" className="sy-num">
                Active
              </th>
              <th scope="col" className="sy-num">
                Size
              </th>
              <th scope="col" className="sy-num sy-reclaim">
                Reclaimable
              </th>
              <th scope="col" className="sy-share-col">
                <span className="sr-only">Reclaimable share</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} aria-label={r.label}>
                <th scope="row">{r.label}</th>
                <td className="sy-num tabular" data-col="total">
                  {formatCount(r.total)}
                </td>
                <td className="sy-num tabular" data-col="active">
                  {formatCount(r.active)}
                </td>
                <td className="sy-num tabular" data-col="size" data-bytes={r.size} title={exactBytes(r.size)}>
                  {formatBytes(r.size)}
                </td>
                <td
                  className="sy-num tabular"
                  data-col="reclaimable"
                  data-bytes={r.reclaimable}
                  title={exactBytes(r.reclaimable)}
                >
                  {r.reclaimText}
                </td>
                <td className="sy-share-col">
                  <div
                    className="sy-share"
                    role="meter"
                    aria-label={`${r.label} reclaimable share`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={Math.round(r.share * 100)}
                  >
                    <div className="sy-share-fill" style={{ width: `${r.share * 100}%` }} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        !du.error && (
          <div className="sy-df-wait">
            <Spinner label="Computing disk use" />
            <span>Asking the engine to compute disk use…</span>
          </div>
        )
      )}
    </section>
  );
}
