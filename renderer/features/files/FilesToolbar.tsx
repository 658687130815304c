import { ArrowUp, Download, RefreshCw, Search, Upload } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { IconButton } from '../../components/IconButton';
import { breadcrumbs, filePathOf, type PathSeg } from '../../presentation/files';

/**
 * The browser's top rows: Up, Refresh, breadcrumbs, the editable path box (Enter goes; the listing's
 * error shows under it), the filter for this folder, Upload and Download of the folder.
 */
export function FilesToolbar({
  segs,
  onGo,
  onGoText,
  pathError,
  filter,
  onFilter,
  onRefresh,
  onUpload,
  onDownloadFolder,
  canUpload,
}: {
  segs: readonly PathSeg[];
  onGo: (segs: PathSeg[]) => void;
  onGoText: (text: string) => void;
  pathError: string | undefined;
  filter: string;
  onFilter: (q: string) => void;
  onRefresh: () => void;
  onUpload: () => void;
  onDownloadFolder: () => void;
  canUpload: boolean;
}) {
  const shown = filePathOf(segs).text;
  const [draft, setDraft] = useState(shown);
  useEffect(() => setDraft(shown), [shown]);
  const noteId = useId();
  const crumbs = breadcrumbs(segs);
  return (
    <div className="fb-toolbar">
      <div className="fb-row">
        <IconButton
          label="Up one folder"
          icon={ArrowUp}
          disabled={segs.length === 0}
          onClick={() => onGo(segs.slice(0, -1))}
        />
        <IconButton label="Refresh" icon={RefreshCw} onClick={onRefresh} />
        <nav aria-label="Folder path" className="fb-crumbs">
          <ol>
            {crumbs.map((c, i) => (
              <li key={i}>
                {i > 1 && (
                  <span className="fb-crumb-sep" aria-hidden="true">
                    /
                  </span>
                )}
                {i === crumbs.length - 1 ? (
                  <span className="fb-crumb is-current mono" aria-current="page">
                    {c.label}
                  </span>
                ) : (
                  <button type="button" className="fb-crumb mono" onClick={() => onGo(c.segs)}>
                    {c.label}
                  </button>
                )}
              </li>
            ))}
          </ol>
        </nav>
        <span className="fb-spacer" />
        <div className="filter-box">
          <Search size={14} aria-hidden="true" className="filter-icon" />
          <input
            type="search"
            className="input filter-input"
            aria-label="Filter this folder"
            placeholder="Filter this folder…"
            value={filter}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => onFilter(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && filter) {
                e.preventDefault();
                onFilter('');
              }
            }}
          />
        </div>
        <button type="button" className="btn" onClick={onUpload} disabled={!canUpload}>
          <Upload size={14} aria-hidden="true" />
          Upload…
        </button>
        <button type="button" className="btn" onClick={onDownloadFolder}>
          <Download size={14} aria-hidden="true" />
          Download folder…
        </button>
      </div>
      <form
        className="fb-pathbox"
        onSubmit={(e) => {
          e.preventDefault();
          onGoText(draft);
        }}
      >
        <input
          className="input mono"
          aria-label="Path"
          value={draft}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={pathError ? true : undefined}
          aria-describedby={pathError ? noteId : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setDraft(shown);
          }}
        />
        {pathError && (
          <div id={noteId} className="field-error fb-path-error" role="alert">
            {pathError}
          </div>
        )}
      </form>
    </div>
  );
}
