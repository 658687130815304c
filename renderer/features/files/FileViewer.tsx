import { Download } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { FileContent, FilePath, FileTarget } from '../../../shared/contracts/files';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { errorMessage } from '../../components/Toasts';
import { formatBytes } from '../../presentation/format';

/** Read at most this much for the viewer (files.read's default cap). */
export const VIEW_CAP = 1024 * 1024;

/** A text file's start in a monospace pane; binary or too big → say so and offer the download. */
export function FileViewer({
  target,
  path,
  name,
  onDownload,
  onClose,
}: {
  target: FileTarget;
  path: FilePath;
  name: string;
  onDownload: () => void;
  onClose: () => void;
}) {
  const [state, setState] = useState<{ content?: FileContent; error?: string }>({});
  useEffect(() => {
    let live = true;
    api.invoke('files.read', { target, path, maxBytes: VIEW_CAP }).then(
      (content) => live && setState({ content }),
      (err: unknown) => live && setState({ error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- by value
  }, [JSON.stringify(target), path.text, path.b64]);
  const c = state.content;
  return (
    <Dialog
      open
      title={name}
      onClose={onClose}
      width={880}
      description={<span className="mono">{path.text}</span>}
      footer={
        <>
          {c?.truncated && (
            <span className="fb-dim" role="status">
              Showing the first {formatBytes(VIEW_CAP)} of {formatBytes(c.size)}
            </span>
          )}
          <span className="dialog-footer-spacer" />
          <button type="button" className="btn" onClick={onDownload}>
            <Download size={14} aria-hidden="true" />
            Download…
          </button>
          <button type="button" className="btn btn-primary" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      {state.error ? (
        <div className="inline-error" role="alert">
          Could not read {name}: {state.error}
        </div>
      ) : !c ? (
        <Spinner label="Reading file" />
      ) : c.binary ? (
        <div className="fb-binary" role="status">
          <p>This file looks binary ({formatBytes(c.size)}), so it is not shown here.</p>
          <button type="button" className="btn btn-primary" onClick={onDownload}>
            <Download size={14} aria-hidden="true" />
            Download instead
          </button>
        </div>
      ) : (
        <pre className="fb-text mono" tabIndex={0} aria-label={`Contents of ${name}`}>
          {c.text === '' ? <span className="fb-dim">(empty file)</span> : c.text}
        </pre>
      )}
    </Dialog>
  );
}
