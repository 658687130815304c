import { Spinner } from '../../components/Spinner';
import { formatBytes, formatCount, plural } from '../../presentation/format';
import type { Listing } from './useFileListing';

/** The line under the toolbar: "Reading… N entries, X scanned" with Cancel, then the count when done. */
export function FilesStatus({ listing, onCancel }: { listing: Listing; onCancel: () => void }) {
  if (listing.phase === 'loading') {
    const n = listing.entries.length;
    return (
      <div className="fb-status" role="status">
        <Spinner size={12} />
        <span className="tabular">
          Reading… {formatCount(n)} {n === 1 ? 'entry' : 'entries'}
          {listing.scan && `, ${formatBytes(listing.scan.bytes)} scanned`}
        </span>
        <button type="button" className="btn btn-sm" onClick={onCancel}>
          Cancel
        </button>
      </div>
    );
  }
  if (listing.phase === 'done') {
    return (
      <div className="fb-status" role="status">
        <span className="tabular">{plural(listing.entries.length, 'item')}</span>
      </div>
    );
  }
  if (listing.phase === 'cancelled') {
    return (
      <div className="fb-status" role="status">
        Cancelled after {plural(listing.entries.length, 'entry', 'entries')}. Refresh to read again.
      </div>
    );
  }
  return null;
}
