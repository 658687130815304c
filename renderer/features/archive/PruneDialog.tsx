import './archive.css';
import { useEffect, useMemo, useState } from 'react';
import type { PrunePreview, PruneResult } from '../../../shared/contracts/archive';
import type { BerthError } from '../../../shared/errors';
import { Dialog } from '../../components/Dialog';
import { SegmentedControl } from '../../components/SegmentedControl';
import { Spinner } from '../../components/Spinner';
import { toast } from '../../components/Toasts';
import { api } from '../../api';
import { formatBytes, formatRelativeTime, plural } from '../../presentation/format';
import { candidateLabel, ownReclaim, reclaimOf } from '../../presentation/prune';

type Mode = 'dangling' | 'all';
const MODES: ReadonlyArray<{ value: Mode; label: string }> = [
  { value: 'dangling', label: 'Dangling' },
  { value: 'all', label: 'All unused' },
];

/**
 * Prune with a preview: the exact images that go (each can be kept by unticking it) and the space
 * freed; confirming deletes exactly the ticked ids, nothing that appeared since.
 */
export function PruneDialog({ onClose, onPruned }: { onClose: () => void; onPruned: () => void }) {
  const [mode, setMode] = useState<Mode>('dangling');
  const [preview, setPreview] = useState<PrunePreview | undefined>();
  const [loadError, setLoadError] = useState<BerthError | undefined>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PruneResult | undefined>();

  useEffect(() => {
    let live = true;
    setPreview(undefined);
    setLoadError(undefined);
    setResult(undefined);
    api.invoke('images.prunePreview', { all: mode === 'all' }).then(
      (p) => {
        if (!live) return;
        setPreview(p);
        setSelected(new Set(p.images.map((i) => i.id)));
      },
      (e: BerthError) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [mode]);

  const images = useMemo(() => preview?.images ?? [], [preview]);
  const shared = useMemo(() => preview?.shared ?? [], [preview]);
  const total = useMemo(() => reclaimOf(images, selected, shared), [images, selected, shared]);
  const count = images.filter((i) => selected.has(i.id)).length;
  const allChecked = count === images.length && images.length > 0;
  const now = Date.now();

  const toggle = (id: string, on: boolean): void =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const confirm = async (): Promise<void> => {
    const ids = images.filter((i) => selected.has(i.id)).map((i) => i.id);
    if (ids.length === 0) return;
    setBusy(true);
    try {
      const res = await api.invoke('images.prune', { ids });
      onPruned();
      const failed = res.failed.filter((f) => f.code !== 'NOT_FOUND');
      const gone = ids.length - failed.length;
      if (gone > 0) toast.success(`Pruned ${plural(gone, 'image')}`, `${formatBytes(total)} reclaimed`);
      if (failed.length === 0) {
        onClose();
        return;
      }
      // What was kept stays listed (unticked) with the engine's reason; what went leaves the list.
      const kept = new Set(failed.map((f) => f.id));
      setPreview((p) => (p ? { ...p, images: p.images.filter((i) => kept.has(i.id)) } : p));
      setSelected(new Set());
      setResult({ ...res, failed });
      setBusy(false);
    } catch (e) {
      toast.fromError('Could not prune images', e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      title="Prune images"
      description="Deletes images no container uses. Untick any you want to keep."
      width={640}
      dismissable={!busy}
      onClose={onClose}
      footer={
        <>
          <span className="ar-total tabular" aria-live="polite">
            {preview ? `${plural(count, 'image')} selected · ${formatBytes(total)} to reclaim` : ''}
          </span>
          <span className="dialog-footer-spacer" />
          <button type="button" className="btn" onClick={onClose} disabled={busy} autoFocus>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={busy || count === 0}
            onClick={() => void confirm()}
          >
            {busy && <Spinner size={12} />}
            {count === 0 ? 'Delete images' : `Delete ${plural(count, 'image')} (${formatBytes(total)})`}
          </button>
        </>
      }
    >
      <div className="ar-form">
        <div className="ar-prune-bar">
          <SegmentedControl label="Images to prune" value={mode} onChange={setMode} options={MODES} />
          <span className="ar-note">
            {mode === 'dangling' ? 'Untagged images nothing uses.' : 'Every image no container uses, tagged or not.'}
          </span>
        </div>
        {!preview && !loadError && <Spinner label="Finding images to prune" />}
        {loadError && (
          <div className="inline-error" role="alert">
            Could not compute the preview: {loadError.message}
          </div>
        )}
        {preview && images.length === 0 && (
          <div className="ar-empty" role="status">
            Nothing to prune: {mode === 'dangling' ? 'there are no dangling images.' : 'every image is in use.'}
          </div>
        )}
        {preview && images.length > 0 && (
          <div className="ar-prune-list-wrap">
            <table className="ar-prune-table" aria-label="Images that will be deleted">
              <thead>
                <tr>
                  <th className="ar-col-check">
                    <input
                      type="checkbox"
                      aria-label="Select all images"
                      checked={allChecked}
                      ref={(el) => {
                        if (el) el.indeterminate = count > 0 && !allChecked;
                      }}
                      disabled={busy}
                      onChange={(e) => setSelected(e.target.checked ? new Set(images.map((i) => i.id)) : new Set())}
                    />
                  </th>
                  <th>Image</th>
                  <th className="ar-col-id">ID</th>
                  <th className="ar-col-num">Created</th>
                  <th className="ar-col-num">Size</th>
                  <th className="ar-col-num">Frees</th>
                </tr>
              </thead>
              <tbody>
                {images.map((i) => {
                  const label = candidateLabel(i);
                  const failure = result?.failed.find((f) => f.id === i.id);
                  return (
                    <tr key={i.id} className={selected.has(i.id) ? undefined : 'is-kept'}>
                      <td className="ar-col-check">
                        <input
                          type="checkbox"
                          aria-label={`Delete ${label}`}
                          checked={selected.has(i.id)}
                          disabled={busy}
                          onChange={(e) => toggle(i.id, e.target.checked)}
                        />
                      </td>
                      <td className="ar-col-name">
                        <span className={`mono rv-ellipsis${i.repoTags.length === 0 ? ' rv-faint' : ''}`} title={label}>
                          {i.repoTags.length > 0 ? i.repoTags.join(', ') : '<none>'}
                        </span>
                        {failure && <span className="ar-row-error">{failure.message}</span>}
                      </td>
                      <td className="ar-col-id mono rv-muted">{i.id.replace(/^sha256:/, '').slice(0, 12)}</td>
                      <td className="ar-col-num rv-muted">{formatRelativeTime(i.created, now)}</td>
                      <td className="ar-col-num tabular rv-muted">{formatBytes(i.size)}</td>
                      <td className="ar-col-num tabular">{formatBytes(ownReclaim(i, shared))}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {result && result.failed.length > 0 && (
          <div className="inline-error" role="alert">
            <div>The engine kept {plural(result.failed.length, 'image')}:</div>
            <ul className="rv-errors">
              {result.failed.map((f) => (
                <li key={f.id}>
                  <span className="mono">{f.id.replace(/^sha256:/, '').slice(0, 12)}</span>: {f.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </Dialog>
  );
}
