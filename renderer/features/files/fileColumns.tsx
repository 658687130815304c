import { File, FileSymlink, Folder, FolderSymlink, type LucideIcon, Cable, HardDrive } from 'lucide-react';
import type { FileEntry, FileType } from '../../../shared/contracts/files';
import type { Column } from '../../components/DataTable';
import { formatBytes } from '../../presentation/format';
import { escapeName, modeString, ownerLabel } from '../../presentation/files';

const ICONS: Record<FileType, LucideIcon> = {
  dir: Folder,
  file: File,
  link: FileSymlink,
  fifo: Cable,
  socket: Cable,
  char: HardDrive,
  block: HardDrive,
  other: File,
};

const TYPE_WORD: Record<FileType, string> = {
  dir: 'folder',
  file: 'file',
  link: 'link',
  fifo: 'pipe',
  socket: 'socket',
  char: 'character device',
  block: 'block device',
  other: 'special file',
};

export function typeWord(t: FileType): string {
  return TYPE_WORD[t];
}

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The listing's columns. Rows come in already sorted (folders first, see sortEntries); each sortable
 * column's value is the row's rank in that order, negated when descending, so the table keeps it.
 */
export function fileColumns(rank: (e: FileEntry) => number): Column<FileEntry>[] {
  return [
    {
      id: 'name',
      header: 'Name',
      sortValue: rank,
      filterText: (e) => escapeName(e.name),
      cell: (e) => {
        const Icon = e.type === 'link' && e.linkTarget?.endsWith('/') ? FolderSymlink : ICONS[e.type];
        const shown = escapeName(e.name);
        return (
          <span className="fb-name" title={shown}>
            <Icon size={14} aria-hidden="true" className={`fb-icon fb-icon-${e.type}`} />
            <span className={`fb-name-text mono${shown !== e.name ? ' is-escaped' : ''}`}>{shown}</span>
            {e.linkTarget !== undefined && (
              <span className="fb-link mono" title={`Points to ${e.linkTarget}`}>
                → {escapeName(e.linkTarget)}
              </span>
            )}
          </span>
        );
      },
    },
    {
      id: 'size',
      header: 'Size',
      width: 90,
      align: 'end',
      sortValue: rank,
      cell: (e) => (e.type === 'file' ? <span className="tabular">{formatBytes(e.size)}</span> : ''),
    },
    {
      id: 'mode',
      header: 'Mode',
      width: 110,
      sortValue: rank,
      cell: (e) => <span className="mono fb-dim">{modeString(e.type, e.mode)}</span>,
    },
    {
      id: 'owner',
      header: 'Owner',
      width: 130,
      sortValue: rank,
      cell: (e) => <span className="fb-dim">{ownerLabel(e)}</span>,
    },
    {
      id: 'mtime',
      header: 'Modified',
      width: 170,
      sortValue: rank,
      cell: (e) => <span className="tabular fb-dim">{DATE.format(e.mtime)}</span>,
    },
  ];
}
