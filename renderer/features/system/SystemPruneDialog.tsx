import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { formatPruneTotals, anyKindChosen } from '../../presentation/system';
import { PruneKindsSection } from './PruneKindsSection';
import { PrunePreviewSection } from './PrunePreviewSection';
import { PruneProgress, PruneResult } from './PruneRunSection';
import { useSystemPrune, type SystemPruneState } from './useSystemPrune';

/**
 * System prune with a preview: choose the kinds, preview every object that would go, untick what to
 * keep, confirm; only the ticked objects are removed (never with force), with progress, then the
 * space reclaimed and what the engine kept and why.
 */
export function SystemPruneDialog({ onClose, onPruned }: { onClose: () => void; onPruned: () => void }) {
  const s = useSystemPrune(onPruned);
  const running = s.phase === 'running';
  return (
    <Dialog
      open
      title="System prune"
      description="Removes unused objects of the kinds you choose. Preview first: only what you confirm is deleted."
      width={720}
      dismissable={!running}
      onClose={onClose}
      footer={<Footer s={s} onClose={onClose} />}
    >
      <div className="sy-prune">
        {s.phase === 'choose' && <ChooseBody s={s} />}
        {s.run && s.phase === 'running' && <PruneProgress run={s.run} />}
        {s.run && s.phase === 'done' && <PruneResult run={s.run} error={s.runError} />}
      </div>
    </Dialog>
  );
}

function ChooseBody({ s }: { s: SystemPruneState }) {
  const p = s.preview;
  return (
    <>
      <PruneKindsSection kinds={s.kinds} onChange={s.setKinds} disabled={p.status === 'loading'} />
      {p.status === 'idle' && (
        <div className="sy-empty">
          {anyKindChosen(s.kinds)
            ? 'Press Preview to see every object that would be deleted.'
            : 'Choose at least one kind of object to prune.'}
        </div>
      )}
      {p.status === 'loading' && (
        <div className="sy-empty">
          <Spinner label="Finding objects to prune" />
        </div>
      )}
      {p.status === 'error' && (
        <div className="inline-error" role="alert">
          Could not compute the preview: {p.error.message}
        </div>
      )}
      {p.status === 'ready' && <PrunePreviewSection preview={p.preview} selected={s.selected} onTick={s.setTicked} />}
    </>
  );
}

function Footer({ s, onClose }: { s: SystemPruneState; onClose: () => void }) {
  if (s.phase !== 'choose') {
    return (
      <>
        <span className="dialog-footer-spacer" />
        <button type="button" className="btn btn-primary" disabled={s.phase === 'running'} onClick={onClose}>
          {s.phase === 'running' && <Spinner size={12} />}
          {s.phase === 'running' ? 'Removing…' : 'Close'}
        </button>
      </>
    );
  }
  const ready = s.preview.status === 'ready';
  const n = s.totals.count;
  return (
    <>
      <span className="sy-footer-total tabular" aria-live="polite">
        {ready ? `${formatPruneTotals(s.totals)} selected` : ''}
      </span>
      <span className="dialog-footer-spacer" />
      <button type="button" className="btn" onClick={onClose}>
        Cancel
      </button>
      <button
        type="button"
        className={ready ? 'btn' : 'btn btn-primary'}
        disabled={!anyKindChosen(s.kinds) || s.preview.status === 'loading'}
        onClick={s.loadPreview}
      >
        {s.preview.status === 'loading' && <Spinner size={12} />}
        {ready ? 'Preview again' : 'Preview'}
      </button>
      <button type="button" className="btn btn-danger" disabled={!ready || n === 0} onClick={s.confirm}>
        {n === 0 ? 'Delete' : `Delete ${formatPruneTotals(s.totals)}`}
      </button>
    </>
  );
}
