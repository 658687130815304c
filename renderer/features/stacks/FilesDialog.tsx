import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { Tabs } from '../../components/Tabs';
import { baseName, targetOfStack } from '../../presentation/compose';
import type { Stack } from '../../presentation/stacks';
import { CodeView } from './CodeView';
import { ConfigPane } from './ComposePreview';
import { useComposeFiles } from './useComposeFiles';

/** A project's compose file(s), read-only, a tab per file, beside the resolved `config`. */
export function FilesDialog({ stack, onClose }: { stack: Stack; onClose(): void }) {
  const files = useComposeFiles(targetOfStack(stack), 0);
  const [tab, setTab] = useState('0');
  const data = files.data;
  const error = Object.values(files.errors)[0];
  const file = data?.files[Number(tab)];
  return (
    <Dialog
      open
      title={`Files of ${stack.project}`}
      width={1180}
      onClose={onClose}
      description={<span className="mono">{stack.workingDir}</span>}
    >
      {error ? (
        <div className="inline-error" role="alert">
          {error}
        </div>
      ) : !data ? (
        <Spinner size={16} label="Reading the files" />
      ) : (
        <div className="stack-files-view">
          <section className="stack-files-pane" aria-label="Compose files">
            <Tabs
              label="Compose files"
              value={tab}
              tabs={data.files.map((f, i) => ({ value: String(i), label: baseName(f.path) }))}
              onChange={setTab}
            >
              {file?.text !== undefined ? (
                <CodeView label={file.path} text={file.text} />
              ) : (
                <div className="inline-error" role="alert">
                  Could not read {file?.path}: {file?.error}
                </div>
              )}
            </Tabs>
          </section>
          <section className="stack-files-pane" aria-label="Resolved config">
            <div className="stack-files-pane-title">Resolved config</div>
            <ConfigPane data={data} />
          </section>
        </div>
      )}
    </Dialog>
  );
}
