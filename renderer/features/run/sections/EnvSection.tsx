import { useState } from 'react';
import { mergeEnvRows, parseEnvBlock, type KeyValueRow } from '../../../../shared/run-spec';
import { FormSection } from '../../../components/FormField';
import { KeyValueRows } from '../../../components/KeyValueRows';
import type { RunSectionProps } from './types';

/** The Run dialog's Environment section: variables, and pasting a .env block. */
export function EnvSection({ uid, spec, update, touch, errors }: RunSectionProps) {
  const [pasteOpen, setPasteOpen] = useState(false);
  return (
    <FormSection id={`${uid}-env`} title="Environment">
      <KeyValueRows
        uid={`${uid}-env`}
        noun="Variable"
        field="env"
        rows={spec.env}
        errors={errors}
        onChange={(rows, field) => update('env', rows, field)}
        onBlur={touch('env')}
        add="Add variable"
        actions={
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            aria-expanded={pasteOpen}
            onClick={() => setPasteOpen((o) => !o)}
          >
            Paste .env…
          </button>
        }
      />
      {pasteOpen && (
        <EnvPaste
          uid={uid}
          onAdd={(rows) => {
            update('env', mergeEnvRows(spec.env, rows), 'env');
            setPasteOpen(false);
          }}
        />
      )}
    </FormSection>
  );
}

function EnvPaste({ uid, onAdd }: { uid: string; onAdd: (rows: KeyValueRow[]) => void }) {
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const id = `${uid}-envpaste`;
  return (
    <div className="run-paste">
      <label htmlFor={id} className="field-label">
        Paste a .env block
      </label>
      <textarea
        id={id}
        className="input mono run-paste-text"
        rows={5}
        value={text}
        spellCheck={false}
        placeholder={'# comments and export are fine\nexport API_URL="http://api:8080"\nDEBUG=1'}
        aria-invalid={problems.length > 0 || undefined}
        aria-describedby={problems.length > 0 ? `${id}-error` : undefined}
        onChange={(e) => setText(e.target.value)}
      />
      {problems.length > 0 && (
        <div id={`${id}-error`} className="field-error">
          {problems.join('; ')}
        </div>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => {
            const { rows, errors } = parseEnvBlock(text);
            setProblems(errors);
            if (errors.length === 0) onAdd(rows);
          }}
        >
          Add variables
        </button>
      </div>
    </div>
  );
}
