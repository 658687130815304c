import { useState } from 'react';
import type { ComposeFiles } from '../../../shared/contracts/stacks';
import { Spinner } from '../../components/Spinner';
import { Tabs } from '../../components/Tabs';
import { baseName, yamlErrorLine } from '../../presentation/compose';
import { CodeView } from './CodeView';
import { VariablesTable } from './VariablesTable';

type Pane = 'variables' | 'config';

/** The Up dialog's right side: the variables table and the resolved config (or the CLI's error with its line). */
export function ComposePreview({ data, loading }: { data: ComposeFiles | undefined; loading: boolean }) {
  const [pane, setPane] = useState<Pane>('variables');
  const missing = data?.variables.filter((v) => v.required && v.value === undefined).length ?? 0;
  const tabs = [
    {
      value: 'variables' as const,
      label: `Variables${data ? ` (${data.variables.length})` : ''}${missing ? ' ⚠' : ''}`,
    },
    { value: 'config' as const, label: data?.config.error ? 'Resolved config ⚠' : 'Resolved config' },
  ];
  return (
    <div className="stack-preview" aria-busy={loading || undefined}>
      <Tabs
        label="Preview"
        value={pane}
        tabs={tabs}
        onChange={setPane}
        actions={loading ? <Spinner size={12} label="Reading the files" /> : undefined}
      >
        {!data ? (
          <p className="stack-pane-empty">
            {loading ? 'Reading the files…' : 'Add a compose file to see its variables and resolved config.'}
          </p>
        ) : pane === 'variables' ? (
          <div className="stack-pane-scroll">
            <VariablesTable variables={data.variables} />
          </div>
        ) : (
          <ConfigPane data={data} />
        )}
      </Tabs>
      {data?.config.error && pane === 'variables' && (
        <div className="inline-error stack-config-error" role="alert">
          The compose CLI cannot read these files: {firstLine(data.config.error)}
        </div>
      )}
    </div>
  );
}

function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim()) ?? s;
}

/** `config`'s YAML, or its error; a YAML error's line is shown marked in the file it names. */
export function ConfigPane({ data }: { data: ComposeFiles }) {
  const error = data.config.error;
  if (!error) return <CodeView label="Resolved config" text={data.config.text ?? ''} />;
  const line = yamlErrorLine(error);
  const file = data.files.find((f) => error.includes(baseName(f.path))) ?? data.files[0];
  return (
    <div className="stack-config-failed">
      <div className="inline-error mono stack-config-message" role="alert" aria-label="Compose error">
        {error}
      </div>
      {line !== undefined && file?.text !== undefined && (
        <CodeView label={`${baseName(file.path)}, line ${line}`} text={file.text} markLine={line} />
      )}
    </div>
  );
}
