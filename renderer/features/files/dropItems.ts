import type { ClientItem } from '../../../shared/contracts/file-transfer';
import type { UploadPick } from './useUpload';

/**
 * Files and folders dropped on the listing → client upload items (folders walked with
 * webkitGetAsEntry), in the order their bytes will be sent. The entries are taken synchronously in
 * the drop handler (a DataTransfer is emptied once the event returns), then walked.
 */
type Root = { entry: FileSystemEntry } | { file: File };

export function takeDropRoots(dt: DataTransfer): Root[] {
  const roots: Root[] = [];
  const items = Array.from(dt.items ?? []);
  for (const item of items) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) roots.push({ entry });
    else {
      const f = item.getAsFile();
      if (f) roots.push({ file: f });
    }
  }
  if (roots.length === 0) for (const f of Array.from(dt.files)) roots.push({ file: f });
  return roots;
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function childrenOf(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const out: FileSystemEntry[] = [];
  // readEntries returns at most ~100 entries per call: read until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return out;
    out.push(...batch);
  }
}

export async function pickOfDrop(roots: readonly Root[]): Promise<UploadPick> {
  const items: ClientItem[] = [];
  const files: File[] = [];
  const addFile = (path: string, f: File): void => {
    items.push({ path, kind: 'file', size: f.size, mtime: f.lastModified });
    files.push(f);
  };
  const walk = async (entry: FileSystemEntry, path: string): Promise<void> => {
    if (entry.isFile) addFile(path, await fileOf(entry as FileSystemFileEntry));
    else if (entry.isDirectory) {
      items.push({ path, kind: 'dir', size: 0 });
      for (const child of await childrenOf(entry as FileSystemDirectoryEntry))
        await walk(child, `${path}/${child.name}`);
    }
  };
  for (const r of roots) {
    if ('file' in r) addFile(r.file.name, r.file);
    else await walk(r.entry, r.entry.name);
  }
  return { kind: 'client', items, files };
}

/** Top-level names of an upload, for the dialog and the overwrite question. */
export function topNames(pick: UploadPick): string[] {
  if (pick.kind === 'client') return pick.items.filter((i) => !i.path.includes('/')).map((i) => i.path);
  return pick.paths.map(
    (p) =>
      p
        .replace(/[/\\]+$/, '')
        .split(/[/\\]/)
        .pop() ?? p,
  );
}
