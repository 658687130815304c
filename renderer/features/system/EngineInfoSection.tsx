import { TriangleAlert } from 'lucide-react';
import { useMemo } from 'react';
import type { SystemInfo } from '../../../shared/contracts/system';
import { Spinner } from '../../components/Spinner';
import { engineInfoGroups, type InfoField } from '../../presentation/system';
import type { OnDemand } from './useOnDemand';

/** Engine facts from `docker info` / `docker version`, as a grid of labelled cards. */
export function EngineInfoSection({ info }: { info: OnDemand<SystemInfo> }) {
  const groups = useMemo(() => (info.data ? engineInfoGroups(info.data) : []), [info.data]);
  if (!info.data) {
    return (
      <div className="sy-info-state">
        {info.error ? (
          <div className="inline-error" role="alert">
            Could not read the engine's information: {info.error.message}
          </div>
        ) : (
          <Spinner label="Reading engine information" />
        )}
      </div>
    );
  }
  const warnings = info.data.warnings;
  return (
    <div className="sy-info">
      {warnings.length > 0 && (
        <section className="sy-card sy-warnings" aria-label="Engine warnings">
          <h2 className="sy-card-title">
            <TriangleAlert size={14} aria-hidden="true" />
            Engine warnings
            <span className="sy-card-count tabular">{warnings.length}</span>
          </h2>
          <ul className="sy-warning-list">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </section>
      )}
      <div className="sy-info-grid">
        {groups.map((g) => (
          <section key={g.title} className="sy-card" aria-label={g.title}>
            <h2 className="sy-card-title">{g.title}</h2>
            <dl className="sy-facts">
              {g.fields.map((f) => (
                <div key={f.label} className="sy-fact">
                  <dt>{f.label}</dt>
                  <dd>
                    <FieldValue field={f} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </div>
  );
}

function FieldValue({ field: f }: { field: InfoField }) {
  if (typeof f.value === 'string') {
    return <span className={f.mono ? 'mono' : undefined}>{f.value}</span>;
  }
  if (f.value.length === 0) return <span className="cell-faint">none</span>;
  return (
    <ul className="sy-chips">
      {f.value.map((v) => (
        <li key={v} className={f.mono ? 'mono' : undefined} title={v}>
          {v}
        </li>
      ))}
    </ul>
  );
}
