import { useId, useMemo, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import {
  composeCommandPreview,
  EMPTY_UP_FORM,
  runTitle,
  toTarget,
  toUpOp,
  validateTarget,
  type UpErrors,
  type UpField,
  type UpForm,
} from '../../presentation/compose';
import { useComposeCli } from './cliStore';
import { ComposePreview } from './ComposePreview';
import { startComposeRun } from './runStore';
import { UpFilesSection } from './UpFilesSection';
import { UpOptionsSection } from './UpOptionsSection';
import { useComposeFiles } from './useComposeFiles';

/** The last form, so reopening the dialog (or "Edit and retry" after a failed up) starts from it. */
let lastForm: UpForm = EMPTY_UP_FORM;

/**
 * "Up a compose stack": files (ordered), project name, env file, profiles, the `up` flags; beside them
 * the variables the files use and the resolved config (re-read as the files or env change), under them
 * the command a terminal would run. Submitting starts the run in the output panel.
 */
export function UpDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  if (!open) return null;
  return <OpenUpDialog onClose={onClose} />;
}

function useUpForm() {
  const [form, setForm] = useState<UpForm>(lastForm);
  const [errors, setErrors] = useState<UpErrors>({});
  const patch = (p: Partial<UpForm>): void => {
    const next = { ...form, ...p };
    lastForm = next;
    setForm(next);
    // An edited field's error goes; what the server says about the new value comes with the preview.
    setErrors((e) => {
      const out = { ...e };
      for (const k of Object.keys(p)) delete out[k as UpField];
      delete out.form;
      return out;
    });
  };
  return { form, patch, errors, setErrors };
}

function OpenUpDialog({ onClose }: { onClose(): void }) {
  const uid = useId();
  const formId = `${uid}-form`;
  const cli = useComposeCli((s) => s.info);
  const { form, patch, errors, setErrors } = useUpForm();
  // Only what `stacks.files` reads: toggling --build does not re-read the files.
  const target = useMemo(
    () => (form.files.length > 0 ? toTarget(form) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the target's own fields
    [form.files, form.project, form.envFile, form.profiles],
  );
  const preview = useComposeFiles(target);
  const shown: UpErrors = { ...preview.errors, ...errors };
  const op = toUpOp(form);
  const command = composeCommandPreview(cli, op);

  const submit = (): void => {
    const errs = validateTarget(op.target);
    if (Object.keys(errs).length > 0) {
      setErrors(errs);
      return;
    }
    const project = form.project.trim() || preview.data?.project || 'project';
    startComposeRun(op, project, runTitle(op, project));
    onClose();
  };

  return (
    <Dialog
      open
      title="Up a compose stack"
      width={1040}
      onClose={onClose}
      description="Starts the services of compose files on this engine (docker compose up -d)."
      footer={
        <>
          {shown.form && (
            <span className="field-error stack-up-form-error" role="alert">
              {shown.form}
            </span>
          )}
          <span className="dialog-footer-spacer" />
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="btn btn-primary">
            Up
          </button>
        </>
      }
    >
      <form
        id={formId}
        className="stack-up"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="stack-up-form">
          <UpFilesSection
            id={`${uid}-files`}
            files={form.files}
            onChange={(files) => patch({ files })}
            error={shown.files}
            read={preview.data}
          />
          <UpOptionsSection id={uid} form={form} patch={patch} errors={shown} read={preview.data} cli={cli} />
        </div>
        <ComposePreview data={preview.data} loading={preview.loading} />
      </form>
      <div className="form-preview">
        <label htmlFor={`${uid}-cli`} className="form-preview-label">
          Command
        </label>
        <textarea
          id={`${uid}-cli`}
          className="form-preview-text mono"
          readOnly
          value={command}
          rows={2}
          spellCheck={false}
        />
      </div>
    </Dialog>
  );
}
