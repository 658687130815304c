import '../archive/archive.css';
import { X } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { UploadOwner } from '../../../shared/contracts/file-transfer';
import type { FilePath, FileTarget } from '../../../shared/contracts/files';
import { isAbsoluteHostPath } from '../../../shared/image-ref';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { IconButton } from '../../components/IconButton';
import { PathField } from '../../components/PathField';
import { SegmentedControl, type SegmentOption } from '../../components/SegmentedControl';
import { toast } from '../../components/Toasts';
import { CancelOnCloseDialog, TransferFooter, TransferStatus } from '../archive/TransferParts';
import { formatBytes, plural } from '../../presentation/format';
import { hostFileError } from '../../presentation/paths';
import { topNames } from './dropItems';
import { useUpload, type UploadPick } from './useUpload';

/**
 * `docker cp host TARGET:dir`: files and folders chosen on the host (in-app chooser), or dropped on
 * the listing (`dropped`, sent by this window). Owner choice; names that exist ask before replacing.
 */
export function UploadDialog({
  target,
  dir,
  dropped,
  onUploaded,
  onClose,
}: {
  target: FileTarget;
  dir: FilePath;
  dropped?: UploadPick | undefined;
  onUploaded: () => void;
  onClose: () => void;
}) {
  const { state, start, cancel } = useUpload();
  const [hostPaths, setHostPaths] = useState<string[]>([]);
  const [draft, setDraft] = useState('');
  const [owner, setOwner] = useState<UploadOwner>('root');
  const [askReplace, setAskReplace] = useState<string[] | undefined>();
  const running = state.phase === 'running';
  // A typed or browsed path counts without pressing Add.
  const typed =
    draft.trim() && isAbsoluteHostPath(draft.trim()) && !hostPaths.includes(draft.trim()) ? [draft.trim()] : [];
  const allHost = [...hostPaths, ...typed];
  const pick: UploadPick | undefined = dropped ?? (allHost.length > 0 ? { kind: 'host', paths: allHost } : undefined);

  const go = (overwrite: boolean): void => {
    if (pick) start({ target, dir, owner, overwrite, pick });
  };

  useEffect(() => {
    if (state.phase === 'error' && state.error.code === 'CONFLICT') {
      const existing = state.error.details?.existing;
      setAskReplace(Array.isArray(existing) ? existing.map(String) : pick ? topNames(pick) : []);
    }
    if (state.phase === 'done') {
      toast.success(`Uploaded ${plural(state.files, 'file')}`, `${formatBytes(state.bytes)} into ${dir.text}`);
      onUploaded();
      onClose();
    }
  }, [state]); // eslint-disable-line react-hooks/exhaustive-deps -- once per state

  const owners: SegmentOption<UploadOwner>[] = [
    { value: 'root', label: 'root' },
    { value: 'host', label: 'As on this host' },
    ...(target.kind === 'container' ? [{ value: 'container' as const, label: 'Container’s user' }] : []),
  ];
  const conflict = state.phase === 'error' && state.error.code === 'CONFLICT';

  return (
    <CancelOnCloseDialog
      title="Upload files"
      width={580}
      running={running}
      onCancel={cancel}
      onClose={onClose}
      description={
        <>
          Copies into <span className="mono">{dir.text}</span>, keeping modes (docker cp).
        </>
      }
      footer={
        <TransferFooter
          running={running}
          cancelLabel="Cancel upload"
          submitLabel="Upload"
          disabled={running || !pick}
          onCancel={cancel}
          onClose={onClose}
          onSubmit={() => go(false)}
        />
      }
    >
      <div className="ar-form">
        {dropped ? (
          <DroppedList pick={dropped} />
        ) : (
          <HostPicker paths={hostPaths} onChange={setHostPaths} draft={draft} onDraft={setDraft} disabled={running} />
        )}
        <div className="path-field">
          <span className="path-field-label">Owner of what is created</span>
          <SegmentedControl label="Owner" value={owner} options={owners} onChange={setOwner} />
        </div>
        <TransferStatus
          state={state}
          label="Uploading"
          cancelled="Cancelled. The folder was not changed."
          errorText={(e) => (conflict ? null : e.message)}
        />
      </div>
      <ConfirmDialog
        open={askReplace !== undefined}
        title={`Replace ${plural(askReplace?.length ?? 0, 'item')}?`}
        message={
          <>
            These already exist in <span className="mono">{dir.text}</span> and will be overwritten:
          </>
        }
        items={askReplace ?? []}
        itemsLabel="Items to replace"
        confirmLabel="Replace"
        onConfirm={() => {
          setAskReplace(undefined);
          go(true);
        }}
        onCancel={() => setAskReplace(undefined)}
      />
    </CancelOnCloseDialog>
  );
}

function DroppedList({ pick }: { pick: UploadPick }) {
  const names = topNames(pick);
  const bytes = pick.kind === 'client' ? pick.items.reduce((n, i) => n + i.size, 0) : 0;
  const count = pick.kind === 'client' ? pick.items.filter((i) => i.kind === 'file').length : 0;
  return (
    <div className="path-field">
      <span className="path-field-label">
        Dropped: {plural(count, 'file')}, {formatBytes(bytes)}
      </span>
      <ul className="ar-chips" aria-label="Items to upload">
        {names.map((n) => (
          <li key={n} className="mono">
            {n}
          </li>
        ))}
      </ul>
    </div>
  );
}

function HostPicker({
  paths,
  onChange,
  draft,
  onDraft: setDraft,
  disabled,
}: {
  paths: string[];
  onChange: (paths: string[]) => void;
  draft: string;
  onDraft: (p: string) => void;
  disabled: boolean;
}) {
  const [kind, setKind] = useState<'file' | 'directory'>('file');
  const [error, setError] = useState<string | undefined>();
  const add = (): void => {
    const p = draft.trim();
    const problem = hostFileError(p, 'Choose a file or folder on this machine', '/home/me/notes.txt');
    if (problem) return setError(problem);
    if (!paths.includes(p)) onChange([...paths, p]);
    setDraft('');
    setError(undefined);
  };
  return (
    <>
      <SegmentedControl
        label="Choose"
        value={kind}
        options={[
          { value: 'file', label: 'Files' },
          { value: 'directory', label: 'Folders' },
        ]}
        onChange={setKind}
      />
      <div className="fb-add-row">
        <PathField
          label={kind === 'file' ? 'Host file' : 'Host folder'}
          mode={kind}
          value={draft}
          onChange={(p) => {
            setDraft(p);
            setError(undefined);
          }}
          error={error}
          disabled={disabled}
        />
        <button type="button" className="btn" onClick={add} disabled={disabled || !draft.trim()}>
          Add
        </button>
      </div>
      {paths.length > 0 && (
        <ul className="fb-picked" aria-label="Items to upload">
          {paths.map((p) => (
            <li key={p}>
              <span className="mono">{p}</span>
              <IconButton
                label={`Remove ${p}`}
                icon={X}
                size="sm"
                disabled={disabled}
                onClick={() => onChange(paths.filter((x) => x !== p))}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
