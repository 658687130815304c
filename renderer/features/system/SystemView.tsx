import './system.css';
import { Eraser, RefreshCw } from 'lucide-react';
import { useState } from 'react';
import { api } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { useNow } from '../../components/useNow';
import { DiskUseSection } from './DiskUseSection';
import { EngineInfoSection } from './EngineInfoSection';
import { SystemPruneDialog } from './SystemPruneDialog';
import { useOnDemand } from './useOnDemand';

const readInfo = () => api.invoke('system.info', {});
const readDiskUse = () => api.invoke('system.df', {});

/**
 * The System page (#/system): disk use (`docker system df`, computed when the page opens and on
 * Refresh, never on a timer), the engine's facts, and system prune with a preview.
 */
export function SystemView() {
  const info = useOnDemand(readInfo);
  const du = useOnDemand(readDiskUse);
  const now = useNow();
  const [pruning, setPruning] = useState(false);
  const busy = info.loading || du.loading;

  return (
    <section className="sy-view" aria-label="System">
      <PageHeader
        title="System"
        actions={
          <>
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => {
                info.refresh();
                du.refresh();
              }}
            >
              {busy ? <Spinner size={12} /> : <RefreshCw size={14} aria-hidden="true" />}
              Refresh
            </button>
            <button type="button" className="btn btn-danger-outline" onClick={() => setPruning(true)}>
              <Eraser size={14} aria-hidden="true" />
              Prune…
            </button>
          </>
        }
      />
      <div className="sy-body">
        <DiskUseSection du={du} now={now} />
        <EngineInfoSection info={info} />
      </div>
      {pruning && (
        <SystemPruneDialog
          onClose={() => setPruning(false)}
          onPruned={() => {
            du.refresh();
            info.refresh();
          }}
        />
      )}
    </section>
  );
}
