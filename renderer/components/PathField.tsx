import { ArrowUp, File, Folder, FolderOpen, Home } from 'lucide-react';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { HostEntry, HostListing } from '../../shared/contracts/host';
import type { BerthError } from '../../shared/errors';
import { api } from '../api';
import { formatBytes } from '../presentation/format';
import { chooserStart, joinHostPath, startFolder, type PathMode } from '../presentation/paths';
import { Dialog } from './Dialog';
import { Spinner } from './Spinner';

/**
 * A host path input with a "Browse…" button that opens an in-app chooser over `host.list`, so it works the
 * same in Electron and in web mode. Host paths are paths on the machine where Berth's main process runs.
 *
 *   <PathField label="Context folder" mode="directory" value={dir} onChange={setDir} error={errors.dir} />
 *
 * - mode 'directory': picks a folder; 'file': picks an existing file; 'save': picks a folder and a file name
 *   (the file may or may not exist yet; whoever writes it decides about overwriting).
 * - The input's accessible name is `label`; the button's is `Browse for <label>`; `error` is shown under the
 *   field and wired with aria-describedby / aria-invalid.
 */
export interface PathFieldProps {
  label: string;
  value: string;
  onChange(path: string): void;
  mode: PathMode;
  error?: string | undefined;
  placeholder?: string;
  id?: string;
  /** Shown under the field when there is no error. */
  hint?: string;
  /** Folder the chooser opens in while the field is empty (else it opens where the value points, or home). */
  startIn?: string | undefined;
  disabled?: boolean;
}

export function PathField({
  label,
  value,
  onChange,
  mode,
  error,
  placeholder,
  id,
  hint,
  disabled,
  startIn,
}: PathFieldProps) {
  const autoId = useId();
  const inputId = id ?? `path-${autoId}`;
  const noteId = `${inputId}-note`;
  const [browsing, setBrowsing] = useState(false);
  const note = error ?? hint;
  return (
    <div className="path-field">
      <label className="path-field-label" htmlFor={inputId}>
        {label}
      </label>
      <div className="path-field-row">
        <input
          id={inputId}
          className="input mono path-field-input"
          value={value}
          placeholder={placeholder ?? (mode === 'directory' ? '/path/to/folder' : '/path/to/file')}
          spellCheck={false}
          autoComplete="off"
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={note ? noteId : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        <button
          type="button"
          className="btn"
          aria-label={`Browse for ${label}`}
          disabled={disabled}
          onClick={() => setBrowsing(true)}
        >
          <FolderOpen size={14} aria-hidden="true" />
          Browse…
        </button>
      </div>
      {note && (
        <div id={noteId} className={error ? 'field-error' : 'field-hint'} role={error ? 'alert' : undefined}>
          {note}
        </div>
      )}
      {browsing && (
        <PathChooser
          title={`Choose ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
          mode={mode}
          start={chooserStart(value, startIn)}
          onCancel={() => setBrowsing(false)}
          onChoose={(p) => {
            setBrowsing(false);
            onChange(p);
          }}
        />
      )}
    </div>
  );
}

export interface ChooserProps {
  title: string;
  mode: PathMode;
  start: string;
  onChoose(path: string): void;
  onCancel(): void;
}

export function PathChooser({ title, mode, start, onChoose, onCancel }: ChooserProps) {
  const initial = useMemo(() => startFolder(start, mode), [start, mode]);
  const [listing, setListing] = useState<HostListing | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>();
  const [selected, setSelected] = useState<string | undefined>(mode === 'file' ? initial.name : undefined);
  const [fileName, setFileName] = useState(mode === 'save' ? (initial.name ?? '') : '');
  const [showHidden, setShowHidden] = useState(false);
  const [typed, setTyped] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const seq = useRef(0);
  /** The folder box was edited since the last listing was requested: its answer must not overwrite it. */
  const typedDirty = useRef(false);

  const open = useCallback(async (path: string | undefined, fallback = false) => {
    const n = ++seq.current;
    typedDirty.current = false;
    setLoading(true);
    try {
      const l = await api.invoke('host.list', path === undefined ? {} : { path });
      if (n !== seq.current) return;
      setListing(l);
      if (!typedDirty.current) setTyped(l.path);
      setError(undefined);
      setSelected(undefined);
    } catch (err) {
      if (n !== seq.current) return;
      if (fallback) {
        // The typed start folder is gone: open home instead of an empty chooser.
        void open(undefined);
        return;
      }
      setError((err as BerthError).message);
    } finally {
      if (n === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void open(initial.folder, initial.folder !== undefined);
  }, [open, initial.folder]);

  const entries = useMemo(
    () => (listing?.entries ?? []).filter((e) => showHidden || !e.name.startsWith('.')),
    [listing, showHidden],
  );
  const hiddenCount = (listing?.entries.length ?? 0) - entries.length;

  const pathOf = (e: HostEntry) => (listing ? joinHostPath(listing.path, e.name, listing.sep) : e.name);

  const activate = (e: HostEntry) => {
    if (e.kind === 'dir') void open(pathOf(e));
    else if (mode === 'file') onChoose(pathOf(e));
    else if (mode === 'save') setFileName(e.name);
  };

  const chosen: string | undefined = !listing
    ? undefined
    : mode === 'directory'
      ? selected
        ? joinHostPath(listing.path, selected, listing.sep)
        : listing.path
      : mode === 'file'
        ? selected && entries.some((e) => e.name === selected && e.kind !== 'dir')
          ? joinHostPath(listing.path, selected, listing.sep)
          : undefined
        : fileName.trim() && !/[\\/]/.test(fileName.trim())
          ? joinHostPath(listing.path, fileName.trim(), listing.sep)
          : undefined;

  const confirmLabel =
    mode === 'directory'
      ? selected
        ? `Choose ${selected}`
        : 'Choose this folder'
      : mode === 'file'
        ? 'Choose file'
        : 'Save here';

  const onListKey = (ev: KeyboardEvent<HTMLUListElement>) => {
    const items = Array.from(listRef.current?.querySelectorAll<HTMLElement>('[role="option"]') ?? []);
    const i = items.findIndex((el) => el === document.activeElement);
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      const next = items[Math.max(0, Math.min(items.length - 1, i + (ev.key === 'ArrowDown' ? 1 : -1)))];
      next?.focus();
      next?.click();
    } else if (ev.key === 'Backspace' && listing?.parent) {
      ev.preventDefault();
      void open(listing.parent);
    }
  };

  return (
    // Keys pressed in the chooser are its own: Enter must not also run or submit the dialog around the field.
    <div className="path-chooser-host" onKeyDown={(e) => e.stopPropagation()}>
      <Dialog
        open
        title={title}
        onClose={onCancel}
        width={620}
        footer={
          <>
            <label className="check-row path-chooser-hidden">
              <input type="checkbox" checked={showHidden} onChange={(e) => setShowHidden(e.target.checked)} />
              <span className="check-label">Show hidden{hiddenCount > 0 ? ` (${hiddenCount})` : ''}</span>
            </label>
            <span className="dialog-footer-spacer" />
            <button type="button" className="btn" onClick={onCancel}>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={!chosen || loading}
              onClick={() => chosen && onChoose(chosen)}
            >
              {confirmLabel}
            </button>
          </>
        }
      >
        <div className="path-chooser">
          {/* No <form>: the chooser often sits inside another form (React would bubble its submit there). */}
          <div className="path-chooser-bar" role="group" aria-label="Location">
            <button
              type="button"
              className="icon-btn"
              aria-label="Parent folder"
              title="Parent folder (Backspace)"
              disabled={!listing?.parent}
              onClick={() => listing?.parent && void open(listing.parent)}
            >
              <ArrowUp size={15} aria-hidden="true" />
            </button>
            <button
              type="button"
              className="icon-btn"
              aria-label="Home folder"
              title="Home folder"
              onClick={() => void open(listing?.home)}
            >
              <Home size={15} aria-hidden="true" />
            </button>
            <input
              className="input mono path-chooser-path"
              aria-label="Folder"
              value={typed}
              spellCheck={false}
              onChange={(e) => {
                typedDirty.current = true;
                setTyped(e.target.value);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void open(typed);
                }
              }}
            />
            <button type="button" className="btn" onClick={() => void open(typed)}>
              Go
            </button>
          </div>
          {error && (
            <div className="inline-error" role="alert">
              {error}
            </div>
          )}
          <div className="path-chooser-list-wrap">
            {loading && !listing ? (
              <div className="path-chooser-empty">
                <Spinner size={16} label="Loading folder" />
              </div>
            ) : entries.length === 0 ? (
              <div className="path-chooser-empty">This folder is empty.</div>
            ) : (
              <ul
                ref={listRef}
                className="path-chooser-list"
                role="listbox"
                aria-label={listing ? `Contents of ${listing.path}` : 'Contents'}
                onKeyDown={onListKey}
              >
                {entries.map((e) => {
                  const pickable = mode === 'directory' ? e.kind === 'dir' : true;
                  const isSel = selected === e.name;
                  return (
                    <li
                      key={e.name}
                      role="option"
                      aria-selected={isSel}
                      aria-disabled={!pickable || undefined}
                      tabIndex={isSel || (!selected && e === entries[0]) ? 0 : -1}
                      className={`path-chooser-item${isSel ? ' is-selected' : ''}${pickable ? '' : ' is-dim'}`}
                      onClick={() => {
                        if (!pickable) return;
                        setSelected(e.name);
                        if (mode === 'save' && e.kind !== 'dir') setFileName(e.name);
                      }}
                      onDoubleClick={() => activate(e)}
                      onKeyDown={(ev) => {
                        if (ev.key === 'Enter') {
                          ev.preventDefault();
                          activate(e);
                        }
                      }}
                    >
                      {e.kind === 'dir' ? (
                        <Folder size={14} aria-hidden="true" className="path-chooser-icon is-dir" />
                      ) : (
                        <File size={14} aria-hidden="true" className="path-chooser-icon" />
                      )}
                      <span className="path-chooser-name">{e.name}</span>
                      {e.kind === 'file' && e.size !== undefined && (
                        <span className="path-chooser-size">{formatBytes(e.size)}</span>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
          {listing?.truncated && <div className="field-hint">Only the first 5,000 entries are shown.</div>}
          {mode === 'save' && (
            <label className="path-chooser-filename">
              <span>File name</span>
              <input
                className="input mono"
                value={fileName}
                spellCheck={false}
                onChange={(e) => setFileName(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && chosen) {
                    e.preventDefault();
                    onChoose(chosen);
                  }
                }}
              />
            </label>
          )}
          {chosen && (
            <div className="path-chooser-chosen" aria-live="polite">
              <span className="cell-muted">Selected:</span> <span className="mono">{chosen}</span>
            </div>
          )}
        </div>
      </Dialog>
    </div>
  );
}
