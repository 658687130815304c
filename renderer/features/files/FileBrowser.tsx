import './files.css';
import { CircleAlert, Download, Eye, FolderOpen, Upload } from 'lucide-react';
import { useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { FileEntry, FilePath, FileTarget, FileType } from '../../../shared/contracts/files';
import { DataTable, type SortState } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { IconButton } from '../../components/IconButton';
import { errorMessage, toast } from '../../components/Toasts';
import type { FilesLocation } from '../../lib/router';
import {
  childSegs,
  entryKey,
  escapeName,
  filePathOf,
  matchesFilter,
  parsePathText,
  segsOfFilePath,
  sortEntries,
  type FileSortKey,
  type PathSeg,
} from '../../presentation/files';
import { DownloadDialog } from './DownloadDialog';
import { fileColumns } from './fileColumns';
import { FileViewer } from './FileViewer';
import { FilesStatus } from './FilesStatus';
import { FilesToolbar } from './FilesToolbar';
import { followLink } from './followLink';
import { pickOfDrop, takeDropRoots } from './dropItems';
import { UploadDialog } from './UploadDialog';
import { useFileListing } from './useFileListing';
import type { UploadPick } from './useUpload';

type Selected = { path: FilePath; name: string; type: FileType };
type Dialogs =
  | { kind: 'view'; item: Selected }
  | { kind: 'download'; item: Selected }
  | { kind: 'upload'; dropped?: UploadPick | undefined };

const SORT_KEYS: readonly string[] = ['name', 'size', 'mode', 'owner', 'mtime'];

/**
 * The file browser of a container or a volume (FileTarget): a virtualized listing streamed from
 * files.list, breadcrumbs, path box, filter, sort (folders first), viewer, download, upload (dialog
 * or drop). The path lives in the URL (`location`/`onNavigate`), so Back works.
 */
export function FileBrowser({
  target,
  location,
  onNavigate,
}: {
  target: FileTarget;
  location: FilesLocation;
  onNavigate: (loc: FilesLocation) => void;
}) {
  const segs = useMemo(
    () => segsOfFilePath(location.b64 ? { text: location.path, b64: location.b64 } : { text: location.path }),
    [location.path, location.b64],
  );
  const here = useMemo(() => filePathOf(segs), [segs]);
  const { listing, refresh, cancel } = useFileListing(target, here);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ id: FileSortKey; desc: boolean }>({ id: 'name', desc: false });
  const [dialog, setDialog] = useState<Dialogs | undefined>();
  const [dragging, setDragging] = useState(false);
  useEffect(() => setFilter(''), [here.text, here.b64]);

  const go = (to: readonly PathSeg[]): void => {
    const fp = filePathOf(to);
    onNavigate(fp.b64 ? { path: fp.text, b64: fp.b64 } : { path: fp.text });
  };
  const itemOf = (e: FileEntry): Selected => ({ path: filePathOf(childSegs(segs, e)), name: e.name, type: e.type });
  const openAs = (e: FileEntry, type: FileType): void => {
    if (type === 'dir') go(childSegs(segs, e));
    else if (type === 'file') setDialog({ kind: 'view', item: itemOf(e) });
    else setDialog({ kind: 'download', item: { ...itemOf(e), type } });
  };
  // The folder shown now, so a link answered after the user moved on is not opened in the wrong place.
  const shown = useRef(here);
  shown.current = here;
  const open = (e: FileEntry): void => {
    if (e.type !== 'link') return openAs(e, e.type);
    const from = here;
    followLink(target, itemOf(e).path).then(
      (type) => {
        if (shown.current !== from) return;
        if (type) openAs(e, type);
        else
          toast.error(
            `${escapeName(e.name)} is a broken link`,
            `It points to ${e.linkTarget ?? '?'}, which does not exist.`,
          );
      },
      (err: unknown) => toast.error(`Could not open ${escapeName(e.name)}`, errorMessage(err)),
    );
  };

  // Rows are sorted here (folders first either way); the table keeps that order through the ranks.
  const sorted = useMemo(() => sortEntries(listing.entries, sort.id, sort.desc), [listing.entries, sort]);
  const columns = useMemo(() => {
    const rank = new Map<FileEntry, number>();
    sorted.forEach((e, i) => rank.set(e, i));
    return fileColumns((e) => (sort.desc ? -1 : 1) * (rank.get(e) ?? 0));
  }, [sorted, sort.desc]);
  const tableSort: SortState = sort;

  const onKeyDownCapture = (e: KeyboardEvent<HTMLDivElement>): void => {
    const t = e.target as HTMLElement;
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || segs.length === 0) return;
    if (e.key === 'Backspace' || (e.altKey && e.key === 'ArrowUp')) {
      e.preventDefault();
      e.stopPropagation();
      go(segs.slice(0, -1));
    }
  };
  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    setDragging(false);
    const roots = takeDropRoots(e.dataTransfer);
    if (roots.length === 0) return;
    pickOfDrop(roots).then(
      (dropped) => setDialog({ kind: 'upload', dropped }),
      (err: unknown) => toast.error('Could not read the dropped items', String(err)),
    );
  };
  const isFileDrag = (e: DragEvent): boolean => Array.from(e.dataTransfer.types).includes('Files');

  const err = listing.phase === 'error' ? listing.error : undefined;
  const pathError = err && (err.code === 'NOT_FOUND' || err.code === 'INVALID_ARGUMENT') ? err.message : undefined;
  const folderName = segs.length === 0 ? 'root' : (segs[segs.length - 1]?.text ?? 'folder');

  return (
    <div className="fb" onKeyDownCapture={onKeyDownCapture}>
      <FilesToolbar
        segs={segs}
        onGo={go}
        onGoText={(text) => go(parsePathText(text))}
        pathError={pathError}
        filter={filter}
        onFilter={setFilter}
        onRefresh={refresh}
        canUpload
        onUpload={() => setDialog({ kind: 'upload' })}
        onDownloadFolder={() => setDialog({ kind: 'download', item: { path: here, name: folderName, type: 'dir' } })}
      />
      <FilesStatus listing={listing} onCancel={cancel} />
      <div
        className={`fb-table${dragging ? ' is-drop' : ''}`}
        onDragOver={(e) => {
          if (!isFileDrag(e)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={(e) => {
          if (e.currentTarget === e.target) setDragging(false);
        }}
        onDrop={onDrop}
      >
        {dragging && (
          <div className="fb-drop-hint" aria-hidden="true">
            <Upload size={18} /> Drop to upload into {here.text}
          </div>
        )}
        <DataTable
          label="Files"
          data={sorted}
          columns={columns}
          getRowId={entryKey}
          getRowLabel={(e) => escapeName(e.name)}
          onOpen={open}
          sorting={tableSort}
          onSortingChange={(s) => {
            if (s && SORT_KEYS.includes(s.id)) setSort({ id: s.id as FileSortKey, desc: s.desc });
            else setSort((cur) => ({ id: cur.id, desc: !cur.desc }));
          }}
          globalFilter={filter}
          filterFn={(e, q) => matchesFilter(e, q)}
          loading={listing.phase === 'loading' && listing.entries.length === 0}
          rowActionsWidth={64}
          rowActions={(e) => (
            <>
              {e.type === 'file' && (
                <IconButton
                  label={`View ${escapeName(e.name)}`}
                  icon={Eye}
                  size="sm"
                  onClick={() => setDialog({ kind: 'view', item: itemOf(e) })}
                />
              )}
              <IconButton
                label={`Download ${escapeName(e.name)}`}
                icon={Download}
                size="sm"
                onClick={() => setDialog({ kind: 'download', item: itemOf(e) })}
              />
            </>
          )}
          emptyState={
            err ? (
              <EmptyState icon={CircleAlert} title="Could not open this folder" hint={err.message} />
            ) : listing.phase === 'cancelled' ? (
              <EmptyState icon={FolderOpen} title="Listing cancelled" hint="Refresh to read this folder again." />
            ) : (
              <EmptyState icon={FolderOpen} title="This folder is empty" hint="Drop files here to upload them." />
            )
          }
        />
      </div>
      {dialog?.kind === 'view' && (
        <FileViewer
          target={target}
          path={dialog.item.path}
          name={escapeName(dialog.item.name)}
          onDownload={() => setDialog({ kind: 'download', item: dialog.item })}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'download' && (
        <DownloadDialog
          target={target}
          path={dialog.item.path}
          name={dialog.item.name}
          type={dialog.item.type}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'upload' && (
        <UploadDialog
          target={target}
          dir={here}
          dropped={dialog.dropped}
          onUploaded={refresh}
          onClose={() => setDialog(undefined)}
        />
      )}
    </div>
  );
}
