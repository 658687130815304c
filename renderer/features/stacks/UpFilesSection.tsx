import { ArrowDown, ArrowUp, FileText, Plus, X } from 'lucide-react';
import { useState } from 'react';
import type { ComposeFiles } from '../../../shared/contracts/stacks';
import { FormSection } from '../../components/FormField';
import { IconButton } from '../../components/IconButton';
import { PathChooser } from '../../components/PathField';
import { chooserStart } from '../../presentation/paths';

/**
 * The compose files of an Up, in order (`-f` each; later ones override earlier ones): add with the
 * in-app host chooser, move up/down, remove. A file the server could not read says why at its row.
 */
export function UpFilesSection({
  id,
  files,
  onChange,
  error,
  read,
}: {
  id: string;
  files: readonly string[];
  onChange(files: string[]): void;
  error: string | undefined;
  read: ComposeFiles | undefined;
}) {
  const [choosing, setChoosing] = useState(false);
  const move = (i: number, by: number): void => {
    const next = [...files];
    const [f] = next.splice(i, 1);
    if (f === undefined) return;
    next.splice(i + by, 0, f);
    onChange(next);
  };
  const last = files[files.length - 1];
  return (
    <FormSection id={id} title="Compose files" hint="In order: later files override earlier ones.">
      {files.length > 0 && (
        <ol className="stack-files" aria-label="Compose files">
          {files.map((f, i) => {
            const readError = read?.files.find((r) => r.path === f)?.error;
            return (
              <li key={`${f}-${i}`} className="stack-file" aria-label={f}>
                <span className="stack-file-n tabular" aria-hidden="true">
                  {i + 1}
                </span>
                <FileText size={13} aria-hidden="true" className="cell-muted" />
                <span className="mono truncate stack-file-path" title={f}>
                  {f}
                </span>
                <IconButton
                  size="sm"
                  label={`Move ${f} up`}
                  icon={ArrowUp}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                />
                <IconButton
                  size="sm"
                  label={`Move ${f} down`}
                  icon={ArrowDown}
                  disabled={i === files.length - 1}
                  onClick={() => move(i, 1)}
                />
                <IconButton
                  size="sm"
                  label={`Remove ${f}`}
                  icon={X}
                  onClick={() => onChange(files.filter((_, j) => j !== i))}
                />
                {readError && (
                  <div className="field-error stack-file-error" role="alert">
                    {readError}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <button type="button" className="btn btn-sm" id={`${id}-add`} onClick={() => setChoosing(true)}>
        <Plus size={13} aria-hidden="true" />
        {files.length === 0 ? 'Choose compose file…' : 'Add file…'}
      </button>
      {error && (
        <div className="form-section-error" role="alert" id={`${id}-error`}>
          {error}
        </div>
      )}
      {choosing && (
        <PathChooser
          title="Choose a compose file"
          mode="file"
          start={chooserStart(last ?? '', undefined)}
          onCancel={() => setChoosing(false)}
          onChoose={(p) => {
            setChoosing(false);
            if (!files.includes(p)) onChange([...files, p]);
          }}
        />
      )}
    </FormSection>
  );
}
